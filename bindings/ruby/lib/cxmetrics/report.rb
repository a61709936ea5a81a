# frozen_string_literal: true

module Cxmetrics
  # NPS, CSAT and CES with intervals from the columns of a CSV file, streamed
  # through accumulators (report.h). The metrics, their words and every
  # default are the library's (Native::NAMES_SURVEY_METRIC, cxm_survey_opts).
  # A metric may score several columns (csat_column: %w[q1 q2 q3]), each on
  # its own; answers written as a no-answer code (na_values: [0, 99]) are
  # skipped and counted apart from the empty fields (spec §0.13).
  #
  #   report = Cxmetrics::SurveyReport.from_csv("answers.csv")
  #   report.nps.nps; report.csat.pct_satisfied; puts report.render(:text)
  class SurveyReport
    # Score the columns of a CSV file. Options left out keep the library's
    # defaults (cxm_survey_opts_new): the columns "nps", "csat" and "ces",
    # each optional (skipped when the file lacks it), NPS on 0-10, CSAT on 1-5
    # with top-2-box satisfied, CES on 1-5, empty answers skipped and counted
    # (nan_policy: :omit), no code for "no answer", 95 % intervals, delimiter
    # ",". na_values: codes that mean "no answer" in every column ([0, 99]);
    # a code on the scale of a metric the file has is refused (0 is an NPS
    # answer): give it per metric. For each metric (nps, csat, ces):
    #   <metric>_column:    a column that must exist, an Array of columns
    #                       (each scored on its own), or nil to skip the metric;
    #   <metric>_scale:     a Range (1..7), [lo, hi] or an NPS scale word ("1-10");
    #   <metric>_threshold: the CSAT threshold (nil: the default);
    #   <metric>_na_values: no-answer codes of its columns (with na_values).
    def self.from_csv(path, nan_policy: nil, conf: nil, delimiter: nil, na_values: nil, **metric_options)
      opts = Native.survey_opts_new
      given = metric_options.dup
      codes = []
      Convert.words(Native::NAMES_SURVEY_METRIC).each do |word|
        metric = Native.names_parse(Native::NAMES_SURVEY_METRIC, word)
        option = ->(name) { given.key?(key = :"#{word}_#{name}") ? [true, given.delete(key)] : [false, nil] }
        set, column = option.(:column)
        set_columns(opts, metric, column) if set
        set, scale = option.(:scale)
        Native.survey_opts_set_scale(opts, metric, *Convert.scale_range(scale)) if set
        set, threshold = option.(:threshold)
        Native.survey_opts_set_threshold(opts, metric, threshold || CSAT_DEFAULT_THRESHOLD) if set
        set, metric_codes = option.(:na_values)
        codes << [metric, metric_codes] if set && !metric_codes.nil?
      end
      raise ArgumentError, "unknown keyword#{given.size > 1 ? 's' : ''}: #{given.keys.map(&:inspect).join(', ')}" unless given.empty?

      Native.survey_opts_set_na_values(opts, Native::SURVEY_ALL, code_list(na_values)) unless na_values.nil?
      # after the scales: a metric's codes must lie off its scale
      codes.each { |metric, list| Native.survey_opts_set_na_values(opts, metric, code_list(list)) }
      Native.survey_opts_set_nan_policy(opts, Convert.nan_policy(nan_policy)) unless nan_policy.nil?
      Native.survey_opts_set_conf(opts, conf) unless conf.nil?
      Native.survey_opts_set_delimiter(opts, delimiter) unless delimiter.nil?
      new(Native.survey_report_from_csv(path.to_s, opts))
    end

    # One column (String or Symbol), nil (the metric left out) or an Array of
    # columns: the first set, the others added.
    def self.set_columns(opts, metric, column)
      return Native.survey_opts_set_column(opts, metric, column&.to_s) unless column.is_a?(Array)
      raise InvalidArgument, "BAD_ARG: an Array of columns must name at least one column (nil leaves the metric out)" if column.empty?

      Native.survey_opts_set_column(opts, metric, column.first.to_s)
      column.drop(1).each { |c| Native.survey_opts_add_column(opts, metric, c.to_s) }
    end
    private_class_method :set_columns

    # A code or a list of codes, as Floats.
    def self.code_list(value)
      Array(value).map { |v| Float(v) }
    end
    private_class_method :code_list

    def initialize(native)
      @native = native
    end

    # Data rows read.
    def rows
      Native.survey_report_rows(@native)
    end

    def path
      Native.survey_report_path(@native)
    end

    # Whether a metric (:nps, :csat, :ces) was computed.
    def has?(metric)
      Native.survey_report_has(@native, metric_id(metric)) == 1
    end

    # The metrics computed, e.g. [:nps, :csat].
    def metrics
      Convert.words(Native::NAMES_SURVEY_METRIC).map(&:to_sym).select { |m| has?(m) }
    end

    # The column configured for a metric (nil when none).
    def column(metric)
      Native.survey_report_column(@native, metric_id(metric))
    end

    # Empty answers skipped in a metric's column.
    def missing(metric)
      Native.survey_report_missing(@native, metric_id(metric))
    end

    # Answers of a metric's (first) column that were a no-answer code.
    def no_answer(metric)
      Native.survey_report_no_answer_at(@native, metric_id(metric), 0)
    end

    # The columns a metric scored, in order ([] when not computed).
    def columns_of(metric)
      m = metric_id(metric)
      Array.new(Native.survey_report_columns(@native, m)) { |i| Native.survey_report_column_at(@native, m, i) }
    end

    # { column => its result (NpsResult, CsatResult or CesResult) } for every
    # column of a metric, in order.
    def results(metric)
      m = metric_id(metric)
      cls, get = { Native::SURVEY_NPS => [NpsResult, :survey_report_nps_at],
                   Native::SURVEY_CSAT => [CsatResult, :survey_report_csat_at],
                   Native::SURVEY_CES => [CesResult, :survey_report_ces_at] }.fetch(m)
      columns_of(m).each_with_index.to_h { |c, i| [c, cls.from_native(Native.send(get, @native, i))] }
    end

    # { column => NpsInterval } for every NPS column (:adjusted_wald or :wald).
    def nps_intervals(method: :adjusted_wald)
      id = Convert.word(Native::NAMES_NPS_METHOD, method)
      columns_of(:nps).each_with_index.to_h do |c, i|
        [c, NpsInterval.from_native(Native.survey_report_nps_interval_at(@native, i, id))]
      end
    end

    # { column => empty answers skipped } for every column of a metric.
    def missing_by_column(metric)
      m = metric_id(metric)
      columns_of(m).each_with_index.to_h { |c, i| [c, Native.survey_report_missing_at(@native, m, i)] }
    end

    # { column => no-answer codes skipped } for every column of a metric.
    def no_answer_by_column(metric)
      m = metric_id(metric)
      columns_of(m).each_with_index.to_h { |c, i| [c, Native.survey_report_no_answer_at(@native, m, i)] }
    end

    def nps
      NpsResult.from_native(Native.survey_report_nps(@native))
    end

    # :adjusted_wald (default) or :wald, at the report's confidence level.
    def nps_interval(method: :adjusted_wald)
      NpsInterval.from_native(Native.survey_report_nps_interval(@native,
                                                                Convert.word(Native::NAMES_NPS_METHOD, method)))
    end

    def csat
      CsatResult.from_native(Native.survey_report_csat(@native))
    end

    def ces
      CesResult.from_native(Native.survey_report_ces(@native))
    end

    # The report as text (:text) or JSON (:json).
    def render(format = :text)
      Native.survey_report_render(@native, Convert.word(Native::NAMES_FORMAT, format))
    end

    def to_s
      render(:text)
    end

    def to_json(*)
      render(:json)
    end

    def inspect
      "#<#{self.class.name} #{path} rows=#{rows} metrics=#{metrics}>"
    end

    private

    def metric_id(metric)
      Convert.word(Native::NAMES_SURVEY_METRIC, metric)
    end
  end
end
