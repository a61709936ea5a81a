#!/usr/bin/python3
"""End-to-end tests of `cxm cluster`: outputs, --labels, --init, --k auto and exit codes.

Usage: run_cluster_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output):
- tests/cli/data/cluster_small.csv, 6 rows of (a, b), with the initial centres
  (0, 1) and (9, 0) of cluster_init.csv, worked by hand (Lloyd): iteration 1 puts
  rows 1-2 with the first centre ((5, 3): 29 against 25 for the second, (5.2, 3.1):
  31.45 against 24.05) and rows 3-6 with the second; the centres become (0.05, 1.1)
  and (7.075, 1.575), no row moves in iteration 2. Inertia = 0.025 + (15.6275 +
  8.7275) = 24.38; sizes 2 and 4; labels 0 0 1 1 1 1.
- Quality of those labels, scikit-learn 1.2.1 on the same 6 rows:
  silhouette_score 0.6587576304335817, davies_bouldin_score 0.36628793574414,
  calinski_harabasz_score 10.84522832923161.
- Profiles: the column means per cluster and of the file, computed here from the CSV.
- k-prototypes (--categorical channel): Huang's gamma = 0.5 x the mean population
  standard deviation of a and b, computed here; the cost is recomputed here from the
  printed prototypes and labels (squared distance + gamma x mismatches), and every row
  must be at its nearest prototype.
"""
import csv
import io
import math
import os
import sys
import tempfile

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
DATA = "tests/cli/data/"
SMALL = DATA + "cluster_small.csv"
TMP = tempfile.mkdtemp(prefix="cxm_cluster_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails

SIL, DB, CH = 0.6587576304335817, 0.36628793574414, 10.84522832923161


def close(got, exp, rel=1e-9):
    return got is not None and abs(got - exp) <= rel * max(abs(exp), 1e-300)


def rows_of(path):
    with open(os.path.join(ROOT, path), newline="") as f:
        return list(csv.DictReader(f))


def labels_of(path):
    with open(path, newline="") as f:
        text = f.read()
    lines = text.splitlines()
    return lines[0], [int(v) for v in lines[1:]]


data = rows_of(SMALL)
A = [float(r["a"]) for r in data]
B = [float(r["b"]) for r in data]

# ---- k-means from given centres: the hand-worked example --------------------------
out = os.path.join(TMP, "labels.csv")
doc = ok_json("kmeans --init", "cluster", SMALL, "--columns", "a,b", "--init", DATA + "cluster_init.csv",
              "--format", "json", "--labels", out)
check("kind", doc.get("kind") == "kmeans", repr(doc.get("kind")))
check("k", doc.get("k") == 2, repr(doc.get("k")))
check("inertia 24.38", close(doc.get("inertia"), 24.38), repr(doc.get("inertia")))
check("iterations", doc.get("iterations") == 2, repr(doc.get("iterations")))
check("converged", doc.get("converged") == 1, repr(doc.get("converged")))
check("sizes", doc.get("sizes") == [2, 4], repr(doc.get("sizes")))
cen = doc.get("centroids", [])
check("centroids", len(cen) == 2 and close(cen[0]["a"], 0.05) and close(cen[0]["b"], 1.1) and
      close(cen[1]["a"], 7.075) and close(cen[1]["b"], 1.575) and cen[1]["size"] == 4, repr(cen))
check("silhouette (sklearn)", close(doc.get("silhouette"), SIL), repr(doc.get("silhouette")))
check("davies_bouldin (sklearn)", close(doc.get("davies_bouldin"), DB), repr(doc.get("davies_bouldin")))
check("calinski_harabasz (sklearn)", close(doc.get("calinski_harabasz"), CH),
      repr(doc.get("calinski_harabasz")))
header, labels = labels_of(out)
check("--labels header", header == "label", repr(header))
check("--labels one per row, in order", labels == [0, 0, 1, 1, 1, 1], repr(labels))
prof = doc.get("profiles", [])
check("profiles: 2 clusters x 2 columns", len(prof) == 4, repr(len(prof)))
for p in prof:
    members = [i for i, l in enumerate(labels) if l == p["cluster"]]
    col = A if p["attribute"] == "a" else B
    mean = sum(col[i] for i in members) / len(members)
    pop = sum(col) / len(col)
    check(f"profile {p['cluster']} {p['attribute']} mean", close(p["value"], mean), repr(p))
    check(f"profile {p['cluster']} {p['attribute']} lift", close(p["lift"], mean / pop), repr(p))
model = doc.get("model", {})
check("model: names and centres", model.get("names") == ["a", "b"] and
      close(model.get("centres", [[0]])[1][0], 7.075), repr(model)[:200])

# the same from --k 2 with the seed: the same partition (k-means++ finds it on these rows)
doc2 = ok_json("kmeans --k 2", "cluster", SMALL, "--columns", "a,b", "--k", "2", "--seed", "1")
check("--k 2: inertia 24.38", close(doc2.get("inertia"), 24.38), repr(doc2.get("inertia")))

# CSV: the centroids
text = ok("kmeans csv", "cluster", SMALL, "--columns", "a,b", "--init", DATA + "cluster_init.csv",
          "--format", "csv")
rows = list(csv.DictReader(io.StringIO(text)))
check("csv header", text.splitlines()[0] == "cluster,size,a,b" if text else False, repr(text[:40]))
check("csv rows", len(rows) == 2 and rows[1]["size"] == "4" and close(float(rows[0]["a"]), 0.05), repr(rows))

# --standardize: centroids in standard units, profiles in the file's units
doc = ok_json("standardize", "cluster", SMALL, "--columns", "a,b", "--k", "2", "--standardize")
check("standardized flag", doc.get("standardized") == 1, repr(doc.get("standardized")))
mean_a = sum(A) / 6
sd_a = math.sqrt(sum((v - mean_a) ** 2 for v in A) / 6)
cs = doc.get("centroids", [])
sizes = [c["size"] for c in cs]
check("standardize: the size-weighted centroid mean of a is 0",
      len(cs) == 2 and abs(sum(c["a"] * c["size"] for c in cs) / 6) < 1e-12, repr(cs))
pa = [p for p in doc.get("profiles", []) if p["attribute"] == "a"]
check("standardize: profiles keep the file's units", pa and close(pa[0]["population"], mean_a), repr(pa))
check("standardize: centroid a = (cluster mean - mean) / sd",
      pa and cs and close(cs[int(pa[0]["cluster"])]["a"], (pa[0]["value"] - mean_a) / sd_a, 1e-9), repr(cs))

# ---- k-prototypes --------------------------------------------------------------------
out = os.path.join(TMP, "labels_kp.csv")
doc = ok_json("kprototypes --init", "cluster", SMALL, "--columns", "a,b", "--categorical", "channel",
              "--init", DATA + "cluster_init_mixed.csv", "--labels", out)
check("kind kprototypes", doc.get("kind") == "kprototypes", repr(doc.get("kind")))


def pstd(v):
    m = sum(v) / len(v)
    return math.sqrt(sum((x - m) ** 2 for x in v) / len(v))


gamma = 0.5 * (pstd(A) + pstd(B)) / 2
check("Huang's gamma", close(doc.get("gamma"), gamma), repr(doc.get("gamma")))
_, labels = labels_of(out)
cen = doc.get("centroids", [])
chan = [r["channel"] for r in data]


def dissim(i, c):
    return (A[i] - c["a"]) ** 2 + (B[i] - c["b"]) ** 2 + gamma * (chan[i] != c["channel"])


if len(cen) == 2 and len(labels) == 6:
    cost = sum(dissim(i, cen[l]) for i, l in enumerate(labels))
    check("k-prototypes cost recomputed", close(doc.get("inertia"), cost), f"{doc.get('inertia')} vs {cost}")
    check("every row at its nearest prototype",
          all(dissim(i, cen[l]) <= min(dissim(i, c) for c in cen) + 1e-12 for i, l in enumerate(labels)),
          repr(labels))
    check("modes are level texts", {c["channel"] for c in cen} <= {"web", "store", "app"}, repr(cen))
else:
    check("k-prototypes centroids and labels", False, repr(cen))
pc = [p for p in doc.get("profiles", []) if p["attribute"] == "channel"]
check("profiles of the categorical column: modes", pc and all(p["statistic"] == "mode" for p in pc), repr(pc))
check("model level names", doc.get("model", {}).get("level_names") == [["web", "store", "app"]],
      repr(doc.get("model", {}).get("level_names")))

# ---- --k auto ---------------------------------------------------------------------------
doc = ok_json("k auto", "cluster", SMALL, "--columns", "a,b", "--k", "auto", "--k-max", "4",
              "--references", "3")
ck = doc.get("choose_k", [])
check("choose_k rows k = 2..4", [r.get("k") for r in ck] == [2, 3, 4], repr(ck))
if ck:
    best = max(ck, key=lambda r: r["silhouette"])["k"]
    check("k auto takes the best silhouette", doc.get("k") == best == doc.get("best_silhouette"),
          f"{doc.get('k')} {best} {doc.get('best_silhouette')}")
    check("elbow and gap choices reported", doc.get("best_elbow") in (2, 3, 4) and
          doc.get("best_gap") in (2, 3, 4), repr(doc)[:300])

# ---- bad input ----------------------------------------------------------------------------
fails("empty file", 1, ["empty.csv"], "cluster", DATA + "empty.csv", "--columns", "a,b", "--k", "2")
fails("header only", 1, ["no rows"], "cluster", DATA + "cluster_header_only.csv", "--columns", "a,b",
      "--k", "2")
fails("NaN in a feature", 1, ["cluster_nan.csv:3:3", "'b'", "'NaN' is not a number"], "cluster", DATA + "cluster_nan.csv",
      "--columns", "a,b", "--k", "2")
fails("k > rows", 1, ["k", "6"], "cluster", SMALL, "--columns", "a,b", "--k", "7")
fails("one-level categorical", 1, ["one level", "column 'channel'"], "cluster", DATA + "cluster_one_level.csv", "--columns", "a",
      "--categorical", "channel", "--k", "2")
fails("missing column", 1, ["zz"], "cluster", SMALL, "--columns", "a,zz", "--k", "2")
fails("text as a number", 1, ["channel"], "cluster", SMALL, "--columns", "a,channel", "--k", "2")
fails("init level unknown", 1, ["cluster_init_badlevel.csv:3", "phone"], "cluster", SMALL, "--columns", "a,b",
      "--categorical", "channel", "--init", DATA + "cluster_init_badlevel.csv")
fails("init k disagrees", 2, ["--k 2", "3 centres"], "cluster", SMALL, "--columns", "a,b", "--k", "2",
      "--init", DATA + "cluster_init3.csv")
fails("no --columns", 2, ["--columns"], "cluster", SMALL, "--k", "2")
fails("no --k", 2, ["--k"], "cluster", SMALL, "--columns", "a,b")
fails("--k 0", 2, ["--k"], "cluster", SMALL, "--columns", "a,b", "--k", "0")
fails("--k word", 2, ["--k", "many"], "cluster", SMALL, "--columns", "a,b", "--k", "many")
fails("--k auto with --init", 2, ["--init"], "cluster", SMALL, "--columns", "a,b", "--k", "auto",
      "--init", DATA + "cluster_init.csv")
fails("--format", 2, ["--format", "xml"], "cluster", SMALL, "--columns", "a,b", "--k", "2", "--format", "xml")
fails("no file", 2, ["no input file"], "cluster", "--columns", "a,b", "--k", "2")
rc, out, err = run("cluster", "--help")
check("--help exits 0 and shows the usage", rc == 0 and "Usage: cxm cluster" in out, repr(err))
rc, out, err = run("--help")
check("cxm --help lists cluster", "cxm cluster" in out, repr(out[:100]))

print(f"{cli.passed} passed, {cli.failed} failed")
sys.exit(1 if cli.failed else 0)
