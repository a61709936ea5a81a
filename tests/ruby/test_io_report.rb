# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "tmpdir"
require "date"

# Dates, the streaming CSV reader and the survey report (io.h, report.h).
class TestIoReport < Minitest::Test
  SURVEY = File.join(CxmTest::ROOT, "examples/data/survey_responses.csv")

  def with_csv(text)
    Dir.mktmpdir("cxm-ruby") do |dir|
      path = File.join(dir, "t.csv")
      File.write(path, text)
      yield path
    end
  end

  def test_date_parse
    assert_equal 0.0, Cxmetrics.date_parse("1970-01-01")
    assert_equal(-1.0, Cxmetrics.date_parse("1969-12-31"))
    assert_equal (Date.new(2024, 2, 29) - Date.new(1970, 1, 1)).to_f, Cxmetrics.date_parse("2024-02-29")
    assert_equal Cxmetrics.date_parse("2024-01-01"), Cxmetrics.date_parse("2024-01-01T19:33:31Z")
    assert_raises(Cxmetrics::ParseError) { Cxmetrics.date_parse("2024-02-30") }
    err = assert_raises(Cxmetrics::ParseError) { Cxmetrics.date_parse("soon") }
    assert_match(/soon/, err.message)
  end

  def test_csv_reader
    with_csv("id,name,score\n1,\"Smith, J\",9\n2,\"say \"\"hi\"\"\",\n3,x,7\r\n") do |path|
      Cxmetrics::CsvReader.open(path) do |csv|
        assert_equal %w[id name score], csv.columns
        assert_equal 2, csv.column_index("score")
        assert_equal path, csv.path
        assert_equal 0, csv.line
        assert csv.next_record
        assert_equal 2, csv.line
        assert_equal "Smith, J", csv.field(1)
        assert_equal 9.0, csv.number("score")
        assert_nil csv.field(7)
        assert csv.next_record
        assert_equal "say \"hi\"", csv.field("name")
        assert csv.number(2).nan?, "an empty field is NaN"
        assert_raises(Cxmetrics::ParseError) { csv.number(1) }
        rows = csv.to_a
        assert_equal [%w[3 x 7]], rows
        refute csv.next_record
      end
    end
  end

  def test_csv_reader_each_record_and_errors
    with_csv("a;b\n1;2\n3;4\n") do |path|
      csv = Cxmetrics::CsvReader.new(path, delimiter: ";")
      sums = csv.each_record.map { |r| r.number(0) + r.number("b") }
      assert_equal [3.0, 7.0], sums
      err = assert_raises(Cxmetrics::InvalidArgument) { csv.column_index("c") }
      assert_match(/a/, err.message)
    end
    with_csv("a,b\n1,2,3\n") do |path|
      csv = Cxmetrics::CsvReader.new(path)
      assert_raises(Cxmetrics::ParseError) { csv.next_record }
    end
    with_csv("") { |path| assert_raises(Cxmetrics::EmptyInput) { Cxmetrics::CsvReader.new(path) } }
    assert_raises(Cxmetrics::IOFailure) { Cxmetrics::CsvReader.new("/nonexistent/x.csv") }
  end

  # Spec §0.10: hexadecimal, inf / nan words and decimal commas are not numbers (strtod would
  # take the first three); 1e999 is too large, not infinity.
  def test_csv_numbers_follow_one_grammar
    with_csv("a,b,c,d,e,f,g\n0x4,inf,nan,\"1,5\",1e999,-.5e1, 7 \n") do |path|
      csv = Cxmetrics::CsvReader.new(path)
      assert csv.next_record
      %w[0x4 inf nan 1,5].each_with_index do |text, col|
        err = assert_raises(Cxmetrics::ParseError) { csv.number(col) }
        assert_includes err.message, "'#{text}' is not a number"
      end
      assert_match(/too large/, assert_raises(Cxmetrics::OutOfRange) { csv.number(4) }.message)
      assert_equal [-5.0, 7.0], [csv.number(5), csv.number(6)]
      csv.close
    end
  end

  def test_parse_number_is_the_readers_grammar
    assert_equal [-1500.0, 0.25], [Cxmetrics.parse_number(" -1.5e3 "), Cxmetrics.parse_number(".25")]
    ["0x10", "nan", "inf", "1,5", "", "1e"].each do |text|
      assert_raises(Cxmetrics::ParseError) { Cxmetrics.parse_number(text) }
    end
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.parse_number("1e999") }
  end

  # Descriptors of this process open on `path` (Linux: /proc/self/fd).
  def fds_on(path)
    target = File.realpath(path)
    Dir.children("/proc/self/fd").count do |fd|
      File.readlink("/proc/self/fd/#{fd}") == target
    rescue SystemCallError
      false # the directory's own descriptor, gone by now
    end
  end

  def test_csv_reader_close
    with_csv("a,b\n1,x\n2,y\n") do |path|
      csv = Cxmetrics::CsvReader.new(path)
      assert_equal 1, fds_on(path), "open reader holds the file"
      refute csv.closed?
      assert csv.next_record
      assert_nil csv.close
      assert csv.closed?
      assert_equal 0, fds_on(path), "close released the file before any GC"
      assert_nil csv.close, "close is idempotent"
      assert csv.closed?
      reads = {
        next_record: -> { csv.next_record }, number: -> { csv.number(0) },
        each: -> { csv.each { flunk "yielded after close" } },
        each_record: -> { csv.each_record { flunk "yielded after close" } }, to_a: -> { csv.to_a }
      }
      reads.each do |what, read|
        err = assert_raises(Cxmetrics::InvalidArgument, what.to_s) { read.call }
        assert_match(/closed/, err.message, what.to_s)
        assert_equal Cxmetrics::InvalidArgument::CODE, err.code
        assert_equal "BAD_ARG", err.name
      end
      # no current record once closed; the header stays readable (cxm_csv_close)
      assert_nil csv.field(0)
      assert_nil csv.field("b")
      assert_equal %w[a b], csv.columns
      assert_equal 0, csv.column_index("a")
      assert_equal 2, csv.line
      assert_equal path, csv.path, "the path stays known"
      assert_match(/closed/, csv.inspect)
      # the native functions refuse too, with the same error
      n = Cxmetrics::Native
      native = n.csv_open(path, ",")
      n.csv_close(native)
      n.csv_close(native)
      assert_equal 1, n.csv_closed(native)
      err = assert_raises(Cxmetrics::InvalidArgument) { n.csv_next(native) }
      assert_match(/the reader is closed/, err.message)
      assert_raises(Cxmetrics::InvalidArgument) { n.csv_field_double(native, 0) }
      assert_nil n.csv_field(native, 0)
      assert_equal [2, "b", path], [n.csv_column_count(native), n.csv_column_name(native, 1), n.csv_path(native)]
    end
  end

  def test_csv_reader_block_form_closes
    with_csv("a,b\n1,2\n3,4\n") do |path|
      seen = nil
      got = Cxmetrics::CsvReader.open(path) do |csv|
        seen = csv
        assert_equal 1, fds_on(path)
        refute csv.closed?
        csv.each_record.map { csv.number(0) + csv.number(1) }
      end
      assert_equal [3.0, 7.0], got, "open returns the block's value"
      assert seen.closed?, "the block form closes the reader"
      assert_equal 0, fds_on(path)

      # also when the block raises; the exception goes through unchanged
      err = assert_raises(RuntimeError) do
        Cxmetrics::CsvReader.open(path) do |csv|
          seen = csv
          csv.next_record
          raise "boom"
        end
      end
      assert_equal "boom", err.message
      assert seen.closed?
      assert_equal 0, fds_on(path)
      # and when it leaves early (break)
      Cxmetrics::CsvReader.open(path) do |csv|
        seen = csv
        break
      end
      assert seen.closed?
      assert_equal 0, fds_on(path)

      # without a block the reader stays open until closed
      csv = Cxmetrics::CsvReader.open(path)
      refute csv.closed?
      assert_equal 1, fds_on(path)
      assert_equal [%w[1 2], %w[3 4]], csv.to_a
      csv.close
      assert_equal 0, fds_on(path)
    end
  end

  def column(path, name)
    Cxmetrics::CsvReader.open(path) do |csv|
      i = csv.column_index(name)
      csv.each_record.map { csv.number(i) }
    end
  end

  def test_survey_report_equals_one_shot
    report = Cxmetrics::SurveyReport.from_csv(SURVEY)
    nps = column(SURVEY, "nps")
    csat = column(SURVEY, "csat")
    ces = column(SURVEY, "ces")
    assert_equal nps.size, report.rows
    assert_equal SURVEY, report.path
    assert_equal %i[nps csat ces], report.metrics
    assert_equal "csat", report.column(:csat)
    assert_equal nps.count(&:nan?), report.missing(:nps)
    assert_same_result Cxmetrics.nps(nps, nan_policy: :omit), report.nps, 1e-12
    one = Cxmetrics.nps(nps, nan_policy: :omit)
    assert_same_result Cxmetrics.nps_adjusted_wald(one.promoters, one.passives, one.detractors),
                       report.nps_interval, 1e-12
    assert_same_result Cxmetrics.nps_wald(one.promoters, one.passives, one.detractors),
                       report.nps_interval(method: :wald), 1e-12
    assert_same_result Cxmetrics.csat(csat, nan_policy: :omit), report.csat, 1e-12
    c5 = Cxmetrics.ces5(ces, nan_policy: :omit)
    r = report.ces
    assert_kind_of Cxmetrics::CesResult, r
    assert_equal [5, c5.n, c5.n_agree], [r.points, r.n, r.n_agree]
    assert_close c5.pct_agree, r.pct_agree
    assert_same_result c5, r, 1e-12 # one CES result, the same numbers
    assert_close c5.mean, r.mean
    w = Cxmetrics.wilson(c5.n_agree, c5.n)
    assert_close 100 * w.lower, r.wilson_lower
  end

  def test_survey_report_render
    report = Cxmetrics::SurveyReport.from_csv(SURVEY)
    text = report.render
    assert_kind_of String, text
    assert_match(/NPS/, text)
    assert_equal text, report.to_s
    json = JSON.parse(report.render(:json))
    assert_kind_of Hash, json
    assert_equal report.as_json, JSON.parse(report.to_json) # the value form (from_json reads it); the library's layout is render(:json)
    assert_raises(Cxmetrics::InvalidArgument) { report.render(:xml) }
    assert_match(/rows=\d+ metrics=\[:nps, :csat, :ces\]/, report.inspect)
  end

  def test_survey_report_options
    with_csv("score,sat,effort\n9,5,7\n10,4,6\n3,,2\n") do |path|
      r = Cxmetrics::SurveyReport.from_csv(path, nps_column: "score", csat_column: "sat", ces_column: "effort",
                                                 ces_scale: 1..7)
      assert_equal %i[nps csat ces], r.metrics
      assert_equal 1, r.missing(:csat)
      assert_same_result Cxmetrics.nps([9, 10, 3]), r.nps
      assert_same_result Cxmetrics.csat([5, 4]), r.csat
      assert_equal 7, r.ces.points
      assert_close 200.0 / 3, r.ces.pct_agree
      # default columns are optional: absent ones are skipped
      d = Cxmetrics::SurveyReport.from_csv(path, nps_column: "score")
      assert_equal [:nps], d.metrics
      refute d.has?(:csat)
      assert_raises(Cxmetrics::EmptyInput) { d.csat }
      # a column named explicitly must exist; nil skips the metric
      assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(path, nps_column: "nope") }
      n = Cxmetrics::SurveyReport.from_csv(path, nps_column: "score", csat_column: nil, ces_column: nil)
      assert_nil n.column(:csat)
      assert_raises(Cxmetrics::NanInput) do
        Cxmetrics::SurveyReport.from_csv(path, nps_column: nil, csat_column: "sat", nan_policy: :error)
      end
      high = Cxmetrics::SurveyReport.from_csv(path, nps_column: "score", csat_column: "sat",
                                                    csat_threshold: 5, conf: 0.9)
      assert_close 50.0, high.csat.pct_satisfied
      assert_raises(Cxmetrics::InvalidArgument) { high.has?(:bogus) }
    end
    with_csv("nps\n9\n11\n") do |path|
      err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics::SurveyReport.from_csv(path) }
      assert_match(/11/, err.message)
    end
    assert_raises(Cxmetrics::IOFailure) { Cxmetrics::SurveyReport.from_csv("/nonexistent/s.csv") }
  end
  # The options are set through the library's setters; what is left out keeps
  # the library's defaults, and the metrics are the library's words.
  def test_survey_report_options_through_the_setters
    with_csv("score;sat;effort\n9;5;7\n10;4;6\n1;2;2\n") do |path|
      r = Cxmetrics::SurveyReport.from_csv(path, delimiter: ";", nps_column: "score", nps_scale: "1-10",
                                                 csat_column: "sat", csat_scale: 1..5, csat_threshold: 5,
                                                 ces_column: "effort", ces_scale: [1, 7], conf: 0.9)
      assert_same_result Cxmetrics.nps([9, 10, 1], scale: "1-10"), r.nps
      assert_same_result Cxmetrics.csat([5, 4, 2], threshold: 5, conf: 0.9), r.csat, 1e-12
      assert_same_result Cxmetrics.ces([7, 6, 2], points: 7, conf: 0.9), r.ces, 1e-12
      assert_same_result Cxmetrics.nps_adjusted_wald(2, 0, 1, conf: 0.9), r.nps_interval, 1e-12
      assert_equal({ "nps" => "score", "csat" => "sat", "ces" => "effort" },
                   %w[nps csat ces].to_h { |m| [m, r.column(m)] })
      # options the library refuses
      err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(path, ces_scale: 1..6) }
      assert_match(/ces/i, err.message)
      assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(path, conf: 1.5) }
      assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(path, nps_threshold: 9) }
      assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(path, nan_policy: :drop) }
      err = assert_raises(ArgumentError) { Cxmetrics::SurveyReport.from_csv(path, ces_points: 7) }
      assert_match(/ces_points/, err.message)
    end
    with_csv("nps\n0\n9\n") do |path| # 0 is off the 1-10 scale
      assert_raises(Cxmetrics::OutOfRange) { Cxmetrics::SurveyReport.from_csv(path, nps_scale: "1-10") }
      assert_equal 2, Cxmetrics::SurveyReport.from_csv(path, nps_scale: 0..10).nps.n
    end
    # defaults: the library's (columns nps, csat, ces, optional; nan_policy omit; 95 %)
    d = Cxmetrics::SurveyReport.from_csv(SURVEY)
    e = Cxmetrics::SurveyReport.from_csv(SURVEY, nps_column: "nps", csat_column: "csat", ces_column: "ces",
                                                 nan_policy: :omit, conf: 0.95, delimiter: ",")
    assert_equal d.render(:json), e.render(:json)
    assert_equal "omit", JSON.parse(d.render(:json))["nan_policy"]
    assert_raises(Cxmetrics::InvalidArgument) { d.render(:csv) } # a format the report is not rendered in
    assert_equal d.render(:text), d.render(Cxmetrics::Native::FORMAT_TEXT)
  end

  def test_dates_in_both_forms
    assert_equal Cxmetrics.date_parse("2024-02-29"), Cxmetrics.date_parse("20240229")
    assert_equal Cxmetrics.date_parse("2024-03-15"), Cxmetrics.date_parse("20240315 13:45")
    assert_raises(Cxmetrics::ParseError) { Cxmetrics.date_parse("20240230") }
  end
  # Tables (table.h) convert once, both ways: every column and attribute in
  # the C order, numbers and days as Floats, texts as Strings.
  def test_tables_both_ways
    n = Cxmetrics::Native
    t = n.table_new
    n.table_add_texts(t, "id", %w[b a b])
    n.table_add_numbers(t, "x", [1.5, Float::NAN, 3.0])
    n.table_add_days(t, "day", [0.0, 1.0, 19_723.0])
    n.table_set_attr_text(t, "period", "day")
    n.table_set_attr_day(t, "start", 0.0)
    n.table_set_attr_number(t, "k", 2.5)
    n.table_set_row_name(t, "customers")
    table = Cxmetrics::Table.from_native(t)
    assert_equal %i[id x day], table.column_names
    assert_equal %w[b a b], table.id
    assert table.x[1].nan?
    assert_equal [0.0, 1.0, 19_723.0], table.day
    assert_equal({ period: "day", start: 0.0, k: 2.5 }, table.attrs)
    assert_equal 3, table.size
    assert_equal "customers", table.row_name
    assert_same table.id[0], table.id[2], "one String per distinct text"
    assert table.frozen?
    assert_equal %w[b a b], table.map { |row| row[:id] }
    assert_nil table[3]
    # a Table made in Ruby goes to C as it is
    made = Cxmetrics::Table.new({ id: %w[p q], v: [1, 2.5] }, attrs: { period: "week", n: 2 }, row_name: "customers")
    back = Cxmetrics::Table.from_native(made.native)
    assert_equal made, back
    assert_equal({ id: "q", v: 2.5 }, back[1])
    assert_equal "id,v\np,1\nq,2.5\n", n.table_render(made.native, n::FORMAT_CSV)
    assert_equal 2, JSON.parse(n.table_render(made.native, n::FORMAT_JSON))["n_customers"]
  end

  # infer: true (cxm_csv_spec_set_infer_numbers): a column of numbers, a blank
  # NaN; one word keeps a column text; hexadecimal and "nan" are words.
  def test_table_read_csv_infers_numbers
    Dir.mktmpdir("cxm-ruby-infer") do |dir|
      path = File.join(dir, "c.csv")
      File.write(path, "id,x,city,hexa,w\n007,1.5,Lyon,0x1,nan\n8,,Paris,2,1\n9,-2e3,Lyon,3,2\n")
      t = Cxmetrics::Table.read_csv(path, infer: true)
      assert_equal [7.0, 8.0, 9.0], t.id
      assert_equal 1.5, t.x[0]
      assert t.x[1].nan?
      assert_equal(-2000.0, t.x[2])
      assert_equal %w[Lyon Paris Lyon], t.city
      assert_equal [%w[0x1 2 3], %w[nan 1 2]], [t.hexa, t.w]
      assert_equal ["1.5", "", "-2e3"], Cxmetrics::Table.read_csv(path).x
    end
  end

  # Reading a CSV file into a table (cxm_table_read_csv, experimental): columns
  # typed by the library (2024-01-01 is day 19723: 54 years of 365 days and 13
  # leap days after 1970), the others left out; errors name file:line:column;
  # the table written back by the library's one CSV writer.
  def test_table_read_csv_and_render
    Dir.mktmpdir("cxm-ruby-table") do |dir|
      path = File.join(dir, "tx.csv")
      File.write(path, "customer;date;amount;note\na;2024-01-01;10;x\na;20240115;5;\nb;2024-01-08;7.5;y\n")
      t = Cxmetrics::Table.read_csv(path, columns: { customer: :text, date: :day, amount: :number },
                                          delimiter: ";")
      assert_equal %i[customer date amount], t.column_names
      assert_equal %w[a a b], t.customer
      assert_equal [19_723.0, 19_737.0, 19_730.0], t.date
      assert_equal [10.0, 5.0, 7.5], t.amount
      assert_equal "customer,date,amount\na,2024-01-01,10\na,2024-01-15,5\nb,2024-01-08,7.5\n", t.to_csv
      assert_equal [{ "customer" => "a", "date" => "2024-01-01", "amount" => 10 }],
                   JSON.parse(t.render(:json))["rows"].first(1)
      every = Cxmetrics::Table.read_csv(path, delimiter: ";") # every column, as text
      assert_equal %i[customer date amount note], every.column_names
      assert_equal ["x", "", "y"], every.note
      err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Table.read_csv(path, columns: { amount: :numeric }, delimiter: ";") }
      assert_match(/numeric/, err.message)
      assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Table.read_csv(path, columns: { price: :number }, delimiter: ";") }
      opt = Cxmetrics::Table.read_csv(path, columns: { price: :number, amount: :number }, delimiter: ";",
                                            optional: [:price])
      assert_equal %i[amount], opt.column_names
      err = assert_raises(Cxmetrics::ParseError) do
        Cxmetrics::Table.read_csv(path, columns: { note: :text }, delimiter: ";", not_empty: [:note])
      end
      assert_match(/tx.csv:3:4 'note'/, err.message)
    end
  end
end
