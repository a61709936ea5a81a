# frozen_string_literal: true

# Cxmetrics.journey_html (spec §26): the journey page from Cxmetrics::Table
# objects and native tables. The tables are made here by hand (a 200 -> 80
# -> 20 funnel with Wilson bounds from the textbook formula, three monthly
# cohorts with Date labels, a pyramid with one suppressed group); the
# expected SVG coordinates and colours are worked from them by hand with the
# page's layout (bars from x = 170, 350 px for 100 % of step 1; ColorBrewer
# Blues over 0-100 %; the pyramid's base 170 px wide).
require_relative "test_helper"
require "date"

class TestJourneyHtml < Minitest::Test
  Z = 1.959963984540054

  # Wilson score interval (Wilson 1927; Agresti & Coull 1998, eq. 2), in %.
  def wilson(x, n)
    p = x.fdiv(n)
    d = 1 + Z**2 / n
    c = (p + Z**2 / (2 * n)) / d
    h = Z * Math.sqrt(p * (1 - p) / n + Z**2 / (4.0 * n * n)) / d
    [100 * (c - h), 100 * (c + h)]
  end

  def funnel(by: false)
    counts = [200.0, 80.0, 20.0]
    cols = { step: [1.0, 2.0, 3.0], event: %w[view cart buy], customers: counts,
             conversion: [100.0, 40.0, 25.0], lower: [], upper: [],
             drop_off: [60.0, 75.0, Float::NAN], overall: [100.0, 40.0, 10.0] }
    counts.each_with_index do |c, j|
      lo, hi = wilson(c, j.zero? ? c : counts[j - 1])
      cols[:lower] << lo
      cols[:upper] << hi
    end
    if by
      cols = cols.transform_values { |v| v + v }
      cols = { channel: ["(all)"] * 3 + ["web <&>"] * 3 }.merge(cols)
    end
    Cxmetrics::Table.new(cols, attrs: { kind: "funnel", mode: "strict", window_seconds: 86_400.0 })
  end

  def cohorts
    jan, feb = Date.new(2024, 1, 1), Date.new(2024, 2, 1)
    Cxmetrics::Table.new({ cohort: [jan, jan, feb], period: [0, 1, 0], customers: [10, 10, 5],
                           active: [10, 4, 5], retention: [100.0, 40.0, 100.0] },
                         attrs: { kind: "cohort", every: "month" })
  end

  def pyramid
    Cxmetrics::Table.new({ region: ["(all)", "east", "west"], period: ["", "", ""], n: [50, 40, 10],
                           cxi: [10.0, 12.0, Float::NAN], needs: [30.0, 35.0, Float::NAN],
                           ease: [10.0, 11.0, Float::NAN], emotion: [-10.0, -10.0, Float::NAN],
                           level1: [60.0, 50.0, Float::NAN], level2: [40.0, 30.0, Float::NAN],
                           level3: [20.0, 10.0, Float::NAN], suppressed: [0, 0, 1] },
                         attrs: { kind: "pyramid", min_n: 20 })
  end

  def test_funnel_bars_and_whiskers
    html = Cxmetrics.journey_html(funnel, title: "Q1 <journey>")
    assert html.start_with?("<!DOCTYPE html>\n")
    assert_includes html, "<title>Q1 &lt;journey&gt;</title>"
    refute_includes html, "http"
    widths = html.scan(/class="cxj-bar" x="170.0" y="[\d.]+" width="([\d.]+)"/).flatten
    assert_equal %w[350.0 140.0 35.0], widths
    lo, hi = wilson(80, 200)
    assert_includes html, format('d="M%.1f ', 170 + 3.5 * lo) + format('%.1fH%.1fM', 46.0, 170 + 3.5 * hi)
    lo, hi = wilson(20, 80)
    assert_includes html, format('d="M%.1f 76.0H%.1fM', 170 + 3.5 * 0.4 * lo, 170 + 3.5 * 0.4 * hi)
    assert_includes html, "Mode: strict."
    assert_includes html, "Window: 24 h."
  end

  def test_funnel_groups_escaped
    html = Cxmetrics.journey_html([funnel(by: true)])
    assert_equal 3, html.scan('height="16" fill="#000000"').size
    assert_equal 3, html.scan('height="16" fill="#0072B2"').size
    assert_includes html, ">web &lt;&amp;&gt;</text>"
    refute_includes html, "web <&>"
  end

  def test_cohort_heat_map_from_dates
    html = Cxmetrics.journey_html(cohorts)
    assert_equal 3, html.scan('<g class="cxj-cell">').size
    # 100 % is Blues' darkest, #08306b; 40 % is 3.2 classes: #9ecae1 + 0.2 (#6baed6 - #9ecae1) = #94c4df
    assert_equal 2, html.scan('fill="#08306b"').size
    assert_equal 1, html.scan('fill="#94c4df"').size
    assert_includes html, ">2024-01-01 (10)</text>"
    assert_includes html, "<td class=\"cxs-t\">2024-02-01</td>"
    # the same from day numbers (how the library's tables hold days)
    days = Cxmetrics::Table.new(cohorts.columns.merge(cohort: [19_723, 19_723, 19_754]), attrs: cohorts.attrs)
    assert_equal html, Cxmetrics.journey_html(days)
  end

  def test_pyramid_levels_and_suppressed
    html = Cxmetrics.journey_html(pyramid)
    assert_equal 6, html.scan('class="cxj-level"').size
    assert_equal 3, html.scan('stroke-dasharray="4 3"').size
    # (all)'s level 1: 60 % of the base band, half-widths 85 and 60 around x = 95, y 108 to 80
    assert_includes html, 'points="44.0,108.0 146.0,108.0 131.0,80.0 59.0,80.0"'
    assert_includes html, "suppressed (n &lt; min_n)"
    assert_includes html, "fewer than 20 respondents are suppressed"
  end

  def test_native_tables
    t = Cxmetrics::Native.table_new
    Cxmetrics::Native.table_add_texts(t, "from", %w[view cart])
    Cxmetrics::Native.table_add_texts(t, "to", %w[cart buy])
    Cxmetrics::Native.table_add_numbers(t, "count", [3.0, 1.0])
    Cxmetrics::Native.table_set_attr_text(t, "kind", "transitions")
    html = Cxmetrics.journey_html([t, funnel])
    assert_equal 2, html.scan('<section class="cxj-').size
    assert_includes html, '<td data-v="3">3</td>'
  end

  def test_errors
    bad = Cxmetrics::Table.new(funnel.columns.reject { |k, _| k == :overall }, attrs: funnel.attrs)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.journey_html([cohorts, bad]) }
    # the binding's messages are byte strings (errors.i: rb_exc_new_cstr); the library writes UTF-8
    assert_includes e.message.dup.force_encoding(Encoding::UTF_8),
                    "tables[1] (kind 'funnel'): there is no NUMBER column 'overall' (spec §22 schema)"
    text = Cxmetrics::Table.new(funnel.columns.merge(conversion: %w[a b c]), attrs: funnel.attrs)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.journey_html(text) }
    assert_includes e.message, "column 'conversion' is TEXT, not NUMBER"
    odd = Cxmetrics::Table.new(funnel.columns, attrs: { kind: "sankey" })
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.journey_html(odd) }
    assert_includes e.message, "tables[0]: unknown kind 'sankey' (kinds: funnel, funnel_next"
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.journey_html([]) }
    assert_includes e.message, "n_tables is 0"
    e = assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.journey_html([funnel, 3]) }
    assert_includes e.message, "tables[1]: expected a Cxmetrics::Table or a native table, got 3 (Integer)"
    assert_kind_of Cxmetrics::Error, Cxmetrics::InvalidArgument.new("x")
  end
end
