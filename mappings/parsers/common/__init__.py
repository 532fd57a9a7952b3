"""Helpers shared by the format packages: streaming XML records (``xml_stream``), decoding text (``text_input``)."""
