"""plot_trend and plot_breakdown (spec §18.9) on matplotlib's Agg backend.

The cells are a tidy DataFrame in the §18 CELLS schema built here (made-up
numbers, one suppressed cell, one significant change), so what is checked is
that the plots draw exactly the table's values: each group's line holds its
scores (NaN where suppressed), each band its lower..upper, the suppressed
cell its hollow marker, the stacked bars the shares of the chosen period.
"""
import types

import numpy as np
import pytest

import cxmetrics

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402

pd = pytest.importorskip("pandas")

GROUPS = ["(all)", "chat", "email <&>"]
PERIODS = ["2024-01-01", "2024-02-01", "2024-03-01"]
METRICS = ["nps", "csat"]


def cells_frame(with_time=True):
    rng = np.random.default_rng(7)
    rows = []
    periods = PERIODS if with_time else [""]
    for g in GROUPS:
        for p in periods:
            for m in METRICS:
                score = float(rng.integers(-30, 60)) if m == "nps" else float(rng.integers(50, 95))
                half = float(rng.integers(3, 12))
                prom = float(rng.integers(30, 60)) if m == "nps" else np.nan
                det = prom - score if m == "nps" else np.nan
                rows.append({"channel": g, "period": p, "metric": m, "n": float(rng.integers(20, 200)),
                             "score": score, "lower": score - half, "upper": score + half,
                             "change": np.nan, "p_value": np.nan, "p_adjusted": np.nan, "suppressed": 0.0,
                             "missing": 0.0, "promoters": prom, "passives": 100.0 - prom - det if m == "nps" else np.nan,
                             "detractors": det, "wald_lower": np.nan, "wald_upper": np.nan})
    df = pd.DataFrame(rows)
    if with_time:
        # email's nps in February: suppressed, its numbers withheld
        hide = (df.channel == "email <&>") & (df.period == PERIODS[1]) & (df.metric == "nps")
        df.loc[hide, ["n", "score", "lower", "upper", "promoters", "passives", "detractors"]] = np.nan
        df.loc[hide, "suppressed"] = 1.0
        # chat's nps in March: a significant rise
        up = (df.channel == "chat") & (df.period == PERIODS[2]) & (df.metric == "nps")
        df.loc[up, ["change", "p_value", "p_adjusted"]] = [12.0, 0.001, 0.004]
    df.attrs["conf"] = 0.95
    return df


def group_rows(df, group, metric):
    return df[(df.channel == group) & (df.metric == metric)].sort_values("period")


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_trend_lines_hold_the_scores(ax):
    df = cells_frame()
    out = cxmetrics.plot_trend(df, "nps", ax=ax)
    assert out is ax
    lines = {line.get_label(): line for line in ax.get_lines() if line.get_label() in GROUPS}
    assert sorted(lines) == sorted(GROUPS)
    for g in GROUPS:
        expect = group_rows(df, g, "nps")
        np.testing.assert_array_equal(lines[g].get_ydata(), expect.score.to_numpy())
        np.testing.assert_array_equal(np.asarray(lines[g].get_xdata(), dtype="datetime64[D]"),
                                      pd.to_datetime(expect.period).to_numpy().astype("datetime64[D]"))
    # email's February is a gap (NaN), the others are all drawn
    assert np.isnan(lines["email <&>"].get_ydata()[1])
    # the total is black and thicker than the groups
    assert matplotlib.colors.to_hex(lines["(all)"].get_color()) == "#000000"
    assert lines["(all)"].get_linewidth() > lines["chat"].get_linewidth()


def test_trend_bands_span_lower_to_upper(ax):
    df = cells_frame()
    cxmetrics.plot_trend(df, "csat", ax=ax)
    bands = {c.get_gid(): c for c in ax.collections if isinstance(c, PolyCollection)}
    assert sorted(bands) == sorted("band:" + g for g in GROUPS)
    for g in GROUPS:
        expect = group_rows(df, g, "csat")
        ys = np.concatenate([p.vertices[:, 1] for p in bands["band:" + g].get_paths()])
        # fill_between's polygon runs along upper and back along lower
        assert set(np.round(ys, 9)) == set(np.round(np.r_[expect.lower, expect.upper], 9))
        assert np.isclose(ys.min(), expect.lower.min()) and np.isclose(ys.max(), expect.upper.max())


def test_trend_suppressed_marker_and_significance(ax):
    df = cells_frame()
    cxmetrics.plot_trend(df, "nps", ax=ax)
    hollow = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("suppressed:")]
    assert [line.get_gid() for line in hollow] == ["suppressed:email <&>"]
    assert np.asarray(hollow[0].get_xdata(), dtype="datetime64[D]").tolist() == [np.datetime64(PERIODS[1])]
    assert hollow[0].get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    # the band of email has no polygon over February: its two pieces are January and March alone
    band = [c for c in ax.collections if c.get_gid() == "band:email <&>"][0]
    assert len(band.get_paths()) == 2
    marks = [t.get_text() for t in ax.texts]
    assert marks == ["\u25B2"]


