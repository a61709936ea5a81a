"""The output format word "html" (CXM_FORMAT_HTML = 3, spec §18.9) through
the names table, as every front end spells formats."""
import pytest

import cxmetrics
from cxmetrics import native


def test_html_is_format_3():
    assert native.FORMAT_HTML == 3
    assert native.names_parse(native.NAMES_FORMAT, "html") == native.FORMAT_HTML
    assert native.names_word(native.NAMES_FORMAT, native.FORMAT_HTML) == "html"
    # the canonical words, in listing order; "table" stays an alias of text
    words = [native.names_word(native.NAMES_FORMAT, v) for v in range(4)]
    assert words == ["text", "json", "csv", "html"]
    assert native.names_parse(native.NAMES_FORMAT, "table") == native.FORMAT_TEXT


def test_unknown_format_lists_html():
    with pytest.raises(cxmetrics.InvalidArgument, match="text, json, csv or html"):
        native.names_parse(native.NAMES_FORMAT, "pdf")
