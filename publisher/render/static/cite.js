// The "Cite this" box of a work page: switch citation styles in place and copy the reference.
// The page works without it: the style picker is a form that reloads the page with ?style=.
(function () {
  "use strict";
  var box = document.getElementById("cite");
  if (!box || !window.fetch) { return; }
  var form = box.querySelector("form.cite-style");
  var picker = box.querySelector("select");
  var output = box.querySelector(".reference");
  var show = box.querySelector(".cite-show");
  var copy = box.querySelector(".cite-copy");
  if (!form || !picker || !output) { return; }
  var source = output.getAttribute("data-source");
  var known = {};
  known[output.getAttribute("data-style") || picker.value] = output.textContent;
  var numbered = /^(?:\[\d+\]|\d+\.)\s+/;  // a numbered style's "1. " before a lone reference

  function display(style, text) {
    output.textContent = text;
    output.setAttribute("data-style", style);
    output.removeAttribute("aria-busy");
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?style=" + encodeURIComponent(style) + "#cite");
    }
  }

  if (source) {
    if (show) { show.hidden = true; }
    picker.addEventListener("change", function () {
      var style = picker.value;
      if (known[style]) { display(style, known[style]); return; }
      output.setAttribute("aria-busy", "true");
      fetch(source + "?style=" + encodeURIComponent(style), { headers: { "Accept": "text/x-bibliography" } })
        .then(function (answer) {
          if (!answer.ok) { throw new Error("HTTP " + answer.status); }
          return answer.text();
        })
        .then(function (text) {
          known[style] = text.trim().replace(numbered, "");
          if (picker.value === style) { display(style, known[style]); }
        })
        .catch(function () { form.submit(); });  // as without JavaScript: reload with ?style=
    });
  }
  if (copy && navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(output.textContent).then(function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy"; }, 2000);
      }, function () { copy.textContent = "Copy failed"; });
    });
  }
}());
