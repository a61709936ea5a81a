# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"

# Long calls run without the GVL: two Ruby threads computing on 5M answers get
# correct results, another Ruby thread keeps running during a long call, and
# Thread#raise / Thread#kill during one are delivered after it, cleanly.
class TestThreads < Minitest::Test
  N = 5_000_000

  def clock
    Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end

  # score = i % 11: scores 0..4 occur 454_546 times, 5..10 454_545 times.
  def test_nps_on_5m_answers_in_two_threads
    a = Array.new(N) { |i| i % 11 }
    b = Array.new(N) { |i| 10 - (i % 11) }
    threads = [Thread.new { Cxmetrics.nps(a) }, Thread.new { Cxmetrics.nps(b) },
               Thread.new { Cxmetrics.nps(a.pack("C*")) }]
    ra, rb, ru = threads.map(&:value)

    assert_equal [N, 909_090, 909_090, 454_546 * 5 + 454_545 * 2],
                 [ra.n, ra.promoters, ra.passives, ra.detractors]
    assert_close 100.0 * (909_090 - 3_181_820) / N, ra.nps
    # reversed: promoters are the former 0 and 1, detractors the former 4..10
    assert_equal [N, 909_092, 909_092, 454_546 + 454_545 * 6],
                 [rb.n, rb.promoters, rb.passives, rb.detractors]
    assert_equal ra, ru
    assert_equal ra, Cxmetrics.nps(a) # same as on one thread
  end

  # Runs the block while another Ruby thread stamps the clock every
  # millisecond; returns [block's value, t0, t1, the stamps].
  def with_ticker
    stamps = []
    stop = false
    ticker = Thread.new do
      until stop
        stamps << clock
        sleep 0.001
      end
    end
    sleep 0.05
    t0 = clock
    value = yield
    t1 = clock
    stop = true
    ticker.join
    [value, t0, t1, stamps]
  end

  def test_other_threads_run_during_a_long_call
    rng = Random.new(1)
    x = Array.new(N) { rng.rand }
    # quantile7 sorts a copy of 5M doubles: long
    median, t0, t1, stamps = with_ticker { Cxmetrics.quantile7(x, 0.5) }
    assert_in_delta 0.5, median, 0.01
    skip "the call was too short to tell (#{t1 - t0} s)" if t1 - t0 < 0.3
    # While the GVL is held the ticker cannot record anything; allow for one
    # 100 ms time slice of the ticker before the call started.
    inside = stamps.count { |s| s > t0 + 0.15 && s < t1 - 0.01 }
    assert_operator inside, :>, 0, "no Ruby thread ran during a #{(t1 - t0).round(2)} s call"
  end

  # A survey CSV of `blocks` x 1100 rows in a temporary directory (~6 bytes a
  # row): in each block every NPS answer 0..10 occurs 100 times, so the NPS
  # is 100 (200 - 700) / 1100.
  def with_big_survey(blocks)
    Dir.mktmpdir("cxm-ruby-threads") do |dir|
      path = File.join(dir, "big.csv")
      block = (0...1100).map { |i| "#{i % 11},#{i % 5 + 1},#{i % 7 % 5 + 1}\n" }.join
      File.open(path, "w") do |f|
        f.write("nps,csat,ces\n")
        blocks.times { f.write(block) }
      end
      yield path, blocks * 1100
    end
  end

  # The report reads the whole file in C; another Ruby thread must keep
  # running meanwhile. While a C call holds the GVL no other Ruby thread runs
  # at all, so a single ticker stamp strictly between t0 and t1 shows that it
  # was released; asking for stamps all through the call shows the ticker
  # kept running rather than squeezing in once.
  def test_other_threads_run_while_a_survey_report_reads
    with_big_survey(6000) do |path, rows| # 6.6M rows, ~40 MB: about 1 s here
      report, t0, t1, stamps = with_ticker { Cxmetrics::SurveyReport.from_csv(path, nps_column: "nps") }
      assert_equal rows, report.rows
      assert_equal "nps", report.column(:nps)
      assert_equal path, report.path
      assert_close 100.0 * (200 - 700) / 1100, report.nps.nps, 1e-12
      assert_operator t1 - t0, :>, 0.1, "the file is too small to show anything"
      inside = stamps.select { |s| s > t0 && s < t1 }
      assert_operator inside.size, :>=, 10,
                      "the ticker ran #{inside.size} times during a #{(t1 - t0).round(2)} s report"
      # progress through the whole call, not only at its start
      assert_operator inside.max, :>, t0 + 0.75 * (t1 - t0)
      assert_operator inside.min, :<, t0 + 0.25 * (t1 - t0)
    end
  end

  def test_thread_raise_during_a_survey_report
    with_big_survey(4000) do |path, rows|
      th = Thread.new { Cxmetrics::SurveyReport.from_csv(path) }
      th.report_on_exception = false
      sleep 0.1
      th.raise(ArgumentError, "stop the report")
      err = assert_raises(ArgumentError) { th.join }
      assert_equal "stop the report", err.message
      # nothing left behind: the next report on this thread is whole
      assert_equal rows, Cxmetrics::SurveyReport.from_csv(path).rows
      assert_nil $!
    end
  end

  def test_small_calls_keep_the_gvl_and_still_work_in_threads
    assert_operator Cxmetrics::Native::NOGVL_MIN, :>, 0
    results = Array.new(8) { |k| Thread.new { Array.new(200) { Cxmetrics.nps([k % 11, 9, 10]).nps } } }.map(&:value)
    results.each_with_index { |r, k| assert_equal [Cxmetrics.nps([k % 11, 9, 10]).nps], r.uniq }
  end

  def test_thread_raise_during_a_long_call
    rng = Random.new(2)
    x = Array.new(2_000_000) { rng.rand }
    th = Thread.new { Cxmetrics.quantile7(x, 0.9) }
    th.report_on_exception = false
    sleep 0.2
    th.raise(ArgumentError, "stop now")
    err = assert_raises(ArgumentError) { th.join }
    assert_equal "stop now", err.message
    # the thread's interrupt did not leak into later calls
    assert_close 0.9, Cxmetrics.quantile7(x, 0.9), 1e-2
    assert_nil $!
  end

  def test_thread_kill_during_a_long_call
    x = Array.new(2_000_000) { |i| (i * 7919) % 1000 }
    th = Thread.new { Cxmetrics.rfm_table(x, x, x) }
    sleep 0.2
    th.kill
    assert_nil th.join(30)&.value
    refute th.alive?
    t = Cxmetrics.rfm_table(x.first(1000), x.first(1000), x.first(1000))
    assert_equal 1000, t.size
  end

  # n customers with distinct (frequency, recency, T), in weeks: a BG/NBD fit
  # of 60,000 of them on one thread takes about a second.
  def synthetic_customers(n, seed)
    rng = Random.new(seed)
    t = Array.new(n) { 30 + rng.rand * 10 }
    f = Array.new(n) { rng.rand(0..6).to_f }
    r = f.each_with_index.map { |x, i| x.zero? ? 0.0 : rng.rand * t[i] }
    Cxmetrics::Table.new({ frequency: f, recency: r, T: t }, attrs: { period: "week" })
  end

  # A fit on a table runs without the GVL (the table's rows count as work).
  def test_other_threads_run_during_a_fit_on_a_table
    table = synthetic_customers(100_000, 5)
    model, t0, t1, stamps = with_ticker { capture_io { @model = Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1) } }
    model = @model
    # every synthetic customer drops out with one probability: a and b run off
    # together, and the fit says so (spec §8.14); it ran to its end
    assert_equal :boundary, model.status
    assert_equal "week", model.period
    skip "the fit was too short to tell (#{t1 - t0} s)" if t1 - t0 < 0.3
    inside = stamps.count { |s| s > t0 + 0.15 && s < t1 - 0.01 }
    assert_operator inside, :>, 0, "no Ruby thread ran during a #{(t1 - t0).round(2)} s fit"
  end

  # Thread#raise during a fit with a progress proc: the proc runs with the
  # GVL, the exception comes out of it at the next iteration, stops the fit
  # and is raised from #fit; nothing is left for the next fit.
  def test_thread_raise_during_a_fit_stops_it
    table = synthetic_customers(60_000, 6)
    full = Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1)
    its = Queue.new
    th = Thread.new do
      Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1) { |it, _ll, _g| its << it }
    end
    th.report_on_exception = false
    its.pop # the first iteration is done
    th.raise(ArgumentError, "stop the fit")
    err = assert_raises(ArgumentError) { th.join }
    assert_equal "stop the fit", err.message
    assert_operator its.size + 1, :<, full.iterations, "the fit went on to the end"
    assert_equal full.params, Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1).params
    assert_nil $!
  end

  # Ctrl-C (SIGINT: Interrupt in the main thread) stops a fit with a progress
  # proc the same way.
  def test_ctrl_c_during_a_fit
    table = synthetic_customers(60_000, 7)
    its = []
    killer = Thread.new do
      sleep 0.01 while its.empty?
      Process.kill("INT", Process.pid)
    end
    assert_raises(Interrupt) do
      Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1) { |it, _ll, _g| its << it }
      sleep 5 # the signal was late: Interrupt comes here
    end
    killer.join
    capture_io { assert_equal :boundary, Cxmetrics::ClvModel::BetaGeo.new.fit(table, threads: 1).status }
  end

  def test_concurrent_calls_on_shared_objects
    x = Array.new(300_000) { |i| (i * 31) % 5 + 1 }
    rules = Cxmetrics::RfmRules.builtin("r_02x")
    want = rules.segment_many(x, x, x)
    adder = Thread.new { 50.times { |i| rules.add("extra#{i}", r: 1, f: 1, m: 1) } }
    got = Array.new(3) { Thread.new { rules.segment_many(x, x, x) } }.map(&:value)
    adder.join
    got.each { |g| assert_equal want, g } # appended rules never match earlier than the built-in ones
    assert_equal 60, rules.size
  end
end
