# frozen_string_literal: true

# The bad-input catalogue through Ruby (tests/badinput/README.md): every case of
# cases.json, by the call it names, must raise the Cxmetrics class the manifest
# gives with the library's message, or succeed with the manifest's values. A
# case that "needs" a feature still being added is skipped, with the reason.
require "minitest/autorun"
require "json"
require "tmpdir"
require "cxmetrics"

class TestBadInput < Minitest::Test
  HERE = __dir__
  DATA = File.join(HERE, "data")
  CASES = JSON.parse(File.read(File.join(HERE, "cases.json")))["cases"]

  # Each call and the keys it reads: a key it does not know fails the case, so
  # that no option of the manifest is silently left out.
  KEYS = {
    "table_read_csv" => %w[columns delimiter],
    "survey" => %w[delimiter],
    "rfm_orders" => %w[customer date amount analysis_date],
    "clv_predict" => %w[fit t spend_fit period months discount]
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
                                      optional: optional, not_empty: not_empty)
    end,
    "survey" => lambda do |path, call|
      Cxmetrics::SurveyReport.from_csv(path, delimiter: call["delimiter"])
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
    call = -> { kase["stdin"] ? with_stdin(path) { fn.call("-", kase["call"]) } : fn.call(path, kase["call"]) }
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
      needs = Array(kase["needs"])
      skip "needs #{needs.join(" and ")}: #{kase["about"]}" unless needs.empty?
      Dir.mktmpdir("cxm-badinput") { |dir| run_case(kase, dir) }
    end
  end
end
