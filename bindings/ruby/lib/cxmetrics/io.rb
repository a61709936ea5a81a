# frozen_string_literal: true

module Cxmetrics
  module_function

  # "YYYY-MM-DD" or "YYYYMMDD" (a following time is ignored) -> day number,
  # days since 1970-01-01 (Float): the library's date parser, which every
  # date argument goes through. Raises ParseError for anything else.
  def date_parse(iso_date)
    Native.date_parse(iso_date)
  end

  # Day number (days since 1970-01-01, Integer) of a date written as
  # `format` says, strptime-style (spec §0.12): "%m/%d/%Y %H:%M" reads
  # "12/1/2010 8:26". Directives %Y %y %m %d %j %b %B %a %A %H %I %M %S %f %p
  # %z %%; a space matches one or more blanks; time fields are checked, then
  # dropped. format nil or "": ISO 8601 (as date_parse). Raises ParseError
  # (the text does not match: "'13/45/2010 8:26' does not match %m/%d/%Y
  # %H:%M: month 13 is not 1..12") or InvalidArgument (a bad format).
  # An ISO-8601 timestamp as Unix seconds UTC (spec §0.15): a date
  # "YYYY-MM-DD" (its midnight UTC) or a date-time
  # "YYYY-MM-DDTHH:MM[:SS[.fff]]" with its UTC offset ("Z", "+HH:MM",
  # "+HHMM"). Returns [seconds (Float), is_date (true for a date alone)].
  # Raises ParseError (a date-time without an offset is refused).
  def timestamp_parse(text)
    seconds, is_date = Native.timestamp_parse(text)
    [seconds.to_f, is_date != 0]
  end

  # The first day (day number, Integer) of the period holding `day`: period
  # :day, :week (ISO: the Monday), :month, :quarter or :year. Raises
  # InvalidArgument (an unknown period, a day outside 0001..9999).
  def period_start(day, period)
    Native.period_start(Convert.number(day, "day"), Convert.word(Native::NAMES_PERIOD, period, "period")).to_i
  end

  # The first day (Integer) of the period holding a timestamp seen at a UTC
  # offset (minutes, -840..840); a date alone is its own day.
  def timestamp_period(text, period, utc_offset_minutes: 0)
    Native.timestamp_period(text, Convert.word(Native::NAMES_PERIOD, period), utc_offset_minutes).to_i
  end

  def parse_date(text, format: nil)
    Native.date_parse_format(text, format).to_i
  end

  # Many dates in one format (parse_date; the format checked once): an Array
  # of day numbers (Float). Raises as parse_date, the message starting with
  # the index ("dates[17]: ...").
  def parse_dates(texts, format: nil)
    texts = Convert.array(texts, "texts")
    Native.dates_parse(texts.size, texts, format)
  end

  # A number as the library's file readers take it (spec §0.10: sign, digits,
  # point, exponent; spaces around it allowed) -> Float. Raises ParseError
  # (hexadecimal, "inf", "nan", "1,5", blank) or OutOfRange ("1e999").
  def parse_number(text)
    Native.parse_number(text)
  end

  # The last error of the calling thread: {code:, name:, message:}.
  def last_error
    e = Native.error_last
    { code: e.code, name: Native.error_name(e.code), message: e.message }
  end

  # A streaming CSV reader (RFC 4180 quoting, LF or CRLF), positioned after the
  # header line. Holds one record at a time. Enumerable over the remaining
  # records (Arrays of String).
  #
  # The file stays open until #close (or until the garbage collector frees the
  # reader); with a block, CsvReader.open closes it when the block exits, as
  # File.open does. Reading a record from a closed reader raises
  # InvalidArgument ("... the reader is closed"); the header (columns,
  # column_index) and the path stay readable (cxm_csv_close).
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
      @native = Native.csv_open(path.to_s, delimiter)
      @path = Native.csv_path(@native)
    end

    # Close the file now, before the garbage collector frees the reader.
    # Closing again does nothing; reading a record afterwards raises
    # InvalidArgument. Returns nil.
    def close
      Native.csv_close(@native)
      nil
    end

    def closed?
      Native.csv_closed(@native) == 1
    end

    # Header names.
    def columns
      Array.new(Native.csv_column_count(@native)) { |i| Native.csv_column_name(@native, i) }
    end

    # Index of a header name (InvalidArgument lists the columns there are).
    def column_index(name)
      Native.csv_column_index(@native, name.to_s)
    end

    # Read the next record: true, or false at end of file.
    def next_record
      Native.csv_next(@native) == 1
    end

    # Field of the current record (by index or header name), quotes removed; nil
    # when there is no current record or the index is out of range.
    def field(col)
      Native.csv_field(@native, index(col))
    end

    # Field as a number; an empty field is NaN. Raises ParseError otherwise.
    def number(col)
      Native.csv_field_double(@native, index(col))
    end

    # 1-based line number of the current record (0 before the first).
    def line
      Native.csv_line(@native)
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

      n = Native.csv_column_count(@native)
      while next_record
        yield Array.new(n) { |i| Native.csv_field(@native, i) }
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
end
