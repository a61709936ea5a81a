# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"

# How many threads the library may start: Cxmetrics.threads = n /
# set_threads(n) / threads (cxmetrics/threads.h, issue 14 item 5). The round
# trip, the refusals (Cxmetrics::InvalidArgument naming the value, the setting
# unchanged), the precedence over CXM_THREADS in a child process, and the same
# NPS with 1 and 2 threads on 5 MiB of answers, counted here by hand.
class TestSetThreads < Minitest::Test
  def teardown
    Cxmetrics.threads = 0
  end

  def online_cores
    require "etc"
    Etc.nprocessors.clamp(1, 1024)
  end

  def test_round_trip
    Cxmetrics.threads = 1
    assert_equal 1, Cxmetrics.threads
    assert_equal 5, Cxmetrics.set_threads(5)
    assert_equal 5, Cxmetrics.threads
    Cxmetrics.threads = Cxmetrics::THREADS_MAX
    assert_equal 1024, Cxmetrics.threads
  end

  def test_refusals
    Cxmetrics.threads = 3
    { -1 => "threads = -1 is outside 0..1024", 1025 => "threads = 1025 is outside 0..1024",
      2**40 => (2**40).to_s }.each do |value, text|
      e = assert_raises(Cxmetrics::InvalidArgument, value.inspect) { Cxmetrics.threads = value }
      refute_kind_of Cxmetrics::ArgumentTypeError, e
      assert_includes e.message, text
      assert_equal 3, Cxmetrics.threads, "unchanged after #{value.inspect}"
    end
    # another type: ArgumentTypeError (an InvalidArgument), as for every argument
    { "2" => 'got "2" (String)', 2.0 => "got 2.0 (Float)", nil => "got nil (NilClass)",
      true => "got true (TrueClass)", (1.0..2.0) => "got 1.0..2.0 (Range)" }.each do |value, text|
      e = assert_raises(Cxmetrics::ArgumentTypeError, value.inspect) { Cxmetrics.threads = value }
      assert_kind_of Cxmetrics::InvalidArgument, e
      assert_includes e.message, "threads: expected a whole number 0..1024"
      assert_includes e.message, text
      refute_includes e.message, "SWIG"
      assert_equal 3, Cxmetrics.threads, "unchanged after #{value.inspect}"
    end
  end

  def test_the_library_refuses_too
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Native.set_threads(1025) }
    assert_includes e.message, "threads = 1025 is above 1024"
  end

  def child_threads(env_value, set = nil)
    env = { "CXM_THREADS" => env_value }
    code = "require 'cxmetrics'; #{set ? "Cxmetrics.threads = #{set};" : ''} print Cxmetrics.threads"
    out, status = Open3.capture2(env, RbConfig.ruby, "-e", code, chdir: "/")
    assert status.success?
    Integer(out)
  end

  def test_precedence_in_a_child_process
    # Etc.nprocessors may count the affinity mask; sysconf's online cores is
    # what the library reads: compare with getconf when it is there
    cores = begin
      Integer(`getconf _NPROCESSORS_ONLN`).clamp(1, 1024)
    rescue StandardError
      online_cores
    end
    assert_equal cores, child_threads(nil)
    assert_equal 3, child_threads("3")
    assert_equal 2, child_threads("3", 2)
    assert_equal 3, child_threads("3", 0)
    ["", "0", "-4", "many", "1025", "2.5"].each { |v| assert_equal cores, child_threads(v), v.inspect }
  end

  def test_same_result_on_one_and_two_threads
    n = 5 << 20
    bytes = Array.new(n) { |i| (i * 7 + i / 11) % 11 }
    promoters = bytes.count { |b| b >= 9 }
    detractors = bytes.count { |b| b <= 6 }
    packed = bytes.pack("C*")
    Cxmetrics.threads = 1
    one = Cxmetrics.nps(packed)
    Cxmetrics.threads = 2
    two = Cxmetrics.nps(packed)
    assert_equal one, two
    assert_equal [n, promoters, detractors], [one.n, one.promoters, one.detractors]
    assert_close 100.0 * (promoters - detractors) / n, one.nps
  end
end
