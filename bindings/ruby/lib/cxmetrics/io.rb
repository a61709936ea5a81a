# frozen_string_literal: true

module Cxmetrics
  module_function

  # "YYYY-MM-DD" (a following "T..." is ignored) -> day number, days since
  # 1970-01-01 (Float). Raises ParseError for anything else.
  def date_parse(iso_date)
    Native.date_parse(iso_date)
  end

  # The last error of the calling thread: {code:, name:, message:}.
  def last_error
    Native.error_last
  end

  # A streaming CSV reader (RFC 4180 quoting, LF or CRLF), positioned after the
  # header line. Holds one record at a time. Enumerable over the remaining
  # records (Arrays of String).
  #
  # The file stays open until #close (or until the garbage collector frees the
  # reader); with a block, CsvReader.open closes it when the block exits, as
  # File.open does. Reading from a closed reader raises InvalidArgument.
  # A reader belongs to one thread at a time.
  #
  #   Cxmetrics::CsvReader.open("answers.csv") do |csv|
  #     i = csv.column_index("nps")
  #     csv.each_record { csv.number(i) }
  #   end
  class CsvReader
    include Enumerable

    # Open a file. With a block: yield the reader, close it when the block
    # exits (normally or by an exception) and return the block's value.
    # Without one: return the open reader (close it yourself).
    def self.open(path, delimiter: ",")
      reader = new(path, delimiter: delimiter)
      return reader unless block_given?

      begin
        yield reader
      ensure
        reader.close
      end
    end

    def initialize(path, delimiter: ",")
      @native = Native::Csv.new(path.to_s, delimiter)
      @path = @native.path
    end

    # Close the file and free the reader. Closing again does nothing; every
    # read afterwards raises InvalidArgument. Returns nil.
    def close
      @native.close
      nil
    end

    def closed?
      @native.closed
    end

    # Header names.
    def columns
      (0...@native.column_count).map { |i| @native.column_name(i) }
    end

    # Index of a header name (InvalidArgument lists the columns there are).
    def column_index(name)
      @native.column_index(name.to_s)
    end

    # Read the next record: true, or false at end of file.
    def next_record
      @native.next
    end

    # Field of the current record (by index or header name), quotes removed; nil
    # when out of range.
    def field(col)
      @native.field(index(col))
    end

    # Field as a number; an empty field is NaN. Raises ParseError otherwise.
    def number(col)
      @native.field_double(index(col))
    end

    # 1-based line number of the current record (0 before the first).
    def line
      @native.line
    end

    # The path the reader was opened with (also after #close).
    attr_reader :path

    # Calls the block after reading each remaining record (use field / number).
    def each_record
      return enum_for(:each_record) unless block_given?

      yield self while next_record
      self
    end

    # Yields each remaining record as an Array of String.
    def each
      return enum_for(:each) unless block_given?

      n = @native.column_count
      while next_record
        yield (0...n).map { |i| @native.field(i) }
      end
      self
    end

    def inspect
      "#<#{self.class.name} #{path} #{closed? ? "(closed)" : "line=#{line}"}>"
    end

    private

    def index(col)
      col.is_a?(Integer) ? col : column_index(col)
    end
  end

  # NPS, CSAT and CES with intervals from the columns of a CSV file, streamed
  # through accumulators (report.h).
  #
  #   report = Cxmetrics::SurveyReport.from_csv("answers.csv")
  #   report.nps.nps; report.csat.pct_satisfied; puts report.render(:text)
  class SurveyReport
    METRICS = { nps: Native::SURVEY_NPS, csat: Native::SURVEY_CSAT, ces: Native::SURVEY_CES }.freeze
    DEFAULT_COLUMNS = { nps: "nps", csat: "csat", ces: "ces" }.freeze
    # Marks a column argument left at its default (optional column).
    DEFAULT = Object.new.freeze
    private_constant :DEFAULT

    # Score the columns of a CSV file. A column left at its default ("nps",
    # "csat", "ces") is optional: skipped when the file lacks it. A column named
    # here must exist; nil skips the metric. csat_threshold: nil is top-2-box;
    # nan_policy :omit skips empty answers (counted by #missing).
    def self.from_csv(path, nps_column: DEFAULT, csat_column: DEFAULT, ces_column: DEFAULT,
                      nps_scale: "0-10", csat_scale: 1..5,
                      csat_threshold: nil, ces_points: 5, nan_policy: :omit, conf: 0.95,
                      delimiter: ",")
      columns = { nps: nps_column, csat: csat_column, ces: ces_column }
      optional = 0
      columns.each_key do |metric|
        next unless columns[metric].equal?(DEFAULT)

        columns[metric] = DEFAULT_COLUMNS[metric]
        optional |= 1 << METRICS[metric] # CXM_SURVEY_<METRIC>_BIT
      end
      lo, hi = Convert.scale(csat_scale)
      new(Native::SurveyReport.new(path.to_s, columns[:nps]&.to_s, columns[:csat]&.to_s,
                                   columns[:ces]&.to_s, Convert.nps_scale(nps_scale), lo, hi,
                                   csat_threshold || CSAT_DEFAULT_THRESHOLD, ces_points,
                                   Convert.nan_policy(nan_policy), conf, delimiter, optional))
    end

    def initialize(native)
      @native = native
    end

    # Data rows read.
    def rows
      @native.rows
    end

    def path
      @native.path
    end

    # Whether a metric (:nps, :csat, :ces) was computed.
    def has?(metric)
      @native.has(metric_id(metric)) != 0
    end

    # The metrics computed, e.g. [:nps, :csat].
    def metrics
      METRICS.keys.select { |m| has?(m) }
    end

    # The column configured for a metric (nil when none).
    def column(metric)
      @native.column(metric_id(metric))
    end

    # Empty answers skipped in a metric's column.
    def missing(metric)
      @native.missing(metric_id(metric))
    end

    def nps
      NpsResult.from_native(@native.nps)
    end

    # :adjusted_wald (default) or :wald, at the report's confidence level.
    def nps_interval(method: :adjusted_wald)
      NpsInterval.from_native(@native.nps_interval(Convert.nps_method(method)))
    end

    def csat
      CsatResult.from_native(@native.csat)
    end

    def ces
      SurveyCesResult.from_native(@native.ces)
    end

    # The report as text (:text) or JSON (:json).
    def render(format = :text)
      @native.render(format.to_s)
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
      Convert.enum(METRICS, metric, "metric")
    end
  end
end
