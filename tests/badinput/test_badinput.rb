# frozen_string_literal: true

# The bad-input catalogue through Ruby (tests/badinput/README.md): every case of
# cases.json, by the call it names, must raise the Cxmetrics class the manifest
# gives with the library's message, or succeed with the manifest's values. A
# case or a call with a key this runner does not know fails, so that no
# expectation is silently left out.
require "minitest/autorun"
require "json"
require "tmpdir"
require "cxmetrics"

class TestBadInput < Minitest::Test
  HERE = __dir__
  DATA = File.join(HERE, "data")
  CASES = JSON.parse(File.read(File.join(HERE, "cases.json")))["cases"]

  # The keys of a case (README.md); "cli", "exit", "stdout" and "stderr" are the
  # command line's.
  CASE_KEYS = %w[name about file generate stdin call cli status exit python ruby message result stdout
                 stderr].freeze

  # Each call and the keys it reads: a key it does not know fails the case, so
  # that no option of the manifest is silently left out.
  TXLOG_KEYS = %w[customer date amount quantity price missing_ids returns date_format delimiter
                  decimal_comma].freeze
  KEYS = {
    "table_read_csv" => %w[columns delimiter date_format decimal_comma],
    "survey" => %w[delimiter na_values nps_na_values csat_na_values ces_na_values],
    "survey_grouped" => %w[by time every utc_offset min_n adjust times drivers comment_column themes ces_scale
                           ces_agree skip_bad_rows],
    "txlog_read_csv" => TXLOG_KEYS,
    "clv_fit" => %w[model],
    "rfm_orders" => %w[customer date amount analysis_date],
    "clv_predict" => %w[fit t spend_fit period months discount],
    "pyramid" => %w[needs ease emotion by nan_policy], # issue 13 (spec §25)
    "funnel" => %w[customer time event steps window mode]
  }.freeze

  CALLS = {
    "table_read_csv" => lambda do |path, call|
      columns = {}
      optional = []
      not_empty = []
      call["columns"].each do |name, kind, flags|
        columns[name] = kind
        optional << name unless flags.split(",").include?("required")
        not_empty << name if flags.split(",").include?("not_empty")
      end
      Cxmetrics::Table.read_csv(path, columns: columns, delimiter: call.fetch("delimiter", ","),
                                      optional: optional, not_empty: not_empty,
                                      date_format: call["date_format"], decimal_comma: call.fetch("decimal_comma", false))
    end,
    "survey" => lambda do |path, call|
      codes = call.slice(*KEYS["survey"]).except("delimiter").transform_keys(&:to_sym)
      Cxmetrics::SurveyReport.from_csv(path, delimiter: call["delimiter"], **codes)
    end,
    # The report by group and period: "themes" is a file of data/, "ces_scale" [lo, hi].
    "survey_grouped" => lambda do |path, call|
      kw = call.slice(*KEYS["survey_grouped"]).transform_keys(&:to_sym)
      kw[:themes] = File.join(DATA, kw[:themes]) if kw.key?(:themes)
      Cxmetrics.survey_report(path, **kw)
    end,
    "pyramid" => lambda do |path, call|
      Cxmetrics.pyramid(path, **call.slice(*KEYS["pyramid"]).transform_keys(&:to_sym))
    end,
    "funnel" => lambda do |path, call|
      kw = call.slice("customer", "time", "event", "window", "mode").transform_keys(&:to_sym)
      Cxmetrics.funnel(path, steps: call["steps"], **kw)
    end,
    "txlog_read_csv" => lambda do |path, call|
      Cxmetrics.txlog(path, **call.slice(*TXLOG_KEYS).transform_keys(&:to_sym))
    end,
    # The fit and what it wrote on $stderr (Kernel#warn of a fit that did not converge).
    "clv_fit" => lambda do |path, call|
      number = Cxmetrics::Native.names_parse(Cxmetrics::Native::NAMES_CLV_MODEL, call["model"])
      cls = Cxmetrics::ClvModel::Model::CLASSES.fetch(number)
      summary = Cxmetrics::Table.read_csv(path, infer: true)
      model = nil
      _, err = capture_io { model = cls.new.fit(summary) }
      [model, err]
    end,
    "clv_predict" => lambda do |path, call|
      fit = ->(name) { Cxmetrics::Native.clv_fit_result_from_json(File.read(File.join(DATA, name))) }
      extra = call.slice("months", "discount", "period").transform_keys(&:to_sym)
      summary = Cxmetrics::Table.read_csv(path, infer: true)
      Cxmetrics::ClvModel.predict(fit.call(call["fit"]), summary, t: call["t"],
                                                                  spend_model: call["spend_fit"] && fit.call(call["spend_fit"]),
                                                                  **extra)
    end,
    "rfm_orders" => lambda do |path, call|
      Cxmetrics::Rfm.orders(path, customer: call["customer"], date: call["date"], amount: call["amount"],
                                  analysis_date: call["analysis_date"])
    end
  }.freeze

  def fill(text, path)
    text.gsub("{FILE}", path).gsub("{DATA}", DATA)
  end

  # Every key of `expected` is in `got` with an equal value (numbers exactly).
  def assert_subset(expected, got, where = "json")
    if expected.is_a?(Hash)
      assert_kind_of Hash, got, where
      expected.each do |k, v|
        assert got.key?(k), "#{where}: no key #{k}"
        assert_subset(v, got[k], "#{where}.#{k}")
      end
    else
      assert_equal expected, got, where
    end
  end

  def check_result(want, got)
    if want.key?("fit_status")
      # a fit that did not converge: its status, and one warning line ending with the
      # library's sentence (cxm_clv_fit_warning); a fit that converged warns nothing
      model, err = got
      assert_equal want["fit_status"], model.status.to_s
      if want["warning"].empty?
        assert_equal "", err
      else
        assert_match(/\A[^\n]*: warning: #{Regexp.escape(want["warning"])}\n\z/, err)
      end
      return
    end
    assert_subset(want["json"], JSON.parse(got.render(:json))) if want.key?("json")
    assert_equal want["rows"], got.size if want.key?("rows")
    want.fetch("columns", {}).each do |name, values|
      assert_equal values, got[name], name
    end
    want.fetch("attrs", {}).each do |name, value|
      assert_equal value, got.attrs[name.to_sym], name
    end
  end

  # The path of the case: its data file, or one written now into dir.
  def case_path(kase, dir)
    return File.join(DATA, kase["file"]) unless (g = kase["generate"])

    path = File.join(dir, g["name"])
    File.open(path, "wb") do |f|
      f.write(g["head"])
      f.write(g["repeat"] * g["count"])
      f.write(g["tail"])
    end
    path
  end

  # Run the block with `path` on standard input (file descriptor 0).
  def with_stdin(path)
    saved = $stdin.dup
    $stdin.reopen(path, "rb")
    yield
  ensure
    $stdin.reopen(saved)
    saved.close
  end

  def run_case(kase, dir)
    path = case_path(kase, dir)
    fn = CALLS.fetch(kase["call"]["fn"]) { flunk "this runner has no call #{kase["call"]["fn"]} (README.md: adding a call)" }
    unknown = kase["call"].keys - KEYS.fetch(kase["call"]["fn"]) - ["fn"]
    assert_empty unknown, "call #{kase["call"]["fn"]} has no key #{unknown} (README.md)"
    # instance_exec: a call may use the test's assertions and capture_io
    call = lambda do
      next instance_exec(path, kase["call"], &fn) unless kase["stdin"]

      with_stdin(path) { instance_exec("-", kase["call"], &fn) }
    end
    shown = kase["stdin"] ? "-" : path
    if kase["status"] == "OK"
      check_result(kase["result"], call.call)
    else
      cls = Cxmetrics.const_get(kase["ruby"])
      err = assert_raises(cls) { call.call }
      assert_equal cls, err.class
      assert_equal kase["status"], err.name
      assert_equal "#{kase["status"]}: #{fill(kase["message"], shown)}", err.message
    end
  end

  CASES.each do |kase|
    define_method("test_#{kase["name"]}") do
      unknown = kase.keys - CASE_KEYS
      assert_empty unknown, "unknown keys #{unknown} (README.md)"
      Dir.mktmpdir("cxm-badinput") { |dir| run_case(kase, dir) }
    end
  end
end
