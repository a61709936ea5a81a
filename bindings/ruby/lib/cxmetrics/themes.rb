# frozen_string_literal: true

require "json"

module Cxmetrics
  # Themes in free-text comments (themes.h, spec §20): a table of themes
  # (each a list of words and phrases), which themes a comment mentions, and
  # per theme how the score of those who mention it differs from the other
  # commenters'.
  #
  #   themes = Cxmetrics::Themes.default            # or Themes.from_json(path_or_text)
  #   themes.names                                  # => ["delivery", "price", ...]
  #   themes.match("My parcel never arrived")       # => ["delivery"]
  #   rows = Cxmetrics.theme_summary(comments, scores, metric: :nps)
  #   rows.first.to_h                               # => {theme: "delivery", mentions: 92.0, ...}
  #
  # Matching, folding, the tests and the adjustment are the C library's
  # (cxm_themes_*); this module converts.
  class Themes
    attr_reader :native

    # The small English table built into the library.
    def self.default
      new(Native.themes_default)
    end

    # A table from JSON text (a String whose first non-blank character is
    # "{" or "[") or from a file (any other String or Pathname).
    def self.from_json(path_or_text)
      text = path_or_text.to_s
      return new(Native.themes_from_json(text)) if text.lstrip.start_with?("{", "[")

      new(Native.themes_read_json(text))
    end

    def initialize(native)
      @native = native
      @names = Array.new(Native.themes_count(native)) { |i| Native.themes_name(native, i).freeze }.freeze
      freeze
    end

    # The theme names, in the table's order.
    attr_reader :names

    def size
      @names.size
    end

    # The names of the themes `text` mentions, in the table's order; nil
    # (a missing comment) mentions nothing.
    def match(text)
      return [] if text.nil?

      hits = Native.themes_match(@names.size, @native, text.to_str)
      @names.each_index.select { |i| hits[i] != 0 }.map { |i| @names[i] }
    end

    def inspect
      "#<#{self.class.name} #{@names.join(', ')}>"
    end
  end

  # One theme of Cxmetrics.theme_summary: the columns of the C table
  # (spec §20.5); NaN (nothing to compare) is nil.
  ThemeSummaryRow = Struct.new(:theme, :comments, :mentions, :share, :metric, :n_mentioned, :n_other,
                               :score_mentioned, :score_other, :diff, :lower, :upper, :p_value, :p_adjusted,
                               keyword_init: true) do
    include Serial::Methods

    def self.from_h(hash)
      new(**Serial.fields(hash, members, name))
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text
  end

  # The summary: an Array of ThemeSummaryRow (to_h, to_json) with the
  # table's attributes (rows, missing, empty, comments, scored, unscored,
  # metric, adjust, conf) in #attrs.
  class ThemeSummary < Array
    attr_reader :attrs

    def initialize(rows, attrs)
      super(rows)
      @attrs = attrs.freeze
    end

    # {themes: [row Hashes], attrs: {...}}.
    def to_h
      { themes: map(&:to_h), attrs: @attrs }
    end

    include Serial::Methods

    # A summary from a Hash as to_h / as_json gives it (attrs' nulls NaN).
    def self.from_h(hash)
      h = Serial.fields(hash, %i[themes attrs], name)
      rows = Convert.array(h[:themes], "themes").map { |r| ThemeSummaryRow.from_h(r) }
      new(rows, (h[:attrs] || {}).to_h { |k, v| [k.to_sym, v.nil? ? Float::NAN : v] })
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text

    # The same rows and attributes (NaN equal to NaN).
    def ==(other)
      other.is_a?(ThemeSummary) && to_a == other.to_a && Serial.same?(attrs, other.attrs)
    end
    alias eql? ==

    def hash
      [to_a, attrs.keys].hash
    end
  end

  # Per theme: comments (non-empty), mentions, share (%), and with scores the
  # score of those who mention it against the other commenters' (NPS points
  # or % satisfied), diff, lower, upper, p_value (NPS: adjusted Wald, spec
  # §1.6; CSAT: pooled two-proportion z), p_adjusted (holm by default, :bh,
  # :none). comments: Strings (nil: missing); scores: one per comment (nil or
  # NaN: no score) or nil; themes: a Themes (default: Themes.default), a path
  # or JSON text; scale: lo..hi (default 0..10 for :nps, 1..5 for :csat).
  def self.theme_summary(comments, scores = nil, themes: nil, metric: :nps, scale: nil, threshold: nil, adjust: :holm,
                         conf: 0.95)
    themes = Themes.default if themes.nil?
    themes = Themes.from_json(themes) unless themes.is_a?(Themes)
    texts = Convert.array(comments, "comments").map { |c| c.nil? ? nil : c.to_str }
    m = Convert.word(Native::NAMES_SURVEY_METRIC, metric)
    sc = scores.nil? ? [] : Convert.array(scores, "scores").each_with_index.map { |v, i| v.nil? ? Float::NAN : Convert.number(v, "scores[#{i}]") }
    lo, hi = if scale then Convert.scale(scale)
             elsif m == Native::SURVEY_NPS then [0, 10]
             else [Native::CSAT_SCALE_LO_DEFAULT, Native::CSAT_SCALE_HI_DEFAULT]
             end
    thr = threshold.nil? ? Native::CSAT_DEFAULT_THRESHOLD : Convert.integer(threshold, "threshold")
    adj = Convert.word(Native::NAMES_P_ADJUST, adjust)
    table = Table.from_native(Native.themes_summary(themes.native, texts, sc, m, Convert.integer(lo, "lo"), Convert.integer(hi, "hi"), thr,
                                                    adj, Convert.number(conf, "conf")))
    rows = table.map do |r|
      ThemeSummaryRow.new(**r.transform_values { |v| v.is_a?(Float) && v.nan? ? nil : v })
    end
    ThemeSummary.new(rows, table.attrs)
  end
end
