# frozen_string_literal: true

require_relative "test_helper"

# Exceptions: generated at Init time from the CXM_ERRORS table, one class per
# row, raised with the C message from `ret` (after freearg), GC-safe buffers.
class TestErrors < Minitest::Test
  # The X-macro rows of include/cxmetrics/errors.h, read independently of the
  # binding: [NAME, value, class name, description].
  TABLE = File.read(File.join(CxmTest::ROOT, "include/cxmetrics/errors.h"))
              .scan(/X\(\s*(\w+),\s*(-?\d+),\s*(\w+),\s*"([^"]*)"\)/)
              .map { |n, v, c, d| [n, Integer(v), c, d] }

  def test_table_was_read
    assert_operator TABLE.size, :>=, 13
  end

  def test_base_class
    assert_operator Cxmetrics::Error, :<, StandardError
    assert_nil Cxmetrics::Error.new("x").code
    assert_nil Cxmetrics::Error.new("x").name
    refute Cxmetrics::Error.const_defined?(:CODE, false)
  end

  def test_every_row_has_a_class
    TABLE.each do |name, value, cls, desc|
      klass = Cxmetrics.const_get(cls, false)
      assert_operator klass, :<, Cxmetrics::Error, cls
      assert_equal "Cxmetrics::#{cls}", klass.name
      assert_equal value, klass::CODE, cls
      assert_equal name, klass::NAME, cls
      assert_equal desc, klass::DESCRIPTION, cls
      assert_equal value, klass.new("m").code, "#{cls} instance code"
      assert_equal name, klass.new("m").name, "#{cls} instance name"
      assert_equal name, Cxmetrics::Native.error_name(value)
      assert_equal desc, Cxmetrics::Native.error_describe(value)
      assert_same klass, Cxmetrics.error_class(value)
    end
  end

  def test_classes_match_the_table_exactly
    assert_equal TABLE.map { |n, v, c, _| [n, v, "Cxmetrics::#{c}"] },
                 Cxmetrics::ERROR_CLASSES.map { |k| [k::NAME, k::CODE, k.name] }
    assert_same Cxmetrics::Error, Cxmetrics.error_class(12_345)
    assert_same Cxmetrics::Error, Cxmetrics.error_class(-999)
  end

  def test_error_name_and_describe_for_other_codes
    assert_equal "OK", Cxmetrics::Native.error_name(0)
    assert_equal "UNKNOWN", Cxmetrics::Native.error_name(-999)
    assert_kind_of String, Cxmetrics::Native.error_describe(-999)
  end

  # One real failure per class the library can raise through the binding.
  RAISERS = {
    "EMPTY" => -> { Cxmetrics.nps([]) },
    "TOO_FEW" => -> { Cxmetrics.nps_trinomial_t(1, 0, 0) },
    "OUT_OF_RANGE" => -> { Cxmetrics.nps([9, 11, 5]) },
    "NON_INTEGER" => -> { Cxmetrics.nps([9, 6.5]) },
    "NAN" => -> { Cxmetrics.nps([9, Float::NAN, 3]) },
    "BAD_WEIGHTS" => -> { Cxmetrics.nps_weighted([10, 0], [1, -1]) },
    "BAD_ARG" => -> { Cxmetrics.z_crit(1.5) },
    "INCONSISTENT" => -> { Cxmetrics.wilson(5, 4) },
    "DOMAIN" => -> { Cxmetrics.clv_margin(50, 1.0, 0.0) },
    "IO" => -> { Cxmetrics::CsvReader.new("/nonexistent/cxm-ruby-test.csv") },
    "PARSE" => -> { Cxmetrics.date_parse("31/12/2006") },
    "CANCELLED" => lambda {
      Cxmetrics::ClvModel::ShiftedBetaGeometric.new.fit([1000, 631, 468, 382, 326, 289, 262, 241]) { true }
    }
  }.freeze

  def test_each_raisable_code_raises_its_class_with_the_c_message
    RAISERS.each do |name, fn|
      klass = Cxmetrics::ERROR_CLASSES.find { |k| k::NAME == name }
      err = assert_raises(klass, name) { fn.call }
      assert_equal name, err.name
      assert_equal klass::CODE, err.code
      refute_empty err.message
      last = Cxmetrics::Native.error_last
      assert_equal klass::CODE, last.code, name
      assert_equal last.message, err.message, "#{name}: the message is the C one"
    end
  end

  def test_messages_name_the_problem
    err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.nps([9, 11, 5]) }
    assert_match(/11/, err.message)
    err = assert_raises(Cxmetrics::IOFailure) { Cxmetrics::CsvReader.new("/nonexistent/cxm-ruby-test.csv") }
    assert_match(%r{/nonexistent/cxm-ruby-test\.csv}, err.message)
  end

  # Messages are UTF-8 Strings, so a name with accents in them matches a Ruby
  # literal (an ASCII-8BIT message would raise Encoding::CompatibilityError).
  def test_messages_are_utf8
    err = assert_raises(Cxmetrics::IOFailure) { Cxmetrics::CsvReader.new("/nonexistent/café-ü.csv") }
    assert_equal Encoding::UTF_8, err.message.encoding
    assert err.message.valid_encoding?
    assert_match(%r{/nonexistent/café-ü\.csv}, err.message)
  end

  def test_rescued_as_standard_error
    assert_raises(StandardError) { Cxmetrics.nps([]) }
    begin
      Cxmetrics.nps([])
    rescue => e # rubocop:disable Style/RescueStandardError
      assert_kind_of Cxmetrics::EmptyInput, e
    end
  end

  def test_error_last_and_clear
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps([]) }
    last = Cxmetrics.last_error
    assert_equal({ code: -1, name: "EMPTY" }, last.slice(:code, :name))
    assert_nil Cxmetrics::Native.error_clear
    assert_equal({ code: 0, name: "OK", message: "" }, Cxmetrics.last_error)
  end

  def test_last_error_is_per_thread
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps([]) }
    other = Thread.new { Cxmetrics::Native.error_last.code }.value
    assert_equal 0, other
    assert_equal(-1, Cxmetrics::Native.error_last.code)
  end

  def test_unknown_enum_names_are_invalid_arguments
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps([1], nan_policy: :drop) }
    assert_match(/nan_policy.*'drop'/, err.message) # the C message, which lists the choices
    assert_match(/omit or error/, err.message)
    assert_equal "BAD_ARG", err.name
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps([1], scale: "0-5") }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_compare([1, 1, 1], [1, 1, 1], method: :bootstrap) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_segment(1, 1, 1, match: :middle) }
    # Integers go to C unchanged, which checks them.
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps([1], scale: 7) }
    assert_equal(-7, err.code)
  end

  # Values of the wrong type are Cxmetrics::ArgumentTypeError (an
  # InvalidArgument, code BAD_ARG) naming the argument and showing the value.
  def test_conversion_errors_are_ruby_errors
    err = assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.nps([9, "10"]) }
    assert_equal 'scores[1]: expected a number or nil, got "10" (String)', err.message
    assert_equal [-7, "BAD_ARG"], [err.code, err.name]
    assert_kind_of Cxmetrics::InvalidArgument, err
    assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.nps(42) }
    assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.rfm_segments([1], [:a], [1]) }
    err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.rfm_segments([1], [-1], [1]) }
    assert_equal "f[0] = -1 is out of range for unsigned int", err.message
    assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.monthly_active_users([1], [[1]], window_start: 0, window_end: 1) }
    err = assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics.monthly_active_users(["a\0b"], [1], window_start: 0, window_end: 2)
    end
    assert_match(/\[0\] contains a NUL byte/, err.message)
    err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.nps_u8([9, 300]) }
    assert_match(/byte/, err.message)
  end

  # Raising must not leak: buffers are ALLOCV (GC-owned) and the status raise
  # happens in `ret`, after freearg has freed everything else.
  def test_failures_do_not_leak
    big = Array.new(100_000) { |i| i % 11 }
    bad_type = big + ["x"]  # TypeError after 100k doubles were converted
    bad_value = big + [11]  # OUT_OF_RANGE from C after conversion
    mid = big.first(25_000)
    work = lambda do
      20.times do
        assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.nps(bad_type) }
        assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.nps(bad_value) }
        assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.rfm_score([], bins: [1.0]) }
        Cxmetrics.rfm_score(mid, bins: 5)  # malloc'd outputs, freed in freearg
      end
    end
    # Warm up until Ruby's own heap has reached its working size, so that what
    # grows afterwards is a leak, not the interpreter settling in.
    3.times { work.call }
    GC.start
    # Two windows of 60 iterations: a leak grows RSS by the same amount in each,
    # while the allocator settling in (arenas, fragmentation on a busy machine)
    # shows in one window at most, so the smaller growth is the one to judge.
    grown = Array.new(2) do
      before = rss_kb
      3.times { work.call }
      GC.start
      rss_kb - before
    end.min
    # 60 iterations leaking an 800 kB buffer (or 4 x 200 kB) each: ~48 MB.
    assert_operator grown, :<, 20_000, "RSS grew by #{grown} kB in each of two windows"
  end
end
