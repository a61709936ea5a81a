# frozen_string_literal: true

require "json"

module Cxmetrics
  # Conversion funnels over an event log (funnel.h, spec §22).
  #
  #   f = Cxmetrics.funnel(rows, steps: %w[view cart buy], window: "7d", mode: :ordered)
  #   f.steps.first        # => {step: 1, event: "view", customers: 6, conversion: 100.0, ...}
  #   f.next_events        # where the customers who stop at each step go next
  #   f.tests              # with by: each group's conversion against the other groups
  #
  # rows: a Cxmetrics::Events, or anything Events.wrap accepts (a CSV path,
  # an Array of Hashes, a Hash of arrays) with its column keywords. The
  # modes, the window, the best attempt, the intervals and tests are the C
  # library's (cxm_funnel_*); this module converts. NaN is nil in the rows.
  class Funnel
    attr_reader :steps, :next_events, :tests, :attrs

    def initialize(handle)
      @tables = [Native.funnel_steps(handle), Native.funnel_next_events(handle), Native.funnel_tests(handle)]
      steps, nexts, tests = @tables.map { |t| Table.from_native(t) }
      @steps = rows_of(steps)
      @next_events = rows_of(nexts)
      @tests = rows_of(tests)
      @attrs = steps.attrs.merge(adjust: tests.attrs[:adjust]).freeze
      freeze
    end

    # {steps: [...], next_events: [...], tests: [...], kind:, mode:, window_seconds:, ...}
    def to_h
      { steps: @steps, next_events: @next_events, tests: @tests }.merge(@attrs)
    end

    include Serial::Methods

    # A funnel from a Hash as to_h / as_json gives it: its rows and
    # attributes. It has no library tables, so to_html needs the funnel
    # itself (InvalidArgument says so).
    def self.from_h(hash)
      unless hash.is_a?(Hash)
        raise ArgumentTypeError, "#{name}.from_h: expected a Hash, got #{Convert.show(hash)}"
      end

      h = hash.to_h { |k, v| [k.to_sym, v] }
      missing = %i[steps next_events tests] - h.keys
      raise InvalidArgument, "#{name}.from_h: missing keys #{missing.map(&:to_s).inspect}" unless missing.empty?

      rows = ->(list, what) { Convert.array(list, what).map { |r| r.to_h { |k, v| [k.to_sym, v] }.freeze }.freeze }
      allocate.tap do |f|
        f.instance_variable_set(:@steps, rows.call(h[:steps], "steps"))
        f.instance_variable_set(:@next_events, rows.call(h[:next_events], "next_events"))
        f.instance_variable_set(:@tests, rows.call(h[:tests], "tests"))
        f.instance_variable_set(:@attrs, h.reject { |k, _| %i[steps next_events tests].include?(k) }.freeze)
        f.instance_variable_set(:@tables, nil)
        f.freeze
      end
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text

    def ==(other)
      other.is_a?(Funnel) && as_json == other.as_json
    end
    alias eql? ==

    def hash
      steps.hash
    end

    # The journey page of the three tables (cxm_journey_render_html).
    def to_html(title = "Funnel")
      raise InvalidArgument, "this Funnel was read from JSON: to_html needs the funnel Cxmetrics.funnel made" unless @tables

      Native.journey_render_html(@tables, title)
    end

    def inspect
      "#<#{self.class.name} mode=#{@attrs[:mode]} window_seconds=#{@attrs[:window_seconds]} rows=#{@steps.size}>"
    end

    private

    WHOLE = %i[step customers rest_customers].freeze

    def rows_of(table)
      table.map do |r|
        r.to_h do |k, v|
          v = nil if v.is_a?(Float) && (v.nan? || v.infinite?)
          v = v.to_i if WHOLE.include?(k) && v.is_a?(Float)
          [k, v]
        end.freeze
      end.freeze
    end
  end

  # The funnel modes, as the C library lists them: ["ordered", "strict", "any"].
  def self.funnel_mode_words
    Convert.words(Native::NAMES_FUNNEL_MODE)
  end

  # A window as seconds: a Numeric (seconds) or a duration text ("7d", "12h",
  # "90"), read by the library's cxm_duration_parse.
  def self.funnel_window_seconds(window)
    case window
    when String, Symbol then Native.duration_parse(window.to_s)
    when Numeric then Convert.number(window, "window")
    else Convert.type_error("window", "seconds or a duration text such as \"7d\"", window)
    end
  end

  # A funnel (spec §22): steps (2..32 event names in order; a name may
  # repeat), window (seconds or "7d"; every step within [t1, t1 + window]
  # of the attempt's first step, both ends included), mode (:ordered,
  # :strict, :any), by (a property column: the breakdown, with
  # two-proportion tests adjusted by adjust: :holm, :bh, :none), top_next,
  # conf, threads (0: every core; results do not depend on it). Raises
  # Cxmetrics::InvalidArgument for an unknown step (listing the log's events)
  # or a negative window, and the event reader's errors as they come.
  def self.funnel(events, steps:, window: "7d", mode: :ordered, by: nil, top_next: 5, conf: 0.95, adjust: :holm,
                  threads: 0, **columns)
    Convert.type_error("steps", "an Array of event names", steps) if steps.is_a?(String)

    if by && !events.is_a?(Events)
      props = Array(columns.delete(:properties)).map(&:to_s)
      props << by.to_s unless props.include?(by.to_s)
      columns[:properties] = props
    end
    ev = Events.wrap(events, **columns)
    o = Native.funnel_opts_new
    Native.funnel_opts_set_mode(o, Convert.word(Native::NAMES_FUNNEL_MODE, mode))
    Native.funnel_opts_set_by(o, by.to_s) if by
    Native.funnel_opts_set_conf(o, Convert.number(conf, "conf"))
    Native.funnel_opts_set_adjust(o, Convert.word(Native::NAMES_P_ADJUST, adjust))
    Native.funnel_opts_set_top_next(o, Convert.integer(top_next, "top_next"))
    Native.funnel_opts_set_threads(o, Convert.integer(threads, "threads"))
    Funnel.new(Native.funnel_run(ev.native, steps.map(&:to_s), funnel_window_seconds(window), o))
  end
end
