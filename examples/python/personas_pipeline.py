"""examples/python/personas_pipeline.py - from orders to persona cards.

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/personas_pipeline.py [OUTDIR]

The seeded synthetic e-commerce base of examples/data (make_ecommerce_customers.py:
1,200 customers with gender, birth year, country, city, job, channel, device, an NPS
answer and a comment, and their 11,234 orders):
  1. RFM: each customer's recency, orders and spend from the order log, scored 1..5
     and named by R rfm's segment rules;
  2. k-prototypes on the standardised RFM numbers and age with channel and device as
     categories, k chosen by the silhouette;
  3. one persona per segment: identity, demographics against the base, what sets it
     apart, the RFM mix, NPS, quotes from its most typical customers;
  4. the personas as one HTML page of cards (OUTDIR/personas.html; default a
     temporary folder), as Markdown and as JSON.
Same data and seed, same bytes: the pipeline prints a digest of the JSON.
"""
import hashlib
import os
import sys
import tempfile

import pandas as pd

import cxmetrics as cx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SEED, YEAR = 12, 2025

customers = pd.read_csv(os.path.join(DATA, "ecommerce_customers.csv"))
orders = pd.read_csv(os.path.join(DATA, "ecommerce_orders.csv"))
print(f"{len(customers)} customers, {len(orders)} orders")

# 1. RFM from the orders (analysis date: the day after the last order)
rfm = cx.rfm_orders(orders, "customer_id", "order_date", "amount", analysis_date="2026-01-01")
scored, _ = cx.rfm_score_customers(rfm)
print(scored["segment"].value_counts().head(5).to_string())
base = customers.set_index("customer_id").join(
    scored[["recency_days", "transaction_count", "amount", "segment"]].rename(columns={"segment": "rfm_segment"}))
base["age"] = YEAR - base["birth_year"]

# 2. k-prototypes on RFM + age (standardised) and channel, device; k by silhouette
numeric = ["recency_days", "transaction_count", "amount", "age"]
mixed = base[numeric + ["channel", "device"]].copy()
mixed[numeric], _, _ = cx.standardize(base[numeric])
seg = cx.cluster(mixed, k="auto", k_min=2, k_max=6, seed=SEED)
sil = float(seg.choose_k.set_index("k").loc[seg.k, "silhouette"])
base["segment"] = [f"S{label + 1}" for label in seg.labels]
print(f"k-prototypes: k = {seg.k} (silhouette {sil:.3f}), sizes {seg.sizes.astype(int).tolist()}")

# 3. personas: the roles named, the other columns (channel, device) are attributes;
#    age comes from the birth year, so the derived column stays out
people = base.drop(columns=["age"]).reset_index()
ps = cx.personas(people, id="customer_id", segment="segment", gender="gender", birth_year="birth_year",
                 location="city", country="country", career="job", comment="comment", nps="nps",
                 amount="amount", rfm_segment="rfm_segment", ignore=["recency_days", "transaction_count"],
                 source=("kprototypes", seg.k, "silhouette", sil), seed=SEED, reference_year=YEAR)
for p in ps:
    if p.suppressed:
        print(f"{p.id}: segment {p.segment} withheld (fewer than {ps.provenance['min_n']} customers)")
        continue
    top = ", ".join(f"{i['attribute']}={i['value']} (lift {i['lift']:.2f})" for i in p.identifiers[:3])
    nps = next((s for s in p.behaviour["scores"] if s["kind"] == "nps"), None)
    nps_text = f"NPS {nps['value']:.0f} [{nps['lower']:.0f}, {nps['upper']:.0f}]" if nps and nps["value"] is not None else ""
    print(f"{p.id} {p.name} ({p.gender}, {p.age_band}, {p.location}, {p.career}): {p.size:.0f} customers "
          f"({p.share:.1f}%, {p.revenue_share:.1f}% of revenue), {nps_text}; {top}")
    if p.quotes:
        print(f'    "{p.quotes[0]["text"]}"')
print(ps.summary()[["id", "segment", "name", "size", "share", "revenue_share"]].to_string(index=False))

# 4. the cards
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="personas_")
ps.save_html(os.path.join(out, "personas.html"), title="Personas of the e-commerce base")
with open(os.path.join(out, "personas.md"), "w", encoding="utf-8") as f:
    f.write(ps.to_markdown())
text = ps.to_json()
with open(os.path.join(out, "personas.json"), "w", encoding="utf-8") as f:
    f.write(text)
assert cx.PersonaSet.from_json(text).to_json() == text  # the JSON reads back to the same bytes
print(f"written to {out}: personas.html, personas.md, personas.json "
      f"(sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]})")
