"""The journey's plots and page (spec §26): plot_funnel, plot_retention,
plot_pyramid on matplotlib's Agg backend, and journey_html (the C page).

The tables are built here with pandas in the issue-13 schemas from seeded
synthetic data, computed plainly (customers per step from each customer's
furthest step, Wilson bounds from statsmodels, cohort retention from a
groupby, pyramid levels as shares of respondents), so what is checked is that
each picture draws exactly those numbers: bar lengths, whiskers, colours and
labels; the heat-map's array and annotations; the pyramid's level widths;
on the page, the SVG elements with the coordinates worked from the same
numbers. Errors: typed (cxmetrics.InvalidArgument, TypeError), naming the
table, kind and column.
"""
import re
from html.parser import HTMLParser

import numpy as np
import pytest

import cxmetrics

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Polygon, Rectangle  # noqa: E402

pd = pytest.importorskip("pandas")
proportion_confint = pytest.importorskip("statsmodels.stats.proportion").proportion_confint

STEPS = ["view", "cart", "checkout", "purchase"]
CHANNELS = ["ads", "email <&>"]
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"]


def funnel_frame(by=True, seed=11):
    """A STEPS table: each of 400 customers reaches a furthest step (1-4)."""
    rng = np.random.default_rng(seed)
    cust = pd.DataFrame({"channel": rng.choice(CHANNELS, 400),
                         "furthest": rng.choice([1, 2, 3, 4], 400, p=[0.4, 0.3, 0.1, 0.2])})
    groups = [("(all)", cust)] + [(c, cust[cust.channel == c]) for c in CHANNELS] if by else [(None, cust)]
    rows = []
    for name, g in groups:
        reached = [int((g.furthest >= j).sum()) for j in range(1, 5)]
        for j in range(4):
            prev = reached[j - 1] if j else reached[0]
            lo, hi = proportion_confint(reached[j], prev, alpha=0.05, method="wilson")
            row = {"step": float(j + 1), "event": STEPS[j], "customers": float(reached[j]),
                   "conversion": 100.0 * reached[j] / prev, "lower": 100 * lo, "upper": 100 * hi,
                   "drop_off": 100.0 - 100.0 * reached[j + 1] / reached[j] if j < 3 else np.nan,
                   "overall": 100.0 * reached[j] / reached[0], "mean_seconds_to_next": np.nan,
                   "median_seconds_to_next": 3600.0 * (j + 1) if j < 3 else np.nan,
                   "p90_seconds_to_next": np.nan}
            if by:
                row = {"channel": name, **row}
            rows.append(row)
    df = pd.DataFrame(rows)
    df.attrs.update(kind="funnel", mode="ordered", window_seconds=604800.0, conf=0.95)
    return df


