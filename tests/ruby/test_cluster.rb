# frozen_string_literal: true

# Cxmetrics::Cluster against independently known values:
# - POINTS (15 rows, 3 groups) and its results were computed with scikit-learn
#   1.2.1 (Python 3.11, numpy rng default_rng(42), rounded to 2 decimals):
#   KMeans(3, init=POINTS[[0, 5, 10]], n_init=1, algorithm="lloyd") gives labels
#   0 x5, 1 x5, 2 x5, inertia 14.115519999999997, centres (-0.158, -0.514),
#   (6.534, 1.008), (2.31, 6.924); silhouette_score 0.8048985081421403,
#   davies_bouldin_score 0.2544200203746733, calinski_harabasz_score
#   114.31066514021451; for the labels 0 x5, 1 x10: 0.506741768819914,
#   0.7332489733314056, 12.164626570536624; adjusted_rand_score(A, B) below
#   0.4318181818181818.
# - SMALL (6 rows) worked by hand from the centres (0, 1) and (9, 0): rows 1-2
#   and 3-6, centres (0.05, 1.1) and (7.075, 1.575), inertia 0.025 + 15.6275 +
#   8.7275 = 24.38.
# - k-prototypes: Huang's gamma (0.5 x the mean population standard deviation)
#   and the cost recomputed here from the labels and prototypes.
require_relative "test_helper"

