# frozen_string_literal: true

require "json"

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
    def self.from_csv(path, **options)
      new(Native.survey_report_from_csv(path.to_s, options(**options)))
    end

    # The options object of the plain options (from_csv's).
    def self.options(nan_policy: nil, conf: nil, delimiter: nil, na_values: nil, **metric_options)
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
      opts
    end
    private_class_method :options

    # The report by group and period (spec §18) from a CSV path or a Hash of
    # Arrays (Cxmetrics.survey_report documents the options).
    def self.grouped(source, by: nil, time: nil, every: nil, utc_offset: "+00:00", min_n: nil, adjust: nil,
                     drivers: nil, drivers_outcome: nil, themes: nil, comment_column: nil, times: nil,
                     ces_agree: nil, skip_bad_rows: false, threads: nil, **plain)
      opts = options(**plain) # ces_scale: among them, set before ces_agree:
      keep = [GroupedOptions.apply(opts, by: by, time: time, every: every, utc_offset: utc_offset, min_n: min_n,
                                         adjust: adjust, drivers: drivers, drivers_outcome: drivers_outcome,
                                         themes: themes, comment_column: comment_column, times: times,
                                         ces_agree: ces_agree, skip_bad_rows: skip_bad_rows, threads: threads)]
      if source.is_a?(Hash)
        table = GroupedOptions.native_table(source)
        keep << table
        return new(Native.survey_report_from_table(table, opts), keep)
      end
      new(Native.survey_report_from_csv(source.to_s, opts), keep)
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
    def self.code_list(value, what = "na_values")
      Array(value).each_with_index.map { |v, i| Convert.number(v, "#{what}[#{i}]") }
    end
    private_class_method :code_list

    def initialize(native, keep = [], data = nil)
      @native = native
      @keep = keep # the theme table and source table the report was computed from
      # read from JSON (from_h): no C report; every data accessor reads this
      # snapshot (to_h with Symbol keys), render raises
      @data = data
    end

    # ---- by group and period (spec §18) ----------------------------------------

    # One SurveyRow per group x period x metric (spec §18 "CELLS"): the group
    # columns, period, metric, n, score, lower, upper, change, p_value,
    # p_adjusted, suppressed, missing, promoters, passives, detractors,
    # wald_lower, wald_upper (NaN as nil). [] for a plain report.
    def cells
      table_rows(:survey_report_cells)
    end

    # Each group's cell against the rest of its period (needs by:).
    def vs_rest
      table_rows(:survey_report_vs_rest)
    end

    # The key drivers (needs drivers:).
    def drivers
      table_rows(:survey_report_drivers)
    end

    # Theme mentions per cell (needs comment_column:).
    def themes
      table_rows(:survey_report_themes)
    end

    # The rows of an output table; [] from a library built without that part
    # (nothing of it was computed).
    def table_rows(name)
      return @data[name.to_s.delete_prefix("survey_report_").to_sym] if @data
      return [] unless Native.respond_to?(name)

      SurveyRow.rows(Native.public_send(name, @native))
    end
    private :table_rows

    # The attributes of the cells table (rows, skipped counts, min_n, conf,
    # adjust, file), Symbol keys.
    def cells_attrs
      return @data[:cells_attrs] if @data

      Table.from_native(Native.survey_report_cells(@native)).attrs
    end

    # { reason => rows skipped } for every reason of the library (:ragged,
    # :invalid_utf8, :not_a_number, :off_scale, :bad_timestamp).
    def skipped
      return @data[:skipped] if @data

      Convert.words(Native::NAMES_SURVEY_SKIP).to_h do |w|
        [w.to_sym, Native.survey_report_skipped(@native, Convert.word(Native::NAMES_SURVEY_SKIP, w))]
      end
    end

    # rows, skipped and every output table as Arrays of Hashes; and what
    # from_h needs to answer every accessor as this report does: path,
    # cells_attrs, and per metric (:nps, :csat, :ces) whether it was
    # computed, its columns with their results, missing and no-answer counts
    # (and the NPS intervals by method). The library's own JSON layout is
    # render(:json).
    def to_h
      { rows: rows, skipped: skipped, cells: cells.map(&:to_h), vs_rest: vs_rest.map(&:to_h),
        drivers: drivers.map(&:to_h), themes: themes.map(&:to_h), path: path, cells_attrs: cells_attrs,
        metrics: Convert.words(Native::NAMES_SURVEY_METRIC).to_h { |w| [w.to_sym, metric_h(w.to_sym)] } }
    end

    include Serial::Methods

    KEYS = %i[rows skipped cells vs_rest drivers themes path cells_attrs metrics].freeze
    METRIC_KEYS = %i[has column missing no_answer columns results missing_by_column no_answer_by_column
                     result intervals interval].freeze
    RESULT = { nps: NpsResult, csat: CsatResult, ces: CesResult }.freeze
    private_constant :KEYS, :METRIC_KEYS, :RESULT

    # A report of to_h / as_json: every data accessor answers as the report
    # did (results, intervals, counts, tables, skipped, cells_attrs); render,
    # to_s's text (and the :html, :csv layouts) need the C report and raise
    # InvalidArgument saying it was read from JSON. A missing or unknown key,
    # a value of the wrong kind, raise InvalidArgument naming them.
    def self.from_h(hash)
      h = Serial.fields(hash, KEYS, name)
      count = lambda do |key, v|
        return v if v.is_a?(Integer) && v >= 0

        raise InvalidArgument, "#{name}.from_h: #{key} is #{Convert.show(v)}, not a count"
      end
      count.call("rows", h[:rows])
      skipped = Serial.fields(h[:skipped], Convert.words(Native::NAMES_SURVEY_SKIP).map(&:to_sym), "#{name}[skipped]")
      skipped.each { |k, v| count.call("skipped.#{k}", v) }
      path = h[:path]
      raise InvalidArgument, "#{name}.from_h: path is #{Convert.show(path)}, not a String" unless path.nil? || path.is_a?(String)

      words = Convert.words(Native::NAMES_SURVEY_METRIC).map(&:to_sym)
      metrics = Serial.fields(h[:metrics], words, "#{name}[metrics]").to_h do |w, m|
        [w, metric_from_h(w, Serial.fields(m, METRIC_KEYS, "#{name}[metrics.#{w}]", optional: %i[intervals interval]))]
      end
      tables = %i[cells vs_rest drivers themes].to_h do |t|
        rows = Convert.array(h[t], t.to_s)
        [t, rows.map { |r| SurveyRow.from_h(r) }.freeze]
      end
      attrs = h[:cells_attrs]
      raise InvalidArgument, "#{name}.from_h: cells_attrs is #{Convert.show(attrs)}, not a Hash" unless attrs.is_a?(Hash)

      # attributes are numbers or texts: a null was a NaN number
      attrs = attrs.to_h { |k, v| [k.to_sym, v.nil? ? Float::NAN : v] }
      data = { rows: h[:rows], skipped: skipped, path: path, cells_attrs: attrs, metrics: metrics }.merge(tables)
      new(nil, [], data.freeze)
    end

    extend Serial::ClassMethods

    def self.metric_from_h(word, m)
      cls = RESULT.fetch(word)
      list = ->(v, what) { Convert.array(v, "metrics.#{word}.#{what}") }
      # to_h holds the result objects, as_json their Hashes: both read back
      read = ->(klass, v) { v.is_a?(klass) ? v : klass.from_h(v) }
      out = m.merge(columns: list.call(m[:columns], "columns").each { |c| c.is_a?(String) || raise(InvalidArgument, "#{name}.from_h: metrics.#{word}.columns holds #{Convert.show(c)}, not a column name") },
                    results: list.call(m[:results], "results").map { |r| read.call(cls, r) },
                    missing_by_column: list.call(m[:missing_by_column], "missing_by_column"),
                    no_answer_by_column: list.call(m[:no_answer_by_column], "no_answer_by_column"),
                    result: m[:result] && read.call(cls, m[:result]))
      if word == :nps
        out[:intervals] = (m[:intervals] || {}).to_h { |k, v| [k.to_sym, list.call(v, "intervals").map { |i| read.call(NpsInterval, i) }] }
        out[:interval] = (m[:interval] || {}).to_h { |k, v| [k.to_sym, v && read.call(NpsInterval, v)] }
      end
      unless [true, false].include?(out[:has])
        raise InvalidArgument, "#{name}.from_h: metrics.#{word}.has is #{Convert.show(out[:has])}, not true or false"
      end

      out.freeze
    end
    private_class_method :metric_from_h

    def ==(other)
      other.is_a?(SurveyReport) && as_json == other.as_json
    end
    alias eql? ==

    def hash
      rows.hash
    end

    # Data rows read.
    def rows
      return @data[:rows] if @data

      Native.survey_report_rows(@native)
    end

    def path
      return @data[:path] if @data

      Native.survey_report_path(@native)
    end

    # Whether a metric (:nps, :csat, :ces) was computed.
    def has?(metric)
      return snap(metric)[:has] if @data

      Native.survey_report_has(@native, metric_id(metric)) == 1
    end

    # The metrics computed, e.g. [:nps, :csat].
    def metrics
      Convert.words(Native::NAMES_SURVEY_METRIC).map(&:to_sym).select { |m| has?(m) }
    end

    # The column configured for a metric (nil when none).
    def column(metric)
      return snap(metric)[:column] if @data

      Native.survey_report_column(@native, metric_id(metric))
    end

    # Empty answers skipped in a metric's column.
    def missing(metric)
      return snap(metric)[:missing] if @data

      Native.survey_report_missing(@native, metric_id(metric))
    end

    # Answers of a metric's (first) column that were a no-answer code.
    def no_answer(metric)
      return snap(metric)[:no_answer] if @data

      Native.survey_report_no_answer_at(@native, metric_id(metric), 0)
    end

    # The columns a metric scored, in order ([] when not computed).
    def columns_of(metric)
      return snap(metric)[:columns].dup if @data

      m = metric_id(metric)
      Array.new(Native.survey_report_columns(@native, m)) { |i| Native.survey_report_column_at(@native, m, i) }
    end

    # { column => its result (NpsResult, CsatResult or CesResult) } for every
    # column of a metric, in order.
    def results(metric)
      return snap(metric).values_at(:columns, :results).transpose.to_h if @data

      m = metric_id(metric)
      cls, get = { Native::SURVEY_NPS => [NpsResult, :survey_report_nps_at],
                   Native::SURVEY_CSAT => [CsatResult, :survey_report_csat_at],
                   Native::SURVEY_CES => [CesResult, :survey_report_ces_at] }.fetch(m)
      columns_of(m).each_with_index.to_h { |c, i| [c, cls.from_native(Native.send(get, @native, i))] }
    end

    # { column => NpsInterval } for every NPS column (:adjusted_wald or :wald).
    def nps_intervals(method: :adjusted_wald)
      id = Convert.word(Native::NAMES_NPS_METHOD, method)
      return columns_of(:nps).zip(snap(:nps)[:intervals].fetch(method_word(id))).to_h if @data

      columns_of(:nps).each_with_index.to_h do |c, i|
        [c, NpsInterval.from_native(Native.survey_report_nps_interval_at(@native, i, id))]
      end
    end

    # { column => empty answers skipped } for every column of a metric.
    def missing_by_column(metric)
      return snap(metric).values_at(:columns, :missing_by_column).transpose.to_h if @data

      m = metric_id(metric)
      columns_of(m).each_with_index.to_h { |c, i| [c, Native.survey_report_missing_at(@native, m, i)] }
    end

    # { column => no-answer codes skipped } for every column of a metric.
    def no_answer_by_column(metric)
      return snap(metric).values_at(:columns, :no_answer_by_column).transpose.to_h if @data

      m = metric_id(metric)
      columns_of(m).each_with_index.to_h { |c, i| [c, Native.survey_report_no_answer_at(@native, m, i)] }
    end

    def nps
      return snap_result(:nps) if @data

      NpsResult.from_native(Native.survey_report_nps(@native))
    end

    # :adjusted_wald (default) or :wald, at the report's confidence level.
    def nps_interval(method: :adjusted_wald)
      if @data
        return snap(:nps)[:interval].fetch(method_word(Convert.word(Native::NAMES_NPS_METHOD, method))) ||
               not_computed(:nps)
      end

      NpsInterval.from_native(Native.survey_report_nps_interval(@native,
                                                                Convert.word(Native::NAMES_NPS_METHOD, method)))
    end

    def csat
      return snap_result(:csat) if @data

      CsatResult.from_native(Native.survey_report_csat(@native))
    end

    def ces
      return snap_result(:ces) if @data

      CesResult.from_native(Native.survey_report_ces(@native))
    end

    # The report as text (:text) or JSON (:json); a report by group or
    # period also as :csv (the cells) or :html (one self-contained page).
    def render(format = :text)
      raise InvalidArgument, "this SurveyReport was read from JSON: render needs the report Cxmetrics.survey_report made" if @data

      Native.survey_report_render(@native, Convert.word(Native::NAMES_FORMAT, format))
    end

    def to_s
      return inspect if @data # read from JSON: no C report to render; puts must not raise

      render(:text)
    end

    def inspect
      "#<#{self.class.name} #{path} rows=#{rows} metrics=#{metrics}>"
    end

    private

    def metric_id(metric)
      Convert.word(Native::NAMES_SURVEY_METRIC, metric)
    end

    # One metric's part of to_h: what its accessors answer.
    def metric_h(word)
      done = has?(word)
      out = { has: done, column: column(word), missing: missing(word), no_answer: no_answer(word),
              columns: columns_of(word), results: done ? results(word).values : [],
              missing_by_column: missing_by_column(word).values, no_answer_by_column: no_answer_by_column(word).values,
              result: done ? public_send(word) : nil }
      if word == :nps
        methods = Convert.words(Native::NAMES_NPS_METHOD).map(&:to_sym)
        out[:intervals] = methods.to_h { |x| [x, done ? nps_intervals(method: x).values : []] }
        out[:interval] = methods.to_h { |x| [x, done ? nps_interval(method: x) : nil] }
      end
      out
    end

    def snap(metric)
      @data[:metrics].fetch(Convert.symbol(Native::NAMES_SURVEY_METRIC, metric_id(metric)))
    end

    def snap_result(word)
      snap(word)[:result] || not_computed(word)
    end

    def method_word(id)
      Convert.symbol(Native::NAMES_NPS_METHOD, id)
    end

    def not_computed(word)
      raise InvalidArgument, "this SurveyReport (read from JSON) did not compute #{word}"
    end
  end

  # A row of a report table: its columns as readers (report.cells.first.score),
  # #[] (row["channel"], row[:score]), #to_h (Symbol keys) and #to_json. NaN
  # (a withheld or undefined number) is nil. Frozen.
  class SurveyRow
    # The rows of a Native::Table, in order.
    def self.rows(handle)
      t = Table.from_native(handle)
      t.each.map { |h| new(h.transform_values { |v| Result.value(v) }) }
    end

    def initialize(fields)
      @fields = fields.transform_keys(&:to_sym).freeze
      freeze
    end

    def to_h
      @fields.dup
    end

    def [](key)
      @fields.fetch(key.to_sym)
    end

    include Serial::Methods

    # A row from a Hash as to_h / as_json gives it.
    def self.from_h(hash)
      unless hash.is_a?(Hash)
        raise ArgumentTypeError, "#{name}.from_h: expected a Hash, got #{Convert.show(hash)}"
      end

      new(hash)
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text

    def ==(other)
      other.is_a?(SurveyRow) && other.to_h == @fields
    end
    alias eql? ==

    def hash
      @fields.hash
    end

    def inspect
      "#<Cxmetrics::SurveyRow " + @fields.map { |k, v| "#{k}=#{v.inspect}" }.join(" ") + ">"
    end
    alias to_s inspect

    def method_missing(name, *args, &block)
      return @fields[name] if args.empty? && block.nil? && @fields.key?(name)

      super
    end

    def respond_to_missing?(name, include_private = false)
      @fields.key?(name) || super
    end
  end

  # The options of the report by group and period, and a Hash of Arrays as a
  # C table. Each value goes to its C setter, which checks it.
  module GroupedOptions
    module_function

    def apply(opts, by:, time:, every:, utc_offset:, min_n:, adjust:, drivers:, drivers_outcome:, themes:,
              comment_column:, times:, ces_agree:, skip_bad_rows:, threads:)
      Array(by).each { |c| Native.survey_opts_add_group(opts, c.to_s) }
      if time
        raise InvalidArgument, "BAD_ARG: time: needs every: (#{Convert.words(Native::NAMES_PERIOD).join(', ')})" if every.nil?

        Native.survey_opts_set_time(opts, time.to_s, Convert.word(Native::NAMES_PERIOD, every), offset_minutes(utc_offset))
      elsif every
        raise InvalidArgument, "BAD_ARG: every: needs time: (the column of the timestamps)"
      end
      Native.survey_opts_set_min_n(opts, Convert.integer(min_n, "min_n")) unless min_n.nil?
      Native.survey_opts_set_adjust(opts, Convert.word(Native::NAMES_P_ADJUST, adjust)) unless adjust.nil?
      unless times.nil?
        cols = Array(times).map(&:to_s)
        raise InvalidArgument, "BAD_ARG: times: must name 2 or 3 columns (created, first_reply[, resolved]), got #{times.inspect}" unless [2, 3].include?(cols.size)

        Native.survey_opts_set_times(opts, cols[0], cols[1], cols[2])
      end
      Native.survey_opts_set_drivers(opts, drivers_outcome&.to_s, Array(drivers).map(&:to_s)) unless drivers.nil?
      handle = nil
      if comment_column
        handle = theme_table(themes)
        Native.survey_opts_set_themes(opts, handle, comment_column.to_s)
      elsif themes
        raise InvalidArgument, "BAD_ARG: themes: needs comment_column: (the column of the comments)"
      end
      Native.survey_opts_set_threshold(opts, Native::SURVEY_CES, Convert.integer(ces_agree, "ces_agree")) unless ces_agree.nil?
      Native.survey_opts_set_skip_bad_rows(opts, 1) if skip_bad_rows
      Native.survey_opts_set_threads(opts, Convert.integer(threads, "threads")) unless threads.nil?
      handle
    end

    # "+HH:MM", "-HH:MM", "+HHMM", "Z" or whole minutes -> minutes east of UTC
    # (which offsets exist is the library's rule).
    def offset_minutes(value)
      return value if value.is_a?(Integer)

      s = value.to_s
      return 0 if s == "Z"

      m = /\A([+-])(\d\d):?(\d\d)\z/.match(s)
      raise InvalidArgument, "BAD_ARG: utc_offset must be '+HH:MM' or '-HH:MM' (or 'Z', minutes), e.g. '+02:00'; got #{value.inspect}" unless m && m[3].to_i < 60

      (m[2].to_i * 60 + m[3].to_i) * (m[1] == "-" ? -1 : 1)
    end

    # nil (the library's default table), a path to a JSON file, or a Hash
    # { theme => [word or phrase, ...] }.
    def theme_table(themes)
      case themes
      when nil then Native.themes_default
      when Hash then Native.themes_from_json(JSON.generate(themes))
      else Native.themes_read_json(themes.to_s)
      end
    end

    # A Hash of Arrays as a C table: Numeric/nil columns as numbers (nil is
    # missing), Time columns as Unix seconds (UTC), Date columns as
    # "YYYY-MM-DD" text (a calendar date), the others as text (nil is "").
    def native_table(source)
      t = Native.table_new
      Convert.columns(source, "source").each do |name, values|
        present = values.compact
        if !present.empty? && present.all? { |v| v.is_a?(Time) }
          Native.table_add_numbers(t, name.to_s, values.map { |v| v&.to_r&.to_f })
        elsif present.all? { |v| v.is_a?(Numeric) }
          Native.table_add_numbers(t, name.to_s, values)
        elsif present.all? { |v| v.respond_to?(:iso8601) && !v.is_a?(String) && v.class.name == "Date" }
          Native.table_add_texts(t, name.to_s, values.map { |v| v.nil? ? "" : v.iso8601 })
        else
          Native.table_add_texts(t, name.to_s, values.map { |v| v.nil? ? "" : v.to_s })
        end
      end
      t
    end
  end

  module_function

  # The survey report, overall or by group and period (spec §18), from a
  # CSV path ("-": standard input) or a Hash of Arrays { column => values }.
  #   by: a column or an Array of columns; time:, every: (:day, :week,
  #   :month, :quarter, :year), utc_offset: ("+02:00" or minutes); min_n:
  #   (nil: the library's 10); adjust: (:holm, :bh, :none; nil: holm);
  #   times: [created, first_reply(, resolved)]; drivers: [columns]
  #   (drivers_outcome: another outcome than the NPS, else CSAT);
  #   comment_column: with themes: (nil: the library's English table, a JSON
  #   path, or a Hash); ces_scale: (1..7, [1, 10]) with ces_agree:;
  #   skip_bad_rows: true counts bad rows (#skipped) instead of raising;
  #   threads:. The plain options of SurveyReport.from_csv apply too.
  # Returns a SurveyReport: #cells, #vs_rest, #drivers, #themes (Arrays of
  # SurveyRow), #skipped, #to_h, #to_json. Raises Cxmetrics::Error
  # subclasses (InvalidArgument, ParseError, OutOfRange, EmptyInput, ...).
  def survey_report(source, **options)
    SurveyReport.grouped(source, **options)
  end
end
