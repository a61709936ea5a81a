# frozen_string_literal: true

require "json"

module Cxmetrics
  # Personas (persona.h, spec §15): persona records from a customer table and
  # a segment per customer, personas from behaviour (NMF), their match
  # against an earlier set and the Persona Perception Scale. Every number,
  # word and text is the library's; a persona's fields are its JSON object's
  # (schema cxmetrics.personas/1, spec §15.7), key for key.
  #
  #   set = Cxmetrics::Personas.build(rows, id: "customer_id", segment: "segment", seed: 7)
  #   set[0].name; set[0].identifiers.first["lift"]
  #   File.write("personas.html", set.to_html)
  #
  # Customers: an Array of Hashes (one per customer), a Hash of columns
  # ({name => Array}) or a Cxmetrics::Table. A column of Numerics (nil
  # missing) is numbers; any other is categories, nil as "" (missing).
  module Personas
    ROLES = %i[id segment gender age birth_year location country career comment amount clv nps csat ces
               rfm_segment date].freeze
    NAME_CAP = 512
    KEY_CAP = 256

    module_function

    # One persona per segment (spec §15.2): a PersonaSet. Role keywords name
    # columns (id:, segment:, gender:, age: or birth_year:, location:,
    # country:, career:, comment:, amount:, clv:, nps:, csat:, ces:,
    # rfm_segment:, date:; scores: and ignore: take several); without them
    # columns are recognised by common names (auto_roles: false: not).
    # names: a PersonaNames or a JSON file; rules: a PersonaRules or a JSON
    # file; min_n: (10), seed: (0), fdr:, identifiers:, reference_year:,
    # quotes:, quote_chars: (20..280), blocklist:, k_max:, threads:; progress:
    # nil or a proc |step, total, value| called after each fit of the
    # automatic segmentation (a truthy result stops it: Cxmetrics::Cancelled).
    def build(customers, scores: [], ignore: [], auto_roles: true, names: nil, rules: nil, min_n: nil, seed: 0,
              fdr: nil, identifiers: nil, reference_year: nil, quotes: nil, quote_chars: nil, blocklist: [],
              source: nil, k_max: nil, threads: nil, progress: nil, **roles)
      unknown = roles.keys - ROLES
      raise ArgumentError, "unknown keywords: #{unknown.join(', ')}" unless unknown.empty?

      roles = roles.compact.merge(score: Array(scores), ignore: Array(ignore))
      opts, keep = options(roles: roles, auto_roles: auto_roles, names: names, rules: rules, min_n: min_n,
                           seed: seed, fdr: fdr, identifiers: identifiers, reference_year: reference_year,
                           quotes: quotes, quote_chars: quote_chars, blocklist: blocklist, source: source,
                           k_max: k_max, threads: threads, progress: progress)
      set = PersonaSet.new(Native.persona_build(native_table(customers), opts))
      keep.clear
      set
    end

    # Pair the personas of current with those of previous (spec §15.9): a Table.
    def match(previous, current)
      Table.from_native(Native.persona_match(persona_set(previous, "previous").native,
                                             persona_set(current, "current").native))
    end

    def persona_set(value, what)
      value.is_a?(PersonaSet) ? value : Convert.type_error(what, "a Cxmetrics::PersonaSet", value)
    end
    private_class_method :persona_set

    # Personas from a groups x items interactions table (spec §15.8):
    # [PersonaSet, weights Table].
    def from_behaviour(interactions, k:, top: 5, method: :mu, names: nil, min_n: nil, seed: 0)
      opts, keep = options(names: names, min_n: min_n, seed: seed)
      set, weights = Native.persona_from_behaviour(native_table(interactions), Convert.integer(k, "k"), Convert.integer(top, "top"),
                                                   Convert.word(Native::NAMES_NMF_METHOD, method), opts)
      keep.clear
      [PersonaSet.new(set), Table.from_native(weights)]
    end

    # Persona Perception Scale scores (spec §15.10): [constructs Table, respondents Table].
    def pps(answers, scale: 1..7)
      out, resp = Native.pps_score(native_table(answers), scale.first, scale.last)
      [Table.from_native(out), Table.from_native(resp)]
    end

    # Cronbach's alpha of rows (respondents) of item answers.
    def cronbach_alpha(rows)
      rows = Convert.matrix(rows, "rows")
      n_items = rows.first ? rows.first.size : 0
      Native.cronbach_alpha(rows.flatten, n_items)
    end

    # The least-cost assignment of rows to columns: [per row its column or nil, total].
    def linear_assignment(cost)
      cost = Convert.matrix(cost, "cost")
      n_cols = cost.first ? cost.first.size : 0
      assignment, total = Native.linear_assignment(cost.size, cost.flatten, n_cols)
      unassigned = (2**64) - 1
      [assignment.map { |c| c == unassigned ? nil : c }, total]
    end

    # Non-negative factorisation x ~ w h (spec §15.8): {w:, h:, iterations:,
    # converged:, error:, relative_error:}; w and h (both) start the fit.
    def nmf(x, k:, method: :mu, seed: 0, w: nil, h: nil, max_iter: Native::NMF_MAX_ITERATIONS_DEFAULT,
            tol: Native::NMF_TOL_DEFAULT)
      raise InvalidArgument, "give both w: and h:, or neither" if w.nil? != h.nil?

      x = Convert.matrix(x, "x")
      rows = x.size
      cols = x.first ? x.first.size : 0
      given = !w.nil?
      w0 = given ? w.flatten : Array.new(rows * k, 0.0)
      h0 = given ? h.flatten : Array.new(k * cols, 0.0)
      w1, h1, info = Native.nmf_fit(w0, h0, x.flatten, cols, Convert.integer(k, "k"),
                                    Convert.word(Native::NAMES_NMF_METHOD, method), given ? 1 : 0,
                                    Convert.integer(seed, "seed"), Convert.integer(max_iter, "max_iter"), Convert.number(tol, "tol"))
      { w: w1.each_slice(k).to_a, h: h1.each_slice([cols, 1].max).to_a, iterations: info.iterations,
        converged: info.converged == 1, error: info.error, relative_error: info.relative_error }
    end

    def options(roles: {}, auto_roles: true, names: nil, rules: nil, min_n: nil, seed: 0, fdr: nil,
                identifiers: nil, reference_year: nil, quotes: nil, quote_chars: nil, blocklist: [], source: nil,
                k_max: nil, threads: nil, progress: nil)
      o = Native.persona_opts_new
      keep = []
      roles.each do |role, cols|
        code = Convert.word(Native::NAMES_PERSONA_ROLE, role)
        Array(cols).each { |c| Native.persona_opts_set_role(o, code, c.to_s) }
      end
      Native.persona_opts_set_auto_roles(o, auto_roles ? 1 : 0)
      Native.persona_opts_set_min_n(o, Convert.integer(min_n, "min_n")) if min_n
      Native.persona_opts_set_seed(o, Convert.integer(seed, "seed"))
      Native.persona_opts_set_fdr(o, Convert.number(fdr, "fdr")) if fdr
      Native.persona_opts_set_identifiers(o, Convert.integer(identifiers, "identifiers")) if identifiers
      Native.persona_opts_set_reference_year(o, Convert.integer(reference_year, "reference_year")) if reference_year
      if (n = PersonaNames[names])
        Native.persona_opts_set_names(o, n.native)
        keep << n
      end
      if (r = PersonaRules[rules])
        Native.persona_opts_set_rules(o, r.native)
        keep << r
      end
      if quotes || quote_chars || !blocklist.empty?
        chars = quote_chars || (Native::PERSONA_QUOTE_MIN_DEFAULT..Native::PERSONA_QUOTE_MAX_DEFAULT)
        Native.persona_opts_set_quotes(o, quotes.nil? ? Native::PERSONA_QUOTES_DEFAULT : Convert.integer(quotes, "quotes"),
                                       chars.first, chars.last, blocklist.map(&:to_s))
      end
      if source
        method, k, measure, quality = source
        Native.persona_opts_set_source(o, method.to_s, Convert.integer(k || 0, "k"), measure&.to_s, Convert.number(quality || Float::NAN, "quality"))
      end
      Native.persona_opts_set_k_max(o, Convert.integer(k_max, "k_max")) if k_max
      Native.persona_opts_set_threads(o, Convert.integer(threads, "threads")) if threads
      Native.persona_opts_set_progress(o, progress) if progress
      # the options borrow the tables: keep them alive as long as the options
      keep << o
      [o, keep]
    end

    # A Native::Table of customers (see the module).
    def native_table(x)
      return x.native if x.is_a?(Table)

      columns = if x.is_a?(Hash)
                  Convert.columns(x, "table").transform_keys(&:to_s)
                else
                  rows = Convert.rows(x, "rows")
                  names = rows.each_with_object([]) { |r, acc| r.each_key { |k| acc << k.to_s unless acc.include?(k.to_s) } }
                  names.to_h { |n| [n, rows.map { |r| r.key?(n) ? r[n] : r[n.to_sym] }] }
                end
      t = Native.table_new
      columns.each do |name, values|
        if values.all? { |v| v.nil? || v.is_a?(Numeric) } && values.any? { |v| v.is_a?(Numeric) }
          Native.table_add_numbers(t, name, values.map { |v| v.nil? ? Float::NAN : v.to_f })
        else
          Native.table_add_texts(t, name, values.map { |v| v.nil? ? "" : v.to_s })
        end
      end
      t
    end
  end

  # A names table keyed by gender x birth decade x country (spec §15.3).
  class PersonaNames
    attr_reader :native

    def self.builtin
      new(Native.persona_names_builtin)
    end

    def self.from_json(text)
      new(Native.persona_names_from_json(text.to_s))
    end

    def self.from_file(path)
      new(Native.persona_names_from_file(path.to_s))
    end

    # nil, a PersonaNames, or a JSON file.
    def self.[](x)
      return x if x.nil? || x.is_a?(PersonaNames)

      from_file(x)
    end

    def initialize(native)
      @native = native
      freeze
    end

    def size
      Native.persona_names_count(@native)
    end

    # [name, key] of draw (seed, stream) from the entry that fits best.
    def draw(gender: nil, birth_year: nil, country: nil, seed: 0, stream: 0)
      Native.persona_names_draw(Personas::NAME_CAP, Personas::KEY_CAP, @native, gender.to_s,
                                birth_year.nil? ? Float::NAN : Convert.number(birth_year, "birth_year"), country.to_s, Convert.integer(seed, "seed"),
                                Convert.integer(stream, "stream"))
    end
  end

  # Goal / problem / solution rules over a persona's profile (spec §15.4).
  class PersonaRules
    attr_reader :native

    def self.from_json(text)
      new(Native.persona_rules_from_json(text.to_s))
    end

    def self.from_file(path)
      new(Native.persona_rules_from_file(path.to_s))
    end

    def self.[](x)
      return x if x.nil? || x.is_a?(PersonaRules)

      from_file(x)
    end

    def initialize(native)
      @native = native
      freeze
    end

    def size
      Native.persona_rules_count(@native)
    end
  end

  # One persona: its JSON object's fields as methods (persona.name,
  # persona.identifiers, ...), #to_h, #to_json, #to_markdown, #to_html (its card).
  class Persona
    def initialize(set, index, record)
      @set = set
      @index = index
      @record = record.freeze
      freeze
    end

    def [](key)
      @record[key.to_s]
    end

    def keys
      @record.keys
    end

    def to_h
      JSON.parse(to_json)
    end

    def to_json(*)
      return JSON.generate(@record) unless @set # read from JSON: the record is the library's object

      Native.persona_render(@set.native, @index, Native::PERSONA_JSON)
    end

    # The record as a Hash (String keys, as the library writes it).
    def as_json(*)
      to_h
    end

    # A persona of to_h / as_json: every field as before ([], keys, readers).
    # A persona lives in its set: to_markdown and to_html (the library's)
    # raise InvalidArgument for one read alone (PersonaSet.from_h reads a
    # whole set back with them). A Hash without a String "id" raises
    # InvalidArgument naming the value.
    def self.from_h(hash)
      unless hash.is_a?(Hash)
        raise ArgumentTypeError, "#{name}.from_h: expected a Hash, got #{Convert.show(hash)}"
      end

      # through JSON: String keys at every depth and plain values, a deep copy
      record = JSON.parse(JSON.generate(Serial.plain(hash)))
      unless record["id"].is_a?(String)
        raise InvalidArgument, "#{name}.from_h: id is #{Convert.show(record['id'])}, not a persona id (a String)"
      end

      new(nil, nil, record)
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text

    def ==(other)
      other.is_a?(Persona) && as_json == other.as_json
    end
    alias eql? ==

    def hash
      as_json.hash
    end

    def to_markdown
      render(Native::PERSONA_MARKDOWN, "to_markdown")
    end

    def to_html
      render(Native::PERSONA_HTML, "to_html")
    end

    def render(format, what)
      raise InvalidArgument, "this Persona was read from JSON: #{what} needs its set (PersonaSet.from_json)" unless @set

      Native.persona_render(@set.native, @index, format)
    end
    private :render

    def method_missing(name, *args, &block)
      return @record[name.to_s] if args.empty? && block.nil? && @record.key?(name.to_s)

      super
    end

    def respond_to_missing?(name, include_private = false)
      @record.key?(name.to_s) || super
    end

    def inspect
      return "#<Cxmetrics::Persona #{self['id']} (segment #{self['segment'].inspect}, suppressed)>" if self['suppressed']

      "#<Cxmetrics::Persona #{self['id']} #{self['name'].inspect} (segment #{self['segment'].inspect}, " \
        "#{self['size']} customers)>"
    end
  end

  # Personas with their provenance: Enumerable over Persona, [i] or ["P2"].
  class PersonaSet
    include Serial::Document # as_json, from_h, ==, hash from the library's JSON
    include Enumerable

    attr_reader :native

    def self.from_json(text)
      new(Native.persona_set_from_json(text.to_s))
    end

    def self.from_file(path)
      new(Native.persona_set_from_file(path.to_s))
    end

    def initialize(native)
      @native = native
      @doc = JSON.parse(Native.persona_set_render(native, Native::PERSONA_JSON, nil)).freeze
      @personas = @doc["personas"].each_with_index.map { |p, i| Persona.new(self, i, p) }.freeze
      freeze
    end

    def size
      @personas.size
    end
    alias length size

    def each(&block)
      return enum_for(:each) { size } unless block

      @personas.each(&block)
      self
    end

    def [](key)
      return @personas.find { |p| p["id"] == key } if key.is_a?(String)

      @personas[key]
    end

    def provenance
      JSON.parse(JSON.generate(@doc["provenance"]))
    end

    def to_h
      JSON.parse(to_json)
    end

    # The set's JSON document as a Hash (to_h: it is JSON already).
    def as_json(*)
      to_h
    end

    def to_json(*)
      Native.persona_set_render(@native, Native::PERSONA_JSON, nil)
    end

    # :json, :markdown (:md) or :html (title heads the page).
    def render(format = :json, title: nil)
      Native.persona_set_render(@native, Convert.word(Native::NAMES_PERSONA_FORMAT, format), title)
    end

    def to_markdown
      render(:markdown)
    end

    def to_html(title: nil)
      render(:html, title: title)
    end

    def summary
      Table.from_native(Native.persona_set_summary(@native))
    end

    def identifiers
      Table.from_native(Native.persona_set_identifiers(@native))
    end

    def inspect
      "#<Cxmetrics::PersonaSet #{size} personas, method #{@doc['provenance']['method'].inspect}>"
    end
  end
end