class TestCluster < Minitest::Test
  C = Cxmetrics::Cluster

  POINTS = [[0.3, -1.04], [0.75, 0.94], [-1.95, -1.3], [0.13, -0.32], [-0.02, -0.85], [6.88, 1.78],
            [6.07, 2.13], [6.47, 0.14], [6.37, 0.04], [6.88, 0.95], [1.82, 6.32], [3.22, 6.85],
            [1.57, 6.65], [2.53, 7.37], [2.41, 7.43]].freeze
  SK_LABELS = [0] * 5 + [1] * 5 + [2] * 5

  SMALL = [
    { id: 1, a: 0.0, b: 1.0, channel: "web" }, { id: 2, a: 0.1, b: 1.2, channel: "web" },
    { id: 3, a: 5.0, b: 3.0, channel: "store" }, { id: 4, a: 5.2, b: 3.1, channel: "store" },
    { id: 5, a: 9.0, b: 0.0, channel: "app" }, { id: 6, a: 9.1, b: 0.2, channel: "web" }
  ].freeze

  def test_kmeans_arrays_match_sklearn
    r = C.kmeans(POINTS, init: [POINTS[0], POINTS[5], POINTS[10]])
    assert_equal SK_LABELS, r.labels
    assert_close 14.115519999999997, r.inertia
    [[-0.158, -0.514], [6.534, 1.008], [2.31, 6.924]].each_with_index do |c, i|
      c.each_with_index { |v, j| assert_close v, r.model.centres[i][j], 1e-12 }
    end
    assert_equal :kmeans, r.kind
    assert r.converged?
    assert_equal [5.0, 5.0, 5.0], r.sizes
    one = C.kmeans(POINTS, init: [POINTS[0], POINTS[5], POINTS[10]], threads: 1)
    assert_equal r.labels, one.labels
    assert_equal r.inertia, one.inertia
  end

  def test_kmeans_hashes_hand_worked
    r = C.kmeans(SMALL, columns: %i[a b], init: [{ a: 0.0, b: 1.0 }, { a: 9.0, b: 0.0 }])
    assert_equal [0, 0, 1, 1, 1, 1], r.labels
    assert_close 24.38, r.inertia
    assert_equal 2, r.iterations
    c = r.centroids
    assert_equal %i[cluster size a b], c[0].keys
    assert_close 0.05, c[0][:a]
    assert_close 7.075, c[1][:a]
    assert_equal 4.0, c[1][:size]
    h = r.to_h
    assert_equal 2, h[:k]
    assert_equal r.labels, h[:labels]
    assert_equal %w[a b], r.model.names
  end

  def test_seeded_fit_is_reproducible_and_a_fixed_point
    a = C.kmeans(POINTS, k: 3, seed: 7, n_init: 3)
    b = C.kmeans(POINTS, k: 3, seed: 7, n_init: 3)
    assert_equal a.labels, b.labels
    assert_close 14.115519999999997, a.inertia # the optimum of these well-separated groups
    assert_equal a.labels, a.model.assign(POINTS)
  end

  def test_quality_matches_sklearn
    assert_close 0.8048985081421403, C.silhouette(POINTS, SK_LABELS)
    assert_close 0.2544200203746733, C.davies_bouldin(POINTS, SK_LABELS)
    assert_close 114.31066514021451, C.calinski_harabasz(POINTS, SK_LABELS)
    two = [0] * 5 + [1] * 10
    assert_close 0.506741768819914, C.silhouette(POINTS, two)
    assert_close 0.7332489733314056, C.davies_bouldin(POINTS, two)
    assert_close 12.164626570536624, C.calinski_harabasz(POINTS, two)
    a = [0, 0, 1, 1, 2, 2, 0, 1, 2, 0]
    b = [1, 1, 0, 0, 2, 2, 1, 2, 2, 0]
    assert_close 0.4318181818181818, C.adjusted_rand_index(a, b)
    idx = C.sample_rows(15, 15, seed: 3)
    assert_equal (0...15).to_a, idx.sort
    # a sample of every row is the exact silhouette
    assert_close 0.8048985081421403, C.silhouette(POINTS, SK_LABELS, sample: 15, seed: 3)
  end

  def test_kprototypes_hashes
    r = C.cluster(SMALL, k: 2, columns: %i[a b channel], seed: 1)
    assert_equal :kprototypes, r.kind
    a = SMALL.map { |h| h[:a] }
    b = SMALL.map { |h| h[:b] }
    pstd = ->(v) { m = v.sum / v.size; Math.sqrt(v.sum { |x| (x - m)**2 } / v.size) }
    gamma = 0.5 * (pstd.(a) + pstd.(b)) / 2
    assert_close gamma, r.gamma
    assert_equal [%w[web store app]], r.model.level_names
    cen = r.centroids
    cost = SMALL.each_with_index.sum do |h, i|
      c = cen[r.labels[i]]
      (h[:a] - c[:a])**2 + (h[:b] - c[:b])**2 + (h[:channel] == c[:channel] ? 0 : gamma)
    end
    assert_close cost, r.cost
    # JSON round trip; a level the model never saw is a mismatch with every mode
    m = C::Model.from_json(r.model.to_json)
    assert_equal r.labels, m.assign(SMALL.map { |h| h.slice(:a, :b, :channel) })
    labels, costs = m.assign([{ a: 9.0, b: 0.0, channel: "phone" }], cost: true)
    d = cen.map { |c| (9.0 - c[:a])**2 + c[:b]**2 + gamma }
    assert_equal d.index(d.min), labels[0]
    assert_close d.min, costs[0]
  end

  def test_arrays_and_tables_with_text_columns_are_kprototypes
    rows = [[0.0, "x"], [1.0, "x"], [5.0, "y"], [6.0, "y"]]
    r = C.cluster(rows, k: 2, seed: 1)
    assert_equal :kprototypes, r.kind
    assert_equal [r.labels[0]] * 2 + [r.labels[2]] * 2, r.labels
    refute_equal r.labels[0], r.labels[2]
    t = Cxmetrics::Table.new({ a: [0.0, 1.0, 5.0, 6.0], c: %w[x x y y] })
    r2 = C.cluster(t, k: 2, seed: 1)
    assert_equal r.labels, r2.labels
    assert_equal %w[a c], r2.model.names
    assert_equal %w[x y], r2.centroids.map { |c| c[:c] }.sort
  end

  def test_kprototypes_init_with_level_texts
    r = C.kprototypes(SMALL, columns: %i[a b], categorical: [:channel],
                             init: [[[0.0, 1.0], [9.0, 0.0]], [["web"], ["store"]]])
    assert_equal 2, r.k
    assert_equal r.labels, r.model.assign(SMALL)
  end

  def test_standardize
    z, means, scales = C.standardize([[1.0, 5.0], [3.0, 5.0]])
    assert_equal [2.0, 5.0], means
    assert_equal [1.0, 1.0], scales # population sd of 1, 3 is 1; a constant column gets 1
    assert_equal [[-1.0, 0.0], [1.0, 0.0]], z
  end

  def test_choose_k_stability_profiles
    t = C.choose_k(POINTS, k_min: 2, k_max: 5, seed: 0, references: 5)
    assert_kind_of Cxmetrics::Table, t
    assert_equal [2.0, 3.0, 4.0, 5.0], t.k
    best = t.k[t.silhouette.index(t.silhouette.max)]
    assert_equal best, t.attrs[:best_silhouette]
    assert_equal 3.0, best # the three groups of POINTS
    auto = C.cluster(POINTS, k: :auto, k_max: 5, seed: 0, references: 5)
    assert_equal 3, auto.k
    refute_nil auto.choose_k
    s = C.stability(POINTS, k: 3, samples: 5, seed: 2)
    assert_equal 3, s.size
    assert_equal 15.0, s[:size].sum
    assert_equal 5.0, s.attrs[:samples]
    assert_operator s.attrs[:ari_mean], :<=, 1.0
    p = C.profiles(SMALL, [0, 0, 1, 1, 1, 1], columns: %i[a channel])
    row = p.find { |r| r[:cluster] == 1.0 && r[:attribute] == "a" }
    assert_close (5.0 + 5.2 + 9.0 + 9.1) / 4, row[:value]
    assert_close ((5.0 + 5.2 + 9.0 + 9.1) / 4) / ((0.1 + 5.0 + 5.2 + 9.0 + 9.1) / 6), row[:lift]
    row = p.find { |r| r[:cluster] == 0.0 && r[:attribute] == "channel" }
    assert_equal "web", row[:level]
    assert_close 100.0, row[:level_share]
  end

  def test_progress_proc
    calls = []
    C.kmeans(POINTS, k: 3, seed: 1, progress: ->(step, total, cost) { calls << [step, total, cost]; false })
    refute_empty calls
    assert_equal Cxmetrics::Native::CLUSTER_MAX_ITERATIONS_DEFAULT, calls[0][1]
    assert_raises(Cxmetrics::Cancelled) { C.kmeans(POINTS, k: 3, seed: 1, progress: ->(*) { :stop }) }
    assert_raises(KeyError) { C.kmeans(POINTS, k: 3, seed: 1, progress: ->(*) { raise KeyError, "x" }) }
  end

  # 75 rows x 2 features count as a fit over 150 x 64 elements, past
  # Native::NOGVL_MIN: the fit runs without the GVL and the proc takes it back
  def test_progress_proc_when_the_fit_released_the_gvl
    rows = POINTS * 5
    assert_operator rows.size * 2 * 64, :>=, Cxmetrics::Native::NOGVL_MIN
    calls = []
    r = C.kmeans(rows, k: 3, seed: 4, progress: ->(s, t, v) { calls << [s, t, v] })
    refute_empty calls
    assert_equal (1..calls.size).to_a, calls.map(&:first)
    assert(calls.all? { |_, t, v| t == Cxmetrics::Native::CLUSTER_MAX_ITERATIONS_DEFAULT && v >= r.inertia - 1e-9 })
    assert_raises(Cxmetrics::Cancelled) { C.kmeans(rows, k: 3, seed: 4, progress: ->(*) { true }) }
    e = assert_raises(ArgumentError) { C.kmeans(rows, k: 3, seed: 4, progress: ->(*) { raise ArgumentError, "mine" }) }
    assert_equal "mine", e.message
  end

  def test_progress_of_choose_k_and_stability
    steps = []
    C.choose_k(POINTS, k_min: 2, k_max: 3, references: 1, progress: ->(s, t, v) { steps << [s, t, v.nan?] })
    refute_empty steps
    assert_equal steps.last[1], steps.last[0]
    assert(steps.all? { |_, _, nan| nan })
    assert_raises(Cxmetrics::Cancelled) { C.stability(POINTS, k: 3, samples: 3, progress: ->(s, *) { s >= 2 }) }
  end

  def test_bad_input
    e = assert_raises(Cxmetrics::NanInput) { C.kmeans([[0.0, 1.0], [nil, 2.0], [3.0, 4.0]], k: 2) }
    assert_match(/row 1, column 0/, e.message)
    assert_raises(Cxmetrics::OutOfRange) { C.kmeans([[0.0], [Float::INFINITY], [1.0]], k: 2) }
    assert_raises(Cxmetrics::TooFew) { C.kmeans([[0.0], [1.0]], k: 3) }
    assert_raises(Cxmetrics::EmptyInput) { C.kmeans([], k: 2, columns: %i[a b]) }
    assert_raises(Cxmetrics::InvalidArgument) { C.kmeans([[0.0], [1.0]], k: 0) }
    assert_raises(Cxmetrics::InvalidArgument) { C.kmeans(POINTS, k: 2, init: POINTS.first(3)) }
    one = [{ a: 0.0, c: "x" }, { a: 1.0, c: "x" }, { a: 5.0, c: "x" }]
    e = assert_raises(Cxmetrics::Inconsistent) { C.cluster(one, k: 2) }
    assert_match(/one level/, e.message)
    e = assert_raises(Cxmetrics::NanInput) { C.cluster([{ a: 0.0, c: "x" }, { a: 1.0, c: nil }], k: 2, categorical: [:c]) }
    assert_match(/row 1, column "c"/, e.message)
    assert_raises(Cxmetrics::InvalidArgument) { C.kmeans([{ a: 1.0 }, { b: 2.0 }], k: 1) }
    assert_raises(Cxmetrics::ArgumentTypeError) { C.kmeans([{ a: "x" }, { a: 2.0 }], k: 1) }
    assert_raises(Cxmetrics::TooFew) { C.silhouette([[0.0], [1.0]], [0, 0]) }
    assert_raises(Cxmetrics::ParseError) { C::Model.from_json("{\"kind\": ") }
  end
end