def cohort_frame(seed=5):
    """A cohort table from orders: monthly cohorts by first order, retention per month since."""
    rng = np.random.default_rng(seed)
    n = 300
    orders = pd.DataFrame({"customer": rng.integers(0, 60, n),
                           "day": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D")})
    orders["month"] = orders.day.dt.to_period("M")
    first = orders.groupby("customer").month.min().rename("cohort")
    orders = orders.join(first, on="customer")
    orders["period"] = (orders.month - orders.cohort).apply(lambda d: d.n)
    size = first.value_counts().rename("customers")
    active = orders.groupby(["cohort", "period"]).customer.nunique().rename("active").reset_index()
    last = orders.month.max()
    cells = [(c, p) for c in sorted(size.index) for p in range((last - c).n + 1)]
    df = pd.DataFrame(cells, columns=["cohort", "period"]).merge(active, how="left", on=["cohort", "period"])
    df["active"] = df.active.fillna(0.0)
    df["customers"] = df.cohort.map(size).astype(float)
    df["retention"] = 100.0 * df.active / df.customers
    df["cohort"] = df.cohort.dt.to_timestamp()
    df["period"] = df.period.astype(float)
    df = df[["cohort", "period", "customers", "active", "retention"]]
    df.attrs.update(kind="cohort", every="month")
    return df


def pyramid_frame(seed=3):
    """A PYRAMID table: answers 1-5 to needs/ease/emotion by region, levels and question scores (high 4, low 2)."""
    rng = np.random.default_rng(seed)
    ans = pd.DataFrame({"region": rng.choice(["north", "south"], 150),
                        "needs": rng.integers(1, 6, 150), "ease": rng.integers(1, 6, 150),
                        "emotion": rng.integers(1, 6, 150)})
    rows = []
    for name, g in [("(all)", ans)] + [(r, ans[ans.region == r]) for r in ["north", "south"]]:
        score = {q: 100.0 * ((g[q] >= 4).mean() - (g[q] <= 2).mean()) for q in ("needs", "ease", "emotion")}
        l1 = g.needs >= 4
        l2 = l1 & (g.ease >= 4)
        l3 = l2 & (g.emotion >= 4)
        rows.append({"region": name, "period": "", "n": float(len(g)), "cxi": np.mean(list(score.values())),
                     **score, "level1": 100.0 * l1.mean(), "level2": 100.0 * l2.mean(),
                     "level3": 100.0 * l3.mean(), "suppressed": 0.0})
    df = pd.DataFrame(rows)
    df.attrs.update(kind="pyramid", high=4.0, low=2.0, min_n=10.0)
    return df


def suppress(df, region):
    df = df.copy()
    hide = df.region == region
    df.loc[hide, ["cxi", "needs", "ease", "emotion", "level1", "level2", "level3"]] = np.nan
    df.loc[hide, "suppressed"] = 1.0
    return df


def gid_patches(ax, prefix):
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(prefix)}


# ---- plot_funnel -------------------------------------------------------------------------------

def test_plot_funnel_bars_whiskers_colours():
    df = funnel_frame()
    ax = cxmetrics.plot_funnel(df)
    bars = gid_patches(ax, "bar:")
    assert len(bars) == 3 * 4
    for name in ["(all)"] + CHANNELS:
        g = df[df.channel == name].sort_values("step")
        reached = g.customers.to_numpy()
        for j, (_, row) in enumerate(g.iterrows()):
            bar = bars[f"bar:{name}:{j + 1}"]
            # length: % of step 1, worked from the counts
            assert bar.get_width() == pytest.approx(100.0 * reached[j] / reached[0], rel=1e-12)
            colour = "#000000" if name == "(all)" else PALETTE[CHANNELS.index(name)]
            assert matplotlib.colors.to_hex(bar.get_facecolor()) == colour.lower()
        # whiskers: overall(j-1) x the Wilson bounds of reached[j] / reached[j-1]
        for j in range(1, 4):
            line = next(li for li in ax.lines if li.get_gid() == f"interval:{name}:{j + 1}")
            lo, hi = proportion_confint(reached[j], reached[j - 1], method="wilson")
            before = 100.0 * reached[j - 1] / reached[0]
            np.testing.assert_allclose(line.get_xdata(), [before * lo, before * hi], rtol=1e-9)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{j + 1}. {s}" for j, s in enumerate(STEPS)]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # step 1 at the top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["(all)"] + CHANNELS
    plt.close(ax.figure)


def test_plot_funnel_without_breakdown_and_result_object():
    df = funnel_frame(by=False)

    class Result:  # what a funnel result looks like: its tables as attributes
        steps = df

    ax = cxmetrics.plot_funnel(Result())
    bars = gid_patches(ax, "bar:")
    assert sorted(bars) == [f"bar:all:{j}" for j in range(1, 5)]
    assert all(matplotlib.colors.to_hex(b.get_facecolor()) == PALETTE[0].lower() for b in bars.values())
    lost = gid_patches(ax, "lost:")
    c = df.customers.to_numpy()
    for j in range(1, 4):  # the pale segment spans overall(j) .. overall(j-1)
        seg = lost[f"lost:all:{j + 1}"]
        assert seg.get_x() == pytest.approx(100 * c[j] / c[0])
        assert seg.get_x() + seg.get_width() == pytest.approx(100 * c[j - 1] / c[0])
    texts = [t.get_text() for t in ax.texts]
    assert f"{c[1]:g} · {100 * c[1] / c[0]:.1f}%" in texts
    plt.close(ax.figure)


def test_plot_funnel_bad_input():
    df = funnel_frame().drop(columns="overall")
    with pytest.raises(cxmetrics.Error, match="no column 'overall'.*§22"):
        cxmetrics.plot_funnel(df)
    with pytest.raises(cxmetrics.InvalidArgument, match="expected a table"):
        cxmetrics.plot_funnel(42)


# ---- plot_retention ----------------------------------------------------------------------------

def test_plot_retention_heat_map():
    df = cohort_frame()
    ax = cxmetrics.plot_retention(df)
    image = ax.get_images()[0]
    expected = df.pivot(index="cohort", columns="period", values="retention").sort_index()
    got = np.ma.filled(image.get_array().astype(float), np.nan)
    np.testing.assert_allclose(got, expected.to_numpy(), rtol=1e-12)  # NaN past the log's end
    assert image.get_cmap().name == "Blues"
    assert image.get_clim() == (0, 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == [d.strftime("%Y-%m-%d") for d in expected.index]
    cells = expected.stack()
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == sorted(f"{v:.0f}%" for v in cells.to_numpy())
    assert ax.get_xlabel() == "months since the first"
    plt.close(ax.figure)


def test_plot_retention_day_numbers_and_duplicates():
    df = cohort_frame()
    days = df.copy()
    days["cohort"] = (days.cohort - pd.Timestamp("1970-01-01")).dt.days.astype(float)  # the package's DAY form
    ax = cxmetrics.plot_retention(days)
    assert ax.get_yticklabels()[0].get_text() == "2024-01-01"
    plt.close(ax.figure)
    with pytest.raises(cxmetrics.InvalidArgument, match="two rows for cohort 2024-01-01, period 0"):
        cxmetrics.plot_retention(pd.concat([df, df.iloc[:1]]))


# ---- plot_pyramid ------------------------------------------------------------------------------

def test_plot_pyramid_levels():
    df = pyramid_frame()
    ax = cxmetrics.plot_pyramid(suppress(df, "south"))
    levels = gid_patches(ax, "level")
    # (all) and north drawn; south suppressed: bands dashed, no levels
    assert sorted(levels) == sorted(f"level{k}:{g}" for k in (1, 2, 3) for g in ("(all)", "north"))
    for g in ("(all)", "north"):
        row = df[df.region == g].iloc[0]
        for k in (1, 2, 3):
            xy = levels[f"level{k}:{g}"].get_xy()
            base = xy[1, 0] - xy[0, 0]
            half = (170.0 - 150.0 * (k - 1) / 3.0) / 2.0   # the band's half-width at its base
            assert base == pytest.approx(2 * half * row[f"level{k}"] / 100.0, rel=1e-12)
            assert matplotlib.colors.to_hex(levels[f"level{k}:{g}"].get_facecolor()) == \
                ["#56b4e9", "#0072b2", "#009e73"][k - 1]
    bands = gid_patches(ax, "band")
    assert all(bands[f"band{k}:south"].get_linestyle() == "--" for k in (1, 2, 3))
    texts = [t.get_text() for t in ax.texts]
    assert "suppressed (n < min_n)" in texts
    row = df[df.region == "(all)"].iloc[0]
    assert f"CXi {row.cxi:.1f} · n {row.n:g}\nneeds {row.needs:.1f} · ease {row.ease:.1f} · " \
           f"emotion {row.emotion:.1f}" in texts
    plt.close(ax.figure)


def test_plot_pyramid_latest_period():
    a, b = pyramid_frame(1), pyramid_frame(2)
    a["period"], b["period"] = "2024-01", "2024-02"
    df = pd.concat([a, b], ignore_index=True)
    df.attrs.update(a.attrs)
    ax = cxmetrics.plot_pyramid(df)
    row = b[b.region == "north"].iloc[0]
    xy = gid_patches(ax, "level1:north")["level1:north"].get_xy()
    assert xy[1, 0] - xy[0, 0] == pytest.approx(170.0 * row.level1 / 100.0)
    assert "2024-02" in ax.get_title()
    plt.close(ax.figure)
    ax = cxmetrics.plot_pyramid(df, period="2024-01")
    row = a[a.region == "north"].iloc[0]
    xy = gid_patches(ax, "level1:north")["level1:north"].get_xy()
    assert xy[1, 0] - xy[0, 0] == pytest.approx(170.0 * row.level1 / 100.0)
    plt.close(ax.figure)


# ---- journey_html ------------------------------------------------------------------------------

class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the page."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    p = Elements()
    p.feed(html)
    return p


def test_journey_html_page():
    f, c, y = funnel_frame(), cohort_frame(), pyramid_frame()
    html = cxmetrics.journey_html([f, c, suppress(y, "south")], title="Journey <Q1> & co")
    p = parse(html)
    assert "<title>Journey &lt;Q1&gt; &amp; co</title>" in html
    assert "http" not in html and "<link" not in html
    # funnel: 12 bars, each 350 px x overall / 100 from x = 170
    bars = [a for t, a in p.tags if t == "rect" and a.get("class") == "cxj-bar"]
    assert len(bars) == 12
    want = sorted(f"{350 * v / 100:.1f}" for v in f.overall)
    assert sorted(b["width"] for b in bars) == want
    assert {b["fill"] for b in bars} == {"#000000", "#0072B2", "#D55E00"}
    assert "email &lt;&amp;&gt;" in html and "email <&>" not in html
    # heat-map: one cell per row of the cohort table
    cells = [a for t, a in p.tags if t == "g" and a.get("class") == "cxj-cell"]
    assert len(cells) == len(c)
    # pyramid: levels of the two unsuppressed groups, base width 170 x level1 / 100
    levels = [a for t, a in p.tags if t == "polygon" and a.get("class") == "cxj-level"]
    assert len(levels) == 6
    row = y[y.region == "(all)"].iloc[0]
    first = [float(v) for v in re.split("[ ,]", levels[0]["points"])]
    assert first[2] - first[0] == pytest.approx(170 * row.level1 / 100, abs=0.11)  # coordinates to 0.1 px
    assert "suppressed (n &lt; min_n)" in html


def test_journey_html_native_tables_and_results():
    h = cxmetrics.native.table_new()
    cxmetrics.native.table_add_texts(h, "path", ["a > b", "a > (end)"])
    cxmetrics.native.table_add_numbers(h, "customers", np.array([3.0, 1.0]))
    cxmetrics.native.table_set_attr_text(h, "kind", "paths")
    html = cxmetrics.journey_html(h)
    assert "<td class=\"cxs-t\">a &gt; b</td>" in html
    assert "<title>Customer journey</title>" in html

    class FunnelResult:  # a result with the funnel's three tables; no breakdown: tests is empty
        steps = funnel_frame(by=False)
        next_events = pd.DataFrame({"step": [1.0], "event": ["view"], "next_event": ["(end)"],
                                    "customers": [160.0], "share": [100.0]})
        tests = pd.DataFrame()

    FunnelResult.next_events.attrs["kind"] = "funnel_next"
    html = cxmetrics.journey_html([FunnelResult()])
    assert html.count("<section class=\"cxj-") == 2


def test_journey_html_errors():
    f = funnel_frame()
    with pytest.raises(cxmetrics.InvalidArgument, match=r"tables\[1\] \(kind 'funnel'\): there is no NUMBER "
                                                        r"column 'overall' \(spec §22 schema\); its columns are: "
                                                        r"channel, step"):
        cxmetrics.journey_html([cohort_frame(), f.drop(columns="overall")])
    bad = f.copy()
    bad["conversion"] = "x"
    with pytest.raises(cxmetrics.InvalidArgument, match="column 'conversion' is TEXT, not NUMBER"):
        cxmetrics.journey_html(bad)
    odd = f.copy()
    odd.attrs["kind"] = "sankey"
    with pytest.raises(cxmetrics.InvalidArgument, match=r"tables\[0\]: unknown kind 'sankey' \(kinds: funnel,"):
        cxmetrics.journey_html(odd)
    none = f.copy()
    none.attrs.clear()
    with pytest.raises(cxmetrics.InvalidArgument, match="has no TEXT attribute 'kind'"):
        cxmetrics.journey_html(none)
    with pytest.raises(cxmetrics.InvalidArgument, match="n_tables is 0"):
        cxmetrics.journey_html([])
    with pytest.raises(TypeError, match=r"tables\[1\] must be a native table, not int"):
        cxmetrics.native.journey_render_html([cxmetrics.native.table_new(), 3], None)