def test_trend_without_periods_is_dots_and_whiskers(ax):
    df = cells_frame(with_time=False)
    cxmetrics.plot_trend(df, "nps", ax=ax)
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert [c.get_label() for c in bars] == GROUPS
    for i, (c, g) in enumerate(zip(bars, GROUPS)):
        row = group_rows(df, g, "nps").iloc[0]
        data_line = c.lines[0]
        assert data_line.get_xdata()[0] == row.score and data_line.get_ydata()[0] == i
        seg = c.lines[2][0].get_segments()[0]
        assert np.allclose(sorted(seg[:, 0]), [row.lower, row.upper])


def test_breakdown_bars_are_the_shares(ax):
    df = cells_frame()
    cxmetrics.plot_breakdown(df, ax=ax)
    bars = {c.get_label(): c for c in ax.containers if isinstance(c, BarContainer)}
    assert sorted(bars) == ["detractors", "passives", "promoters"]
    latest = df[(df.metric == "nps") & (df.period == PERIODS[-1])]
    left = np.zeros(len(GROUPS))
    for part in ("detractors", "passives", "promoters"):
        widths = np.array([r.get_width() for r in bars[part].patches])
        lefts = np.array([r.get_x() for r in bars[part].patches])
        np.testing.assert_allclose(widths, latest[part].to_numpy())
        np.testing.assert_allclose(lefts, left)
        left = left + widths
    np.testing.assert_allclose(left, 100.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == GROUPS
    assert PERIODS[-1] in ax.get_title()


def test_breakdown_of_a_period_with_a_suppressed_group(ax):
    df = cells_frame()
    cxmetrics.plot_breakdown(df, period=PERIODS[1], ax=ax)
    bars = {c.get_label(): c for c in ax.containers if isinstance(c, BarContainer)}
    feb = df[(df.metric == "nps") & (df.period == PERIODS[1])]
    np.testing.assert_allclose([r.get_width() for r in bars["promoters"].patches],
                               np.nan_to_num(feb.promoters.to_numpy()))
    assert bars["promoters"].patches[2].get_width() == 0.0
    assert any(t.get_text() == "suppressed (n < min_n)" for t in ax.texts)


def test_report_objects_and_tables_work_too(ax):
    df = cells_frame()
    report = types.SimpleNamespace(cells=df)
    cxmetrics.plot_trend(report, "nps", ax=ax)
    assert len([line for line in ax.get_lines() if line.get_label() in GROUPS]) == 3
    fig, ax2 = plt.subplots()
    table = {c: df[c].to_numpy() for c in df.columns}
    cxmetrics.plot_breakdown(table, ax=ax2)
    assert len([c for c in ax2.containers if isinstance(c, BarContainer)]) == 3
    plt.close(fig)


def test_bad_input_is_a_typed_error(ax):
    df = cells_frame()
    with pytest.raises(cxmetrics.InvalidArgument, match="no cells of metric 'ces'.*nps, csat"):
        cxmetrics.plot_trend(df, "ces", ax=ax)
    with pytest.raises(cxmetrics.InvalidArgument, match="no column 'upper'"):
        cxmetrics.plot_trend(df.drop(columns=["upper"]), "nps", ax=ax)
    with pytest.raises(cxmetrics.InvalidArgument, match="metric must be nps"):
        cxmetrics.plot_breakdown(df, "csat", ax=ax)
    with pytest.raises(cxmetrics.InvalidArgument, match="period '2023-01-01'"):
        cxmetrics.plot_breakdown(df, period="2023-01-01", ax=ax)


def test_the_engines_cells(ax):
    """The cells of a real report (tests/data/survey-grouped/survey.csv by
    channel and month), as the binding's table frame gives them (channel as
    the index): each channel's nps line holds that channel's scores."""
    import os
    from cxmetrics import native, _table
    csv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "survey-grouped", "survey.csv")
    o = native.survey_opts_new()
    native.survey_opts_add_group(o, "channel")
    native.survey_opts_set_time(o, "timestamp", 2, 0)
    cells = _table.frame(native.survey_report_cells(native.survey_report_from_csv(csv, o)), as_frame=True)
    assert cells.index.name == "channel"
    cxmetrics.plot_trend(cells, "nps", ax=ax)
    flat = cells.reset_index()
    nps = flat[flat.metric == "nps"]
    lines = {line.get_label(): line for line in ax.get_lines() if not (line.get_gid() or "").startswith("suppressed")}
    periods = sorted(set(nps.period))
    for channel, rows in nps.groupby("channel"):
        rows = rows.set_index("period").reindex(periods)
        expect = np.where(rows.suppressed == 1, np.nan, rows.score)
        np.testing.assert_array_equal(lines[channel].get_ydata(), expect)
    hollow = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("suppressed:")]
    assert sum(len(line.get_xdata()) for line in hollow) == int((nps.suppressed == 1).sum())


def test_periods_as_dates(ax):
    """A frame whose period column the caller turned into dates plots the same."""
    df = cells_frame()
    dated = df.assign(period=pd.to_datetime(df.period))
    cxmetrics.plot_trend(dated, "nps", ax=ax)
    line = [l for l in ax.get_lines() if l.get_label() == "chat"][0]
    np.testing.assert_array_equal(line.get_ydata(), group_rows(df, "chat", "nps").score.to_numpy())
    fig, ax2 = plt.subplots()
    cxmetrics.plot_breakdown(dated, period="2024-02-01", ax=ax2)
    assert "2024-02-01" in ax2.get_title()
    plt.close(fig)
