# frozen_string_literal: true

module Cxmetrics
  # Paths and touchpoints of an event log (spec §23).
  #
  #   Cxmetrics.transitions(rows)                       # from, to, count, probability, median_seconds
  #   Cxmetrics.top_paths(rows, start: "view", length: 3, top: 10)
  #   Cxmetrics.touchpoints(rows, csat: :csat, ces: :ces)
  #
  # rows: an Events, or anything Events.new takes (a CSV path, an Array of
  # Hashes, a Hash of arrays) with its column keywords (customer:, time:,
  # event:, ...). Results are Tables (to_h, to_json) with attrs["kind"].
  # Every rule is the C library's (cxm_paths_*, cxm_touchpoints).
  module Paths
    module_function

    METRICS = { nps: Native::SURVEY_NPS, csat: Native::SURVEY_CSAT, ces: Native::SURVEY_CES }.freeze

    def scale(value, what)
      if value.is_a?(String)
        m = /\A\s*(\d+)\s*-\s*(\d+)\s*\z/.match(value)
        raise InvalidArgument, "BAD_ARG: #{what} must be \"LO-HI\", a Range or [lo, hi], not #{value.inspect}" unless m

        return [m[1].to_i, m[2].to_i]
      end
      Convert.scale(value)
    end

    # A native cxm_touchpoint_opts (nil settings: the library's defaults).
    def options(nps: nil, csat: nil, ces: nil, nps_scale: nil, csat_scale: nil, csat_threshold: nil,
                ces_scale: nil, ces_agree: nil, conf: 0.95, goals: [])
      o = Native.touchpoint_opts_new
      { nps: nps, csat: csat, ces: ces }.each do |k, col|
        Native.touchpoint_opts_set_score(o, METRICS[k], col.to_s) unless col.nil?
      end
      { nps: nps_scale, csat: csat_scale, ces: ces_scale }.each do |k, s|
        Native.touchpoint_opts_set_scale(o, METRICS[k], *scale(s, "#{k}_scale")) unless s.nil?
      end
      Native.touchpoint_opts_set_threshold(o, Native::SURVEY_CSAT, Convert.integer(csat_threshold, "csat_threshold")) unless csat_threshold.nil?
      Native.touchpoint_opts_set_threshold(o, Native::SURVEY_CES, Convert.integer(ces_agree, "ces_agree")) unless ces_agree.nil?
      Native.touchpoint_opts_set_conf(o, Convert.number(conf, "conf"))
      Array(goals).each { |g| Native.touchpoint_opts_add_goal(o, g.to_s) }
      o
    end
  end

  # The transition matrix (spec §23.1): each pair of consecutive events of a
  # customer (by time, same-second events in input order). Columns from, to,
  # count, probability (% of the transitions out of from), median_seconds.
  def self.transitions(events, **columns)
    ev = Events.wrap(events, **columns)
    Table.from_native(Native.paths_transitions(ev.native))
  end

  # The top most frequent paths of length events (2..10) from each
  # customer's first start: event or to their first end: event (give one).
  # Columns rank, path ("a > b > c"), customers, share (%).
  def self.top_paths(events, start: nil, end: nil, length: 3, top: 10, **columns)
    finish = binding.local_variable_get(:end)
    if start.nil? == finish.nil?
      raise InvalidArgument, "BAD_ARG: top_paths needs start: (paths from an event) or end: (paths to an event), " \
                             "one of them"
    end
    ev = Events.wrap(events, **columns)
    anchor, name = start.nil? ? [Native::PATHS_TO, finish] : [Native::PATHS_FROM, start]
    Table.from_native(Native.paths_top(ev.native, name.to_s, anchor, Convert.integer(length, "length"), Convert.integer(top, "top")))
  end

  # Touchpoint scores and friction (spec §23.3), one row per event name,
  # ranked by friction (the mean of drop_off, not_satisfied, not_easy).
  # nps:, csat:, ces: value columns holding the answers given at that event;
  # goals: goal events (ending there is finishing: no drop_off).
  def self.touchpoints(events, nps: nil, csat: nil, ces: nil, nps_scale: nil, csat_scale: nil, csat_threshold: nil,
                       ces_scale: nil, ces_agree: nil, conf: 0.95, goals: [], **columns)
    wanted = [nps, csat, ces].compact.map(&:to_s)
    unless wanted.empty? || events.is_a?(Events)
      values = Array(columns.delete(:values)).map(&:to_s)
      columns[:values] = values + (wanted - values)
    end
    o = Paths.options(nps: nps, csat: csat, ces: ces, nps_scale: nps_scale, csat_scale: csat_scale,
                      csat_threshold: csat_threshold, ces_scale: ces_scale, ces_agree: ces_agree, conf: conf,
                      goals: goals)
    ev = Events.wrap(events, **columns)
    Table.from_native(Native.touchpoints(ev.native, o))
  end
end
