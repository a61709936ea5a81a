# frozen_string_literal: true

require "json"

module Cxmetrics
  # Clustering customers (cluster.h, spec §14): k-means, mini-batch k-means,
  # k-prototypes for numeric + categorical data, standardisation, models as
  # JSON, assignment of new customers, quality (silhouette, Davies-Bouldin,
  # Calinski-Harabasz, adjusted Rand index), the choice of k, stability and
  # profiles. Every number is computed by the C library.
  #
  #   rows = [{spend: 10.0, visits: 1}, {spend: 11.0, visits: 2}, {spend: 90.0, visits: 9}, ...]
  #   r = Cxmetrics::Cluster.kmeans(rows, k: 2, seed: 1)
  #   r.labels     # => [0, 0, 1, ...]
  #   r.centroids  # => [{cluster: 0, size: 2.0, spend: 10.5, visits: 1.5}, ...]
  #   r.to_h       # => {kind: :kmeans, k: 2, inertia: ..., ...}
  #
  # Data: an Array of Hashes (one per customer; columns: the keys of the
  # first row unless given), an Array of Arrays (columns named 0, 1, ... or
  # by columns:), or a Cxmetrics::Table. Columns whose values are Strings or
  # Symbols are categorical (k-prototypes), unless categorical: names them;
  # their levels are numbered by the C table, first seen first. nil in a
  # numeric column is NaN (the library names its row and column).
  module Cluster
    KIND = Native::NAMES_CLUSTER_KIND

    # The features as the C functions take them (internal).
    class Data
      attr_reader :x, :n_cols, :codes, :n_cat, :levels, :level_names, :num_names, :cat_names, :rows

      def initialize(rows, columns: nil, categorical: nil, numeric_only: false)
        cols, get = Data.columns_of(rows, columns)
        @rows = Data.count(rows)
        cat = if categorical
                categorical.map { |c| Data.key(cols, c) }
              elsif numeric_only
                []
              else
                cols.select { |c| (0...@rows).any? { |i| v = get.call(i, c); v.is_a?(String) || v.is_a?(Symbol) } }
              end
        cols += cat.reject { |c| cols.include?(c) }
        num = cols - cat
        @num_names = num.map(&:to_s)
        @cat_names = cat.map(&:to_s)
        @n_cols = num.size
        @n_cat = cat.size
        @x = Array.new(@rows * @n_cols)
        @rows.times do |i|
          num.each_with_index { |c, j| @x[i * @n_cols + j] = Data.number(get.call(i, c), i, c) }
        end
        @codes = Array.new(@rows * @n_cat)
        @levels = []
        @level_names = []
        cat.each_with_index do |c, j|
          texts = Array.new(@rows) do |i|
            v = get.call(i, c)
            if v.nil?
              raise NanInput, "NAN: row #{i}, column #{c.to_s.inspect}: a missing categorical value " \
                              "(fill it or drop the row)"
            end
            v.to_s
          end
          t = Native.table_new
          Native.table_add_texts(t, c.to_s, texts)
          Native.table_copy_codes(@rows, t, 0).each_with_index { |code, i| @codes[i * @n_cat + j] = code }
          n = Native.table_level_count(t, 0)
          @levels << n
          @level_names << Array.new(n) { |l| Native.table_level(t, 0, l).freeze }
        end
      end

      def names
        @num_names + @cat_names
      end

      def self.count(rows)
        rows.is_a?(Table) ? rows.size : Convert.array(rows, "rows").size
      end

      # [column keys, ->(row, key) { value }] of the data.
      def self.columns_of(rows, columns)
        if rows.is_a?(Table)
          cols = columns ? columns.map(&:to_sym) : rows.column_names
          cols.each { |c| raise InvalidArgument, "BAD_ARG: no column #{c.inspect}" unless rows.column?(c) }
          return [cols, ->(i, c) { rows.columns[c][i] }]
        end
        rows = Convert.array(rows, "rows")
        first = rows.first
        case first
        when Hash, nil
          cols = columns || (first ? first.keys : [])
          [cols.dup, lambda { |i, c|
            r = rows[i]
            Convert.type_error("rows[#{i}]", "a Hash", r) unless r.is_a?(Hash)

            r.fetch(c) { r.fetch(c.is_a?(Symbol) ? c.to_s : c.to_sym) { raise_missing(i, c) } }
          }]
        else
          width = Convert.array(first, "rows[0]").size
          cols = columns ? columns.dup : (0...width).to_a
          [cols, lambda { |i, c|
            r = Convert.array(rows[i], "rows[#{i}]")
            raise InvalidArgument, "BAD_ARG: rows[#{i}] has #{r.size} values, rows[0] #{width}" unless r.size == width

            r[c.is_a?(Integer) ? c : cols.index(c)]
          }]
        end
      end

      def self.raise_missing(i, c)
        raise InvalidArgument, "BAD_ARG: row #{i} has no column #{c.inspect}"
      end

      def self.key(cols, c)
        cols.find { |k| k.to_s == c.to_s } || c
      end

      def self.number(v, i, c)
        return Float::NAN if v.nil?
        return v.to_f if v.is_a?(Numeric)

        Convert.type_error("row #{i}, column #{c.inspect}", "a number", v)
      end
    end

    # A fitted clustering (Native::Cluster_model): centres, modes, sizes,
    # cost, names; to_json / Model.from_json, assign.
    class Model
      include Serial::Document # as_json, from_h, ==, hash from the library's JSON
      attr_reader :handle

      def initialize(handle, level_names = nil)
        @handle = handle
        @info = Native.cluster_model_info(handle)
        @level_names = level_names
      end

      # A model from its JSON (Model#to_json). Raises ParseError (byte offset
      # or key), Inconsistent, NanInput, OutOfRange.
      def self.from_json(text)
        new(Native.cluster_model_from_json(text.to_s))
      end

      def to_json(*)
        Native.cluster_model_to_json(@handle)
      end


      # :kmeans or :kprototypes.
      def kind
        Convert.symbol(KIND, @info.kind)
      end

      def k = @info.k
      def n_cols = @info.n_cols
      def n_cat = @info.n_cat
      def rows = @info.rows
      def cost = @info.cost
      alias inertia cost
      def iterations = @info.iterations
      def converged? = @info.converged == 1

      # The categorical weight (nil for k-means).
      def gamma
        Cxmetrics::Result.value(@info.gamma)
      end

      # Feature names, numeric first (nil when unnamed).
      def names
        Array.new(n_cols + n_cat) { |i| Native.cluster_model_name(@handle, i) }
      end

      # Per categorical feature its level texts (code i = level i), or nil.
      def level_names
        @level_names ||= Array.new(n_cat) do |j|
          n = Native.cluster_model_level_count(@handle, j)
          texts = Array.new(n) { |i| Native.cluster_model_level(@handle, j, i) }
          n.zero? || texts[0].nil? ? nil : texts
        end
      end

      # The numeric centres, k Arrays of n_cols Floats.
      def centres
        Native.cluster_model_centres(k * n_cols, @handle).each_slice([n_cols, 1].max).to_a.first(n_cols.zero? ? 0 : k)
      end

      # The modes, k Arrays of n_cat level codes.
      def modes
        Native.cluster_model_modes(k * n_cat, @handle).each_slice([n_cat, 1].max).to_a.first(n_cat.zero? ? 0 : k)
      end

      # Rows per cluster in the fit.
      def sizes
        Native.cluster_model_sizes(k, @handle)
      end

      # One Hash per cluster: cluster, size, the centre's values and the
      # modes' level texts under the feature names.
      def centroids
        nm = names
        cs = centres
        ms = modes
        lv = level_names
        sz = sizes
        Array.new(k) do |i|
          h = { cluster: i, size: sz[i] }
          n_cols.times { |j| h[(nm[j] || "x#{j}").to_sym] = cs[i][j] }
          n_cat.times do |j|
            code = ms[i][j]
            h[(nm[n_cols + j] || "c#{j}").to_sym] = lv[j] ? lv[j][code] : code
          end
          h
        end
      end

      # Label new rows (Hashes or Arrays, columns by the model's feature
      # names): the nearest prototype, ties to the lowest label; a level the
      # model never saw counts as a mismatch with every mode. With cost: true,
      # [labels, each row's distance to its prototype].
      def assign(rows, cost: false)
        nm = names
        cols = nm.all? ? nm.map(&:to_sym) : nil
        d = Data.new(rows, columns: cols && cols.first(n_cols), categorical: cols && cols.drop(n_cols),
                           numeric_only: n_cat.zero?)
        codes = d.codes
        if n_cat.positive? && level_names.any?
          lv = level_names
          codes = Array.new(d.rows * n_cat) do |p|
            j = p % n_cat
            text = d.level_names[j][d.codes[p]]
            lv[j] ? (lv[j].index(text) || lv[j].size) : d.codes[p]
          end
        end
        labels, costs = Native.cluster_assign(d.rows, d.rows, @handle, d.x, d.n_cols, codes, d.n_cat)
        cost ? [labels, costs] : labels
      end

      def to_h
        { kind: kind, k: k, n_cols: n_cols, n_cat: n_cat, rows: rows, cost: cost, gamma: gamma,
          iterations: iterations, converged: converged?, names: names, sizes: sizes, centroids: centroids }
      end

      def inspect
        "#<#{self.class.name} #{kind} k=#{k} n_cols=#{n_cols} n_cat=#{n_cat} cost=#{cost}>"
      end
    end

    # A fit: labels (one per row, 0 .. k - 1) and the model, with its facts;
    # choose_k (a Table) when k was chosen; means / scales when standardised.
    class Result
      attr_reader :labels, :model, :choose_k, :means, :scales

      def initialize(model, labels, choose_k: nil, means: nil, scales: nil)
        @model = model
        @labels = labels.freeze
        @choose_k = choose_k
        @means = means
        @scales = scales
        freeze
      end

      %i[kind k inertia cost iterations gamma sizes centroids].each do |m|
        define_method(m) { @model.public_send(m) }
      end

      def converged?
        @model.converged?
      end

      def to_h
        { kind: kind, k: k, inertia: inertia, iterations: iterations, converged: converged?, gamma: gamma,
          sizes: sizes, centroids: centroids, labels: labels }
      end

      # to_h and what from_h needs besides: model (the model's JSON as a
      # Hash), choose_k (a Table's as_json or nil), means, scales.
      def as_json(*)
        Serial.plain(to_h.merge(model: model.as_json, choose_k: choose_k&.as_json, means: means, scales: scales))
      end

      def to_json(*args)
        as_json.to_json(*args)
      end

      # A fit from a Hash as as_json gives it; kind, k, inertia, ... are the
      # model's, read from it (the copies in the Hash are not consulted).
      def self.from_h(hash)
        h = Serial.fields(hash, %i[kind k inertia iterations converged gamma sizes centroids labels model
                                   choose_k means scales], name,
                          optional: %i[kind k inertia iterations converged gamma sizes centroids choose_k
                                       means scales])
        new(Model.from_h(h[:model]), Convert.array(h[:labels], "labels"),
            choose_k: h[:choose_k] && Table.from_h(h[:choose_k]), means: h[:means], scales: h[:scales])
      end

      extend Serial::ClassMethods # from_json: from_h of the parsed text

      def ==(other)
        other.is_a?(Result) && model == other.model && labels == other.labels && choose_k == other.choose_k &&
          Serial.same?(means, other.means) && Serial.same?(scales, other.scales)
      end
      alias eql? ==

      def hash
        [model, labels].hash
      end

      def inspect
        "#<#{self.class.name} #{kind} k=#{k} inertia=#{inertia} iterations=#{iterations} converged=#{converged?}>"
      end
      alias to_s inspect
    end

    module_function

    # The options object, through its setters; nil keeps the C default.
    def options(k: nil, seed: nil, init: nil, init_modes: nil, n_init: nil, max_iter: nil, tol: nil,
                batch_size: nil, gamma: nil, threads: nil, progress: nil)
      o = Native.cluster_opts_new
      Native.cluster_opts_set_k(o, k) if k
      Native.cluster_opts_set_seed(o, seed) if seed
      Native.cluster_opts_set_init(o, init.flatten) if init
      Native.cluster_opts_set_init_modes(o, init_modes.flatten) if init_modes
      Native.cluster_opts_set_n_init(o, n_init) if n_init
      Native.cluster_opts_set_max_iterations(o, max_iter) if max_iter
      Native.cluster_opts_set_tol(o, tol) if tol
      Native.cluster_opts_set_batch_size(o, batch_size) if batch_size
      Native.cluster_opts_set_gamma(o, gamma) if gamma
      Native.cluster_opts_set_threads(o, threads) if threads
      Native.cluster_opts_set_progress(o, progress)
      o
    end
    private_class_method :options

    # Initial centres from Hashes (by the numeric names) or Arrays.
    def init_rows(init, d)
      init.map do |r|
        r.is_a?(Hash) ? d.num_names.map { |c| r.fetch(c.to_sym) { r.fetch(c) } } : r
      end
    end
    private_class_method :init_rows

    # Initial modes as codes: level texts of the data, or codes as they are.
    def init_mode_codes(modes, d)
      modes.map do |r|
        vals = r.is_a?(Hash) ? d.cat_names.map { |c| r.fetch(c.to_sym) { r.fetch(c) } } : r
        vals.each_with_index.map do |v, j|
          next v if v.is_a?(Integer)

          d.level_names[j].index(v.to_s) ||
            raise(InvalidArgument, "BAD_ARG: init mode #{v.to_s.inspect} is not a level of column " \
                                   "#{d.cat_names[j].inspect}")
        end
      end
    end
    private_class_method :init_mode_codes

    def fit(d, opts, choose_k: nil, means: nil, scales: nil)
      h, labels = if d.n_cat.positive?
                    Native.kprototypes_fit(d.rows, d.x, d.n_cols, d.codes, d.n_cat, d.levels, opts)
                  else
                    Native.kmeans_fit(d.rows, d.x, d.n_cols, opts)
                  end
      Native.cluster_model_set_names(h, d.names) unless d.names.empty?
      d.level_names.each_with_index { |lv, j| Native.cluster_model_set_levels(h, j, lv) }
      Result.new(Model.new(h, d.level_names), labels, choose_k: choose_k, means: means, scales: scales)
    end
    private_class_method :fit

    # k-means (spec §14.1): k-means++ (seeded) or init (k rows of centres;
    # k then defaults to their count, another k raises InvalidArgument),
    # Lloyd iterations, or mini-batch k-means with batch_size. progress: nil
    # or a proc (iteration, max_iter, cost); true or :stop stops the fit
    # (Cancelled). Returns a Result. Raises InvalidArgument, EmptyInput,
    # NanInput / OutOfRange (row and column), TooFew (k > distinct rows).
    def kmeans(rows, k: nil, columns: nil, init: nil, n_init: nil, seed: nil, max_iter: nil, tol: nil,
               batch_size: nil, threads: nil, progress: nil)
      d = Data.new(rows, columns: columns, numeric_only: true)
      fit(d, options(k: k, seed: seed, init: init && init_rows(init, d), n_init: n_init, max_iter: max_iter,
                     tol: tol, batch_size: batch_size, threads: threads, progress: progress))
    end

    # k-prototypes (Huang 1998, spec §14.2): numeric + categorical columns.
    # init: [centres, modes] (modes as level texts or codes). gamma: default
    # Huang's rule. Raises as kmeans, and Inconsistent for a categorical
    # column with one level.
    def kprototypes(rows, k: nil, columns: nil, categorical: nil, init: nil, gamma: nil, n_init: nil, seed: nil,
                    max_iter: nil, threads: nil, progress: nil)
      d = Data.new(rows, columns: columns, categorical: categorical)
      raise InvalidArgument, "BAD_ARG: kprototypes needs categorical columns" if d.n_cat.zero?

      centres, modes = init
      fit(d, options(k: k, seed: seed, init: centres && init_rows(centres, d),
                     init_modes: modes && init_mode_codes(modes, d), n_init: n_init, max_iter: max_iter,
                     gamma: gamma, threads: threads, progress: progress))
    end

    # k-means or k-prototypes by the columns; k: an Integer or :auto (the
    # best silhouette of choose_k over k_min..k_max; result.choose_k has the
    # table). standardize: cluster standardised numeric columns.
    def cluster(rows, k: nil, columns: nil, categorical: nil, standardize: false, k_min: 2, k_max: 10,
                silhouette_sample: Native::CLUSTER_SILHOUETTE_SAMPLE_DEFAULT, references: Native::CLUSTER_GAP_REFERENCES_DEFAULT, seed: nil, n_init: nil,
                max_iter: nil, gamma: nil, threads: nil, progress: nil)
      d = Data.new(rows, columns: columns, categorical: categorical)
      means = scales = nil
      if standardize && d.n_cols.positive?
        means, scales = Native.standardize_fit(d.n_cols, d.n_cols, d.x, d.n_cols)
        d.instance_variable_set(:@x, Native.standardize_apply(d.x.size, d.x, d.n_cols, means, scales))
      end
      table = nil
      if k.to_s == "auto"
        o = options(seed: seed, n_init: n_init, max_iter: max_iter, gamma: gamma, threads: threads, progress: progress)
        h = Native.cluster_choose_k(d.x, d.n_cols, d.codes, d.n_cat, d.levels, k_min, k_max, silhouette_sample,
                                    references, o)
        table = Table.from_native(h)
        k = Native.table_get_attr_number(h, "best_silhouette").to_i
      end
      fit(d, options(k: k, seed: seed, n_init: n_init, max_iter: max_iter, gamma: gamma, threads: threads,
                     progress: progress), choose_k: table, means: means, scales: scales)
    end

    # [standardised rows (Arrays), means, scales] as scikit-learn's
    # StandardScaler (population deviation; a constant column gets scale 1).
    def standardize(rows, columns: nil)
      d = Data.new(rows, columns: columns, numeric_only: true)
      means, scales = Native.standardize_fit(d.n_cols, d.n_cols, d.x, d.n_cols)
      z = Native.standardize_apply(d.x.size, d.x, d.n_cols, means, scales)
      [z.each_slice([d.n_cols, 1].max).to_a, means, scales]
    end

    def quality_data(rows, columns, categorical)
      Data.new(rows, columns: columns, categorical: categorical)
    end
    private_class_method :quality_data

    # Mean silhouette (Rousseeuw 1987) as scikit-learn's silhouette_score;
    # sample > 0: over the seeded rows of sample_rows. Mixed data use the
    # k-prototypes dissimilarity with gamma (the fit's: result.gamma; nil: Huang's rule).
    def silhouette(rows, labels, sample: 0, seed: 0, columns: nil, categorical: nil, gamma: nil, threads: 0)
      d = quality_data(rows, columns, categorical)
      Native.cluster_silhouette(d.x, d.n_cols, d.codes, d.n_cat, gamma || Float::NAN, labels, sample, seed, threads)
    end

    # Davies-Bouldin index (lower is better), as scikit-learn's.
    def davies_bouldin(rows, labels, columns: nil, categorical: nil, gamma: nil)
      d = quality_data(rows, columns, categorical)
      Native.cluster_davies_bouldin(d.x, d.n_cols, d.codes, d.n_cat, gamma || Float::NAN, labels)
    end

    # Calinski-Harabasz index (higher is better), as scikit-learn's.
    def calinski_harabasz(rows, labels, columns: nil, categorical: nil, gamma: nil)
      d = quality_data(rows, columns, categorical)
      Native.cluster_calinski_harabasz(d.x, d.n_cols, d.codes, d.n_cat, gamma || Float::NAN, labels)
    end

    # Adjusted Rand index of two labelings (Hubert & Arabie 1985).
    def adjusted_rand_index(a, b)
      Native.adjusted_rand_index(Convert.array(a, "a"), Convert.array(b, "b"))
    end

    # The rows a seeded silhouette sample takes, in the order drawn.
    def sample_rows(rows, sample, seed: 0)
      sample = Convert.integer(sample, "sample")
      Native.cluster_sample_rows(sample, Convert.integer(rows, "rows"), sample, Convert.integer(seed, "seed"))
    end

    # Fit k = k_min .. k_max and report cost, silhouette, gap, gap_sd per k
    # (a Table; attrs best_silhouette, best_elbow, best_gap; spec §14.5).
    def choose_k(rows, k_min: 2, k_max: 10, silhouette_sample: Native::CLUSTER_SILHOUETTE_SAMPLE_DEFAULT, references: Native::CLUSTER_GAP_REFERENCES_DEFAULT,
                 columns: nil, categorical: nil, seed: nil, n_init: nil, max_iter: nil, gamma: nil, threads: nil,
                 progress: nil)
      d = Data.new(rows, columns: columns, categorical: categorical)
      o = options(seed: seed, n_init: n_init, max_iter: max_iter, gamma: gamma, threads: threads, progress: progress)
      Table.from_native(Native.cluster_choose_k(d.x, d.n_cols, d.codes, d.n_cat, d.levels, k_min, k_max,
                                                silhouette_sample, references, o))
    end

    # Stability by seeded bootstrap (Hennig 2007, spec §14.6): a Table, one
    # row per reference cluster; attrs ari_mean, ari_sd, ari_min, samples.
    def stability(rows, k: nil, samples: Native::CLUSTER_BOOTSTRAP_DEFAULT, columns: nil, categorical: nil,
                  seed: nil, n_init: nil, max_iter: nil, gamma: nil, threads: nil, progress: nil)
      d = Data.new(rows, columns: columns, categorical: categorical)
      o = options(k: k, seed: seed, n_init: n_init, max_iter: max_iter, gamma: gamma, threads: threads,
                  progress: progress)
      Table.from_native(Native.cluster_stability(d.x, d.n_cols, d.codes, d.n_cat, d.levels, samples, o))
    end

    # Profiles of clusters (spec §14.7) over the columns of rows (Hashes or a
    # Table; numbers: mean, texts: modal level) with their lift: a Table.
    def profiles(rows, labels, columns: nil)
      table = if rows.is_a?(Table)
                rows
              else
                list = Convert.array(rows, "rows")
                keys = columns || (list.first ? list.first.keys : [])
                Table.new(keys.to_h { |c| [c, list.map { |r| r.fetch(c) { r.fetch(c.to_s) } }] })
              end
      cols = (columns || table.column_names).map(&:to_s)
      Table.from_native(Native.cluster_profiles(table.native, cols, Convert.array(labels, "labels")))
    end
  end
end
