# frozen_string_literal: true

require_relative "test_helper"
require "date"
require "tmpdir"
require "zlib"
require "open3"
require "rbconfig"

# Issue 11 through the Ruby binding: dates in a format (spec §0.12), files that
# are not what they seem (gzip, standard input, UTF-16/32, invalid UTF-8, a
# repeated column name, the delimiter hint; spec §0.11) and decimal commas
# (spec §0.10). Expected values come from Ruby itself: Date.strptime, Zlib,
# String#encode / #valid_encoding?, hand-worked numbers.
class TestIoReader < Minitest::Test
  EPOCH = Date.new(1970, 1, 1)

  def days(text, fmt)
    (Date.strptime(text, fmt) - EPOCH).to_i
  end

  def with_file(bytes, name = "t.csv")
    Dir.mktmpdir("cxm-ruby") do |dir|
      path = File.join(dir, name)
      File.binwrite(path, bytes)
      yield path
    end
  end

  FORMATS = ["%m/%d/%Y %H:%M", "%d.%m.%Y", "%Y%m%d", "%d %b %Y", "%d %B %Y", "%A, %d %B %Y",
             "%a %d-%b-%y", "%Y-%j", "%m/%d/%Y %I:%M:%S %p", "%d/%m/%y", "%b %d, %Y"].freeze

  def test_parse_date_agrees_with_strptime
    rng = Random.new(11)
    2000.times do
      t = Time.utc(1969, 1, 1) + rng.rand(100 * 365 * 86_400)
      fmt = FORMATS[rng.rand(FORMATS.size)]
      text = t.strftime(fmt)
      assert_equal days(text, fmt), Cxmetrics.parse_date(text, format: fmt), "#{text} #{fmt}"
    end
    assert_equal days("12/1/2010", "%m/%d/%Y"), Cxmetrics.parse_date("12/1/2010 8:26", format: "%m/%d/%Y %H:%M")
    assert_equal 19_797, Cxmetrics.parse_date("2024-03-15")
    assert_kind_of Integer, Cxmetrics.parse_date("2024-03-15", format: "%Y-%m-%d")
  end

  def test_parse_date_errors
    err = assert_raises(Cxmetrics::ParseError) { Cxmetrics.parse_date("13/45/2010 8:26", format: "%m/%d/%Y %H:%M") }
    assert_includes err.message, "'13/45/2010 8:26' does not match %m/%d/%Y %H:%M: month 13 is not 1..12"
    assert_raises(Date::Error) { Date.strptime("13/45/2010", "%m/%d/%Y") } # Ruby refuses it too
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.parse_date("2024", format: "%Y %q") }
    assert_includes err.message, "unknown directive %q"
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.parse_date("12/1", format: "%m/%d") }
  end

  def test_parse_dates
    texts = ["12/1/2010 8:26", "1/9/2011 17:05"]
    assert_equal texts.map { |t| days(t.split.first, "%m/%d/%Y").to_f },
                 Cxmetrics.parse_dates(texts, format: "%m/%d/%Y %H:%M")
    assert_equal [19_723.0], Cxmetrics.parse_dates(["2024-01-01"])
    assert_equal [], Cxmetrics.parse_dates([], format: "%Y")
    err = assert_raises(Cxmetrics::ParseError) { Cxmetrics.parse_dates(%w[1/1/2011 13/1/2011], format: "%m/%d/%Y") }
    assert_includes err.message, "dates[1]: '13/1/2011' does not match"
  end

  def test_read_csv_date_format
    with_file("InvoiceNo,InvoiceDate\n536365,12/1/2010 8:26\n536366,1/9/2011 17:05\n") do |path|
      t = Cxmetrics::Table.read_csv(path, columns: { InvoiceDate: :day }, date_format: "%m/%d/%Y %H:%M")
      assert_equal [days("12/1/2010", "%m/%d/%Y").to_f, days("1/9/2011", "%m/%d/%Y").to_f], t.InvoiceDate
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Table.read_csv(path, columns: { InvoiceDate: :day }) }
      assert_includes err.message, ":2:2 'InvoiceDate': '12/1/2010 8:26' is not a date"
    end
  end

  CSV_TEXT = (["id,name,amount"] + (0...20_000).map { |i| "#{i},\"name #{i}\",#{i * 0.25}" }).join("\n") + "\n"

  def test_gzip
    with_file(Zlib.gzip(CSV_TEXT), "t.csv.gz") do |path|
      t = Cxmetrics::Table.read_csv(path, columns: { name: :text, amount: :number })
      assert_equal (0...20_000).map { |i| "name #{i}" }, t.name
      assert_equal (0...20_000).map { |i| i * 0.25 }, t.amount
      Cxmetrics::CsvReader.open(path) do |csv|
        assert_equal %w[id name amount], csv.columns
      end
    end
    gz = Zlib.gzip(CSV_TEXT)
    with_file(gz[0...-9]) do |path|
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Table.read_csv(path, columns: { amount: :number }) }
      assert_includes err.message, "the gzip data ends early"
    end
  end

  def test_stdin
    code = "require 'cxmetrics'; t = Cxmetrics::Table.read_csv('-', columns: { amount: :number }); " \
           "puts t.amount.size, t.amount.sum"
    [CSV_TEXT, Zlib.gzip(CSV_TEXT)].each do |data|
      out, err, st = Open3.capture3(RbConfig.ruby, "-e", code, stdin_data: data, binmode: true)
      assert st.success?, err
      assert_equal ["20000", (0...20_000).sum { |i| i * 0.25 }.to_s], out.split
    end
    _, err, st = Open3.capture3(RbConfig.ruby, "-e", code, stdin_data: "amount\nx\n")
    refute st.success?
    assert_includes err, "<stdin>:2:1 'amount': 'x' is not a number"
  end

  def test_utf16_and_latin1
    with_file("\uFEFFid,city\n1,Kraków\n".encode("UTF-16LE")) do |path|
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Table.read_csv(path) }
      assert_includes err.message, "the file is UTF-16 LE (byte-order mark FF FE); save it as UTF-8 " \
                                   "(iconv -f UTF-16 -t UTF-8 #{path})"
    end
    latin1 = "id,name\n1,ok\n2,café\n".encode("ISO-8859-1")
    refute latin1.dup.force_encoding("UTF-8").valid_encoding?
    with_file(latin1) do |path|
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Table.read_csv(path) }
      assert_includes err.message, ":3:2 'name': invalid UTF-8 (byte 0xE9 at offset 3 of the field); " \
                                   "the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)"
    end
  end

  def test_duplicate_column_and_delimiter_hint
    with_file("id,amount,date,note,amount\n1,2,3,4,5\n") do |path|
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Table.read_csv(path, columns: { amount: :number }) }
      assert_includes err.message, ":1: columns 2 and 5 are both named 'amount'"
    end
    with_file("customer;date;amount\nx;2024-01-01;1\n") do |path|
      err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Table.read_csv(path, columns: { amount: :number }) }
      assert_includes err.message, "; the header has one column: is the delimiter ';'?"
    end
  end

  def test_decimal_comma
    with_file("id;amount\n1;1,5\n2;-1,5e3\n3;2\n4;,25\n") do |path|
      t = Cxmetrics::Table.read_csv(path, columns: { amount: :number }, delimiter: ";", decimal_comma: true)
      assert_equal [1.5, -1500.0, 2.0, 0.25], t.amount
      err = assert_raises(Cxmetrics::InvalidArgument) do
        Cxmetrics::Table.read_csv(path, columns: { amount: :number }, decimal_comma: true)
      end
      assert_includes err.message, "a decimal comma needs another delimiter than ','"
    end
    with_file("id;amount\n1;1.5\n") do |path|
      err = assert_raises(Cxmetrics::ParseError) do
        Cxmetrics::Table.read_csv(path, columns: { amount: :number }, delimiter: ";", decimal_comma: true)
      end
      assert_includes err.message, ":2:2 'amount': '1.5' is not a number (with a decimal comma"
    end
  end
end
