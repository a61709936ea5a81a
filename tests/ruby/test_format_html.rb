# frozen_string_literal: true

require_relative "test_helper"

# The output format word "html" (CXM_FORMAT_HTML = 3, spec §18.9) through the
# names table, as every front end spells formats.
class TestFormatHtml < Minitest::Test
  N = Cxmetrics::Native

  def test_html_is_format_3
    assert_equal 3, N::FORMAT_HTML
    assert_equal N::FORMAT_HTML, N.names_parse(N::NAMES_FORMAT, "html")
    assert_equal "html", N.names_word(N::NAMES_FORMAT, N::FORMAT_HTML)
    assert_equal %w[text json csv html], (0..3).map { |v| N.names_word(N::NAMES_FORMAT, v) }
    assert_equal N::FORMAT_TEXT, N.names_parse(N::NAMES_FORMAT, "table") # an alias
  end

  def test_unknown_format_lists_html
    err = assert_raises(Cxmetrics::InvalidArgument) { N.names_parse(N::NAMES_FORMAT, "pdf") }
    assert_includes err.message, "text, json, csv or html"
  end
end
