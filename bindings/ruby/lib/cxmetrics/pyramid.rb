# frozen_string_literal: true

require "json"

module Cxmetrics
  # The CX Index and the CX pyramid (spec §25). CXi is Forrester's index as
  # R marketr's cxi_calc computes it: per question (meets needs, easy,
  # enjoyable) % answers >= high minus % answers <= low; cxi = their mean.
  # Pyramid levels (of respondents with all three answered): level1 needs >=
  # high; level2 also ease; level3 also emotion. marketr counts a missing
  # answer as "MID"; here nan_policy: :error refuses it and :omit leaves it
  # out of its question (and the respondent out of the levels).
  CxiResult = Result.for_native(:cxi_result)

  # The PYRAMID table: rows (Arrays of Hashes, NaN as nil) and attrs.
  class Pyramid
    attr_reader :rows, :attrs

    def initialize(table)
      @rows = table.map { |row| row.transform_keys(&:to_sym).transform_values { |v| Result.value(v) }.freeze }.freeze
      @attrs = table.attrs
      freeze
    end

    def to_h
      { rows: @rows, attrs: @attrs }
    end

    include Serial::Methods

    # A pyramid from a Hash as to_h / as_json gives it (attrs' nulls NaN).
    def self.from_h(hash)
      h = Serial.fields(hash, %i[rows attrs], name)
      allocate.tap do |p|
        rows = Convert.array(h[:rows], "rows").map { |r| r.to_h { |k, v| [k.to_sym, v] }.freeze }.freeze
        p.instance_variable_set(:@rows, rows)
        p.instance_variable_set(:@attrs, (h[:attrs] || {}).to_h { |k, v| [k.to_sym, v.nil? ? Float::NAN : v] }.freeze)
        p.freeze
      end
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text

    def ==(other)
      other.is_a?(Pyramid) && Serial.same?(to_h, other.to_h)
    end
    alias eql? ==

    def hash
      rows.hash
    end
  end

  module_function

  # CX Index of three answers per respondent -> CxiResult (cxm_cxi).
  #   Cxmetrics.cxi([5, 4], [4, 2], [3, 5]).cxi
  # scale: a Range or [lo, hi]; high/low: nil for marketr's 4 and 2; nil
  # answers are missing (nan_policy :error or :omit).
  def cxi(needs, ease, emotion, scale: 1..5, high: nil, low: nil, nan_policy: :error, conf: Native::CONF_DEFAULT)
    lo, hi = Convert.scale_range(scale)
    CxiResult.from_native(Native.cxi(Convert.array(needs, "needs"), Convert.array(ease, "ease"),
                                     Convert.array(emotion, "emotion"), lo, hi,
                                     high.nil? ? Native::CXI_DEFAULT_HIGH : Convert.integer(high, "high"),
                                     low.nil? ? Native::CXI_DEFAULT_LOW : Convert.integer(low, "low"),
                                     Convert.nan_policy(nan_policy), conf))
  end

  # The pyramid by group and period through the survey report's engine ->
  # Pyramid. source: a CSV path or a Hash of Arrays (column => values).
  # by:, time:, every:, min_n:, utc_offset:, skip_bad_rows:, threads: as
  # Cxmetrics.survey_report; needs:, ease:, emotion: the question columns.
  def pyramid(source, needs: "needs", ease: "ease", emotion: "emotion", by: nil, time: nil, every: nil,
              utc_offset: "+00:00", scale: 1..5, high: nil, low: nil, min_n: nil, nan_policy: nil, conf: nil,
              skip_bad_rows: false, threads: nil, delimiter: nil)
    lo, hi = Convert.scale_range(scale)
    opts = Native.survey_opts_new
    [Native::SURVEY_NPS, Native::SURVEY_CSAT, Native::SURVEY_CES].each do |m|
      Native.survey_opts_set_column(opts, m, nil) # the pyramid alone
    end
    Native.survey_opts_set_pyramid(opts, needs.to_s, ease.to_s, emotion.to_s, lo, hi,
                                   high.nil? ? Native::CXI_DEFAULT_HIGH : Convert.integer(high, "high"),
                                   low.nil? ? Native::CXI_DEFAULT_LOW : Convert.integer(low, "low"))
    Native.survey_opts_set_nan_policy(opts, Convert.nan_policy(nan_policy)) unless nan_policy.nil?
    Native.survey_opts_set_conf(opts, conf) unless conf.nil?
    Native.survey_opts_set_delimiter(opts, delimiter) unless delimiter.nil?
    GroupedOptions.apply(opts, by: by, time: time, every: every, utc_offset: utc_offset, min_n: min_n,
                               adjust: nil, drivers: nil, drivers_outcome: nil, themes: nil, comment_column: nil,
                               times: nil, ces_agree: nil, skip_bad_rows: skip_bad_rows, threads: threads)
    report = if source.is_a?(Hash)
               Native.survey_report_from_table(GroupedOptions.native_table(source), opts)
             else
               Native.survey_report_from_csv(source.to_s, opts)
             end
    Pyramid.new(Table.from_native(Native.survey_report_pyramid(report)))
  end
end
