# examples/ruby/segment_customers.rb - customer segments of a real retailer's customers.
#
#   RUBYLIB=bindings/ruby/lib:build/bindings/ruby ruby examples/ruby/segment_customers.rb
#
# The 2,240 customers of tests/data/customers (CC0, README there): k chosen among
# 2..8, k-means on standardised spend and purchase counts, quality and stability, the
# segments' profiles (lift against the whole base), k-prototypes with education and
# marital status, and the model as JSON labelling new customers.
require "cxmetrics"

DATA = File.expand_path("../../tests/data/customers/marketing_campaign.csv", __dir__)
NUMERIC = %i[Recency MntWines MntFruits MntMeatProducts MntFishProducts MntSweetProducts
             MntGoldProds NumWebPurchases NumCatalogPurchases NumStorePurchases NumWebVisitsMonth].freeze
CATEGORICAL = %i[Education Marital_Status].freeze
C = Cxmetrics::Cluster

# Income is left out: 24 customers have none.
customers = Cxmetrics::Table.read_csv(DATA, delimiter: ";",
                                            columns: NUMERIC.to_h { |c| [c, :number] }
                                                            .merge(CATEGORICAL.to_h { |c| [c, :text] }))
puts "#{customers.size} customers"

seg = C.cluster(customers, columns: NUMERIC, k: :auto, k_min: 2, k_max: 8, standardize: true, seed: 1)
ks = seg.choose_k
puts format("k by silhouette %d, elbow %d, gap %d; kept k = %d", ks.attrs[:best_silhouette],
            ks.attrs[:best_elbow], ks.attrs[:best_gap], seg.k)
ks.each { |r| puts format("  k %d  cost %10.1f  silhouette %.3f  gap %.3f", r[:k], r[:cost], r[:silhouette], r[:gap]) }

z, = C.standardize(customers, columns: NUMERIC)
seg4 = C.kmeans(z, k: 4, seed: 1, n_init: 4)
puts format("k = 4: sizes %s, silhouette %.3f, Davies-Bouldin %.3f, Calinski-Harabasz %.1f",
            seg4.sizes.map(&:to_i).inspect, C.silhouette(z, seg4.labels), C.davies_bouldin(z, seg4.labels),
            C.calinski_harabasz(z, seg4.labels))
stab = C.stability(z, k: 4, samples: 10, seed: 1, n_init: 4)
puts format("bootstrap ARI %.3f (min %.3f)", stab.attrs[:ari_mean], stab.attrs[:ari_min])

profiles = C.profiles(customers, seg4.labels, columns: NUMERIC + CATEGORICAL)
puts "lift of each segment against the base:"
profiles.group_by { |r| r[:attribute] }.each do |attr, rows|
  lifts = rows.sort_by { |r| r[:cluster] }.map { |r| format("%5.2f", r[:lift]) }
  puts format("  %-20s %s", attr, lifts.join(" "))
end

# the standardised numbers with the two text columns
mixed = customers.each_with_index.map do |r, i|
  r.slice(*CATEGORICAL).merge(NUMERIC.each_with_index.to_h { |c, j| [c, z[i][j]] })
end
kp = C.cluster(mixed, columns: NUMERIC + CATEGORICAL, k: 4, seed: 1, n_init: 2)
puts format("k-prototypes: cost %.1f, gamma %.3f, sizes %s", kp.cost, kp.gamma, kp.sizes.map(&:to_i).inspect)
kp.centroids.each { |c| puts "  segment #{c[:cluster]}: #{c[:Education]}, #{c[:Marital_Status]}" }

model = C::Model.from_json(kp.model.to_json)
new = mixed.first(3).map(&:dup)
new[0][:Marital_Status] = "Widowed-twice" # a level the model never saw
puts "new customers go to segments #{model.assign(new).inspect}"
