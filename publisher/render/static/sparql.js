// The SPARQL query page: example picker and Ctrl/Cmd+Enter to run. The page works without it.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var editor = document.getElementById("query");
  var picker = document.getElementById("example");
  if (!form || !editor) { return; }
  var examples = [];
  try { examples = JSON.parse(picker.getAttribute("data-examples") || "[]"); } catch (e) { examples = []; }
  picker.addEventListener("change", function () {
    var i = parseInt(picker.value, 10);
    if (!isNaN(i) && examples[i]) { editor.value = examples[i]; editor.focus(); }
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }
  });
}());
