"""dashboard.charts: the series figure (panels per scope, bands, open bounds, vague quantities,
bars over windows, envelopes, the legend by side and kind) and the disagreement figure, built from
plain DataFrames shaped like the queries' results."""
from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, data

SOURCES = {  # source_id: (name, kind, side)
    "kyiv": ("Government of Ukraine", "government", "Ukraine"),
    "moscow": ("Government of Russia", "government", "Russia"),
    "army": ("Armed Forces of Ukraine", "military", "Ukraine"),
    "un": ("United Nations", "un_agency", None),
    "events": ("Events dataset", "dataset", None),
}


def figure(as_of: str | None, source: str, low: float | None, best: float, high: float | None,
           scope: str = "cumulative", qualifier: str = "exact", **extra: Any) -> dict[str, Any]:
    """One series_figures row with the columns the chart reads."""
    name, kind, side = SOURCES[source]
    row: dict[str, Any] = {
        "figure_id": f"f-{source}-{as_of}-{best}", "claim_id": f"c-{source}-{as_of}-{best}", "scope": scope,
        "rate": None, "qualifier": qualifier, "value_low": low, "value_best": best, "value_high": high,
        "unit": "people", "as_of": pd.Timestamp(as_of) if as_of else pd.NaT, "period_start": pd.NaT,
        "period_end": pd.NaT, "source_id": source, "source_name": name, "source_kind": kind, "source_side": side,
        "source": name, "mentions": 1, "reports": 1, "quote": "A sentence.", "title": "An article",
    }
    row.update(extra)
    return row


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows)).astype({"value_low": float, "value_high": float, "value_best": float})


def chart_of(figures: pd.DataFrame, **options: Any) -> go.Figure:
    """The series figure of these figures, its panels and styles as the page makes them."""
    sources = pd.DataFrame([{"source_id": s, "source_name": n, "source_kind": k, "source_side": d}
                            for s, (n, k, d) in SOURCES.items()])
    chart = charts.SeriesChart(
        unit=options.pop("unit", "people"),
        panels=charts.panels_of(zip(figures["scope"], figures["rate"]), options.pop("first", None),
                                options.get("dataset_sums") is not None),
        styles=charts.source_styles(sources), figures=figures,
        span=(figures["as_of"].min(), figures["as_of"].max()), **options,
    )
    fig = charts.series_figure(chart)
    go.Figure(fig.to_dict())  # plotly validates what the builder wrote
    return fig


def traces(fig: go.Figure, role: str, source: str | None = None) -> list[Any]:
    return [t for t in fig.data if t.meta["role"] == role and (source is None or t.meta["source"] == source)]


def test_band_runs_from_low_to_high_and_back() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 90, 100, 110, qualifier="approximate"),
        figure("2022-06-02", "kyiv", 180, 200, 220, qualifier="range"),
        figure("2022-06-03", "kyiv", 250, 260, 270, qualifier="range"),
    ))
    (band,) = traces(fig, "band")
    assert band.fill == "toself" and band.hoverinfo == "skip"
    assert list(band.x) == ["2022-06-01", "2022-06-02", "2022-06-03", "2022-06-03", "2022-06-02", "2022-06-01"]
    assert list(band.y) == [110, 220, 270, 250, 180, 90]  # along the highs, back along the lows
    (best,) = traces(fig, "best")
    assert list(best.y) == [100, 200, 260] and best.mode == "lines+markers"
    assert set(best.marker.symbol) == {charts.SYMBOL_CLOSED}
    assert list(best.error_y.array) == [0, 0, 0]  # the band shows their ranges: no whiskers


def test_open_bounds_are_triangles_with_stubs_sized_to_the_value() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 4, 4, None, scope="incident", qualifier="at_least"),
        figure("2022-06-02", "kyiv", None, 300, 300, scope="incident", qualifier="at_most"),
        figure("2022-06-03", "kyiv", 3600, 3600, 3600, scope="incident"),
    ))
    (best,) = traces(fig, "best")
    assert list(best.marker.symbol) == [charts.SYMBOL_OPEN_ABOVE, charts.SYMBOL_OPEN_BELOW, charts.SYMBOL_CLOSED]
    assert list(best.error_y.array) == [0, 0, 0] and list(best.error_y.arrayminus) == [0, 0, 0]
    stubs = traces(fig, "open_bound")
    assert len(stubs) == charts.OPEN_FADE_STEPS
    tops = [y for t in stubs for x, y in zip(t.x, t.y) if x == "2022-06-01"]
    # "at least 4" fades up to 6, never towards the 3,600 at the top of the axis
    assert max(tops) == pytest.approx(4 * (1 + charts.OPEN_STUB_SHARE)) and min(tops) == 4
    bottoms = [y for t in stubs for x, y in zip(t.x, t.y) if x == "2022-06-02"]
    assert min(bottoms) == pytest.approx(150) and max(bottoms) == 300  # "up to 300": down to half, never 0
    alphas = [float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in stubs]
    assert alphas == sorted(alphas, reverse=True)  # fading away from the point


def test_open_bound_breaks_the_band() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 90, 100, 110), figure("2022-06-02", "kyiv", 180, 200, 220),
        figure("2022-06-03", "kyiv", 300, 300, None, qualifier="more_than"),
        figure("2022-06-04", "kyiv", 350, 400, 450), figure("2022-06-05", "kyiv", 380, 420, 460),
    ))
    (band,) = traces(fig, "band")
    assert list(band.x).count(None) == 1 and "2022-06-03" not in band.x  # two runs, none over the open one


def test_vague_quantities_are_drawn_apart_from_stated_ranges() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 90, 100, 110, qualifier="approximate"),
        figure("2022-06-02", "kyiv", 200, 200, 999, qualifier="vague"),
        figure("2022-06-03", "kyiv", 250, 260, 270, qualifier="range"),
    ))
    (best,) = traces(fig, "best")
    assert list(best.marker.symbol) == [charts.SYMBOL_CLOSED, charts.SYMBOL_VAGUE, charts.SYMBOL_CLOSED]
    assert traces(fig, "band") == []  # "hundreds" is no stated range: it breaks the band
    (vague,) = traces(fig, "vague_range")
    assert vague.line.dash == "dot" and list(vague.y[:2]) == [200, 999]
    assert best.error_y.array[1] == 0  # no solid whisker for the vague one
    assert best.error_y.array[0] == pytest.approx(10)  # a lone stated range gets its whisker


def test_each_scope_and_rate_has_its_own_panel_and_axis() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 100, 100, 100, scope="cumulative"),
        figure("2022-06-02", "kyiv", 5, 5, 5, scope="incident"),
        figure("2022-06-03", "kyiv", 20, 20, 20, scope="period", period_start=pd.Timestamp("2022-05-27"),
               period_end=pd.Timestamp("2022-06-03")),
        figure("2022-06-04", "kyiv", 60, 80, 100, scope="rate", rate="per_day", qualifier="range"),
        figure("2022-06-05", "kyiv", 300, 300, 300, scope="rate", rate="per_week"),
    ), first=("incident", None))
    labels = [a.text.split("</b>")[0].removeprefix("<b>") for a in fig.layout.annotations]
    assert labels == ["incident", "cumulative", "period", "rate per day", "rate per week"]  # the linked one first
    axes = {t.meta["panel"]: t.yaxis for t in fig.data if t.meta["role"] in ("best", "bar")}
    assert sorted(axes.values()) == ["y", "y2", "y3", "y4", "y5"]  # never a shared axis
    assert fig.layout.yaxis4.title.text == "people per day" and fig.layout.yaxis5.title.text == "people per week"
    domains = [fig.layout[f"yaxis{i if i > 1 else ''}"].domain for i in range(1, 6)]
    assert all(a[0] >= b[1] for a, b in zip(domains, domains[1:]))  # stacked, not overlapping
    (bar,) = traces(fig, "bar")
    assert bar.width == (7 * charts.DAY_MS,) and bar.x == ("2022-05-30 12:00",)  # spans 27 May to 3 June
    incident = [t for t in traces(fig, "best") if t.meta["panel"] == "incident"][0]
    assert incident.mode == "markers"  # events at their dates, never joined


def test_legend_one_entry_per_source_grouped_by_side_and_kind() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "moscow", 10, 10, 10), figure("2022-06-01", "kyiv", 20, 20, 20),
        figure("2022-06-02", "army", 30, 30, 30, scope="incident"), figure("2022-06-02", "kyiv", 5, 5, 5, scope="incident"),
        figure("2022-06-03", "un", 40, 40, 40),
    ))
    entries = sorted((t for t in fig.data if t.showlegend), key=lambda t: t.legendrank)
    assert [t.name for t in entries] == ["Government of Russia", "Government of Ukraine", "Armed Forces of Ukraine",
                                         "United Nations"]  # by side, then kind, then name; no side last
    titles = [t.legendgrouptitle.text for t in entries]
    assert titles == ["Russia · government", "Ukraine · government", "Ukraine · military", "no side · un_agency"]
    kyiv = [t for t in fig.data if t.legendgroup == "kyiv"]
    assert len({t.marker.color for t in kyiv if t.meta["role"] == "best"}) == 1  # one colour in every panel
    assert len({t.yaxis for t in kyiv}) == 2 and sum(bool(t.showlegend) for t in kyiv) == 1


def test_envelopes_are_drawn_per_bin_and_select_their_figures() -> None:
    envelope = pd.DataFrame([
        {"scope": "cumulative", "rate": None, "source_id": "kyiv", "vague": False, "bin_start": pd.Timestamp(d),
         "figures": n, "value_low": lo, "value_best": b, "value_high": hi, "open_below": 0, "open_above": oa,
         "first_as_of": pd.Timestamp(d), "last_as_of": pd.Timestamp(d) + pd.Timedelta(days=6)}
        for d, n, lo, b, hi, oa in (("2022-06-06", 12, 90, 100, 130, 0), ("2022-06-13", 30, 120, 140, 170, 0),
                                    ("2022-06-20", 4, 150, 160, None, 4))
    ])
    sources = pd.DataFrame([{"source_id": "kyiv", "source_name": "Government of Ukraine", "source_kind": "government",
                             "source_side": "Ukraine"}])
    chart = charts.SeriesChart(unit="people", panels=charts.panels_of([("cumulative", None)]),
                               styles=charts.source_styles(sources), envelope=envelope, bin_label="week",
                               bin_days=7, span=(pd.Timestamp("2022-06-06"), pd.Timestamp("2022-06-26")))
    fig = charts.series_figure(chart)
    go.Figure(fig.to_dict())
    (best,) = traces(fig, "best")
    assert list(best.y) == [100, 140, 160]
    assert best.x[0] == "2022-06-09 12:00"  # the middle of the week
    assert best.marker.symbol[2] == charts.SYMBOL_OPEN_ABOVE  # all four open above
    assert "12 figures" in best.hovertext[0] and "lowest 90" in best.hovertext[0]
    picked = charts.parse_envelope_id(best.customdata[1])
    assert picked == {"scope": "cumulative", "rate": None, "source_id": "kyiv",
                      "first_as_of": pd.Timestamp("2022-06-13").date(), "last_as_of": pd.Timestamp("2022-06-19").date()}
    assert charts.parse_envelope_id("a-claim-id") is None


def test_many_points_are_drawn_with_webgl() -> None:
    days = pd.date_range("2020-01-01", periods=charts.WEBGL_FROM + 1, freq="D")
    fig = chart_of(frame(*(figure(str(d.date()), "kyiv", 1, 1, 1, scope="incident") for d in days)))
    (best,) = traces(fig, "best")
    assert best.type == "scattergl"
    few = chart_of(frame(figure("2022-06-01", "kyiv", 1, 1, 1, scope="incident")))
    assert traces(few, "best")[0].type == "scatter"


def test_datasets_monthly_sums_are_bars_over_the_month_side_by_side() -> None:
    SOURCES["other"] = ("Other dataset", "dataset", None)
    try:
        sums = pd.DataFrame([
            {"source_id": source, "source_name": SOURCES[source][0], "bin_start": pd.Timestamp("2022-06-01"),
             "bin_end": pd.Timestamp("2022-06-30"), "events": 41, "sum_low": 200.0, "sum_best": best, "sum_high": None,
             "categories": "civilian, unspecified"} for source, best in (("events", 231.0), ("other", 180.0))])
        fig = chart_of(frame(figure("2022-06-10", "kyiv", 300, 300, 300)), dataset_sums=sums)
    finally:
        del SOURCES["other"]
    first, second = [t for t in fig.data if t.meta.get("panel") == "datasets"]
    assert first.y == (231.0,) and first.width == (15 * charts.DAY_MS,) and first.x == ("2022-06-08 12:00",)
    assert second.x == ("2022-06-23 12:00",)  # the second dataset beside the first, within June
    assert first.error_y.array == (0.0,) and first.error_y.arrayminus == (31.0,)  # open above: no whisker up
    assert "June 2022: 41 events" in first.hovertext[0] and "civilian, unspecified" in first.hovertext[0]
    assert first.legendgrouptitle.text == "dataset" and "legendgrouptitle" not in second.to_plotly_json()
    assert "summed per month" in fig.layout.annotations[-1].text


def test_hover_shows_the_figure_as_reported_its_range_and_the_quote() -> None:
    fig = chart_of(frame(
        figure("2022-06-01", "kyiv", 4.14e9, 4.6e9, 5.06e9, qualifier="approximate", unit="USD", mentions=3, reports=2,
               quote="<script>x</script> " + "word " * 60),
    ), unit="USD")
    (best,) = traces(fig, "best")
    hover = best.hovertext[0]
    assert "<b>about $4.6bn</b> ($4.14bn–$5.06bn)" in hover and "reported 3 times in 2 report(s)" in hover
    assert "&lt;script&gt;" in hover and "<script>" not in hover
    assert hover.endswith("…”</i>")  # the quote shortened
    quote_lines = [html.unescape(line) for line in hover.split("<i>“")[1].split("<br>")]
    assert len(quote_lines) >= 3 and all(len(line) <= charts.QUOTE_WRAP + 4 for line in quote_lines)  # wrapped
    assert fig.layout.yaxis.tickprefix == "$"


def test_names_are_escaped() -> None:
    SOURCES["evil"] = ("<b>Evil</b> & co", "media", None)
    try:
        fig = chart_of(frame(figure("2022-06-01", "evil", 1, 1, 1)))
    finally:
        del SOURCES["evil"]
    (best,) = traces(fig, "best")
    assert best.name == "&lt;b&gt;Evil&lt;/b&gt; &amp; co"


def test_one_date_charts_show_the_week_around_it_in_one_line_ticks() -> None:
    fig = chart_of(frame(figure("2022-06-10", "kyiv", 1, 1, 1, scope="incident")))
    assert fig.layout.xaxis.range == ("2022-06-07", "2022-06-13")
    assert fig.layout.xaxis.dtick == charts.DAY_MS and "\n" not in fig.layout.xaxis.tickformat
    long = chart_of(frame(figure("2022-03-01", "kyiv", 1, 1, 1), figure("2022-09-01", "kyiv", 2, 2, 2)))
    assert long.layout.xaxis.dtick is None and long.layout.xaxis.tickformat == "%b %Y"
    # the toolbar sits in the top margin, above the legend's title
    legend = fig.layout.template.layout.legend
    assert fig.layout.margin.t >= 48 and legend.y == 1 and legend.yanchor == "top"


def test_log_scale_and_own_look() -> None:
    figures = frame(figure("2022-06-01", "kyiv", 1, 1, 1), figure("2022-06-02", "kyiv", 1e5, 1e5, 1e5))
    assert chart_of(figures, log_y=True).layout.yaxis.type == "log"
    fig = chart_of(figures)
    assert fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.template.layout.font.family == charts.FONT_FAMILY


def test_points_carry_their_claim_ids() -> None:
    fig = chart_of(frame(figure("2022-06-01", "kyiv", 1, 1, 1), figure("2022-06-02", "kyiv", 2, 2, 2)))
    (best,) = traces(fig, "best")
    assert list(best.customdata) == ["c-kyiv-2022-06-01-1", "c-kyiv-2022-06-02-2"]


def test_band_polygon_and_open_stubs_directly() -> None:
    xs, ys = charts.band_polygon(["b", "a", "c"], [1, 1, 1], [2, 2, 2])
    assert xs == ["a", "b", "c", "c", "b", "a"] and ys == [2, 2, 2, 1, 1, 1]
    assert charts.band_polygon(["a"], [1], [2]) == ([], [])  # one date: the whisker shows it
    assert charts.open_stubs(["a"], [10], [10], [10]) == [([], [])] * charts.OPEN_FADE_STEPS  # closed: none
    (near, far) = charts.open_stubs(["a"], [10.0], [None], [None])
    assert near == ([], []) and far == ([], [])  # open both ways: no stub
    log = charts.open_stubs(["a"], [100.0], [100.0], [None], log_y=True)
    assert log[-1][1][1] == pytest.approx(150)


# --- disagreements --------------------------------------------------------------------------

def pair(lower: tuple[Any, ...], higher: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"metric": "killed", "category": "military", "party": "Russia",
                           "location": "Sievierodonetsk", "unit": "people", "scope": "incident", "rate": None}
    for prefix, (source, low, best, high, claim_id) in (("lower", lower), ("higher", higher)):
        row.update({f"{prefix}_source": source, f"{prefix}_source_name": source, f"{prefix}_value_low": low,
                    f"{prefix}_value_best": best, f"{prefix}_value_high": high,
                    f"{prefix}_qualifier": "range", f"{prefix}_quote": f"{source} said so.",
                    f"{prefix}_as_of": pd.Timestamp("2022-06-01"), f"{prefix}_claim_id": claim_id})
    row["ratio"] = row["higher_value_low"] / row["lower_value_high"]
    row.update(extra)
    return row


def test_disagreement_figure_shows_both_ranges_by_source() -> None:
    pairs = pd.DataFrame([pair(("Moscow", 20, 25, 30, "m1"), ("Kyiv", 400, 400, 400, "k1")),
                          pair(("Moscow", 20, 25, 30, "m1"), ("Ukraine's military", 5000, 5000, None, "u1"))])
    fig = charts.disagreement_figure(pairs)
    go.Figure(fig.to_dict())  # plotly validates what the builder wrote
    ranges = {t.meta["source"]: t for t in fig.data if t.meta["role"] == "range"}
    assert set(ranges) == {"Moscow", "Kyiv", "Ukraine's military"}
    assert list(ranges["Moscow"].x[:2]) == [20, 30]
    best = {t.meta["source"]: t for t in fig.data if t.meta["role"] == "best"}
    assert list(best["Ukraine's military"].marker.symbol) == [charts.SYMBOL_OPEN_RIGHT]
    assert list(best["Kyiv"].customdata) == ["k1"]
    assert fig.layout.xaxis.type == "log"  # 20 to 5,000: log scale
    assert len(set(ranges["Moscow"].y) - {None}) == 2  # one row per pair


def test_disagreement_figure_refuses_mixed_units() -> None:
    pairs = pd.DataFrame([pair(("A", 1, 1, 1, "a"), ("B", 5, 5, 5, "b")),
                          pair(("A", 1, 1, 1, "c"), ("B", 5, 5, 5, "d"), unit="USD")])
    with pytest.raises(ValueError, match="mix units"):
        charts.disagreement_figure(pairs)
    groups = charts.unit_groups(pairs)
    assert [unit for unit, _ in groups] == ["people", "USD"]


def test_series_keys_from_urls_and_rows() -> None:
    assert data.SeriesKey.from_mapping({"metric": "killed", "location": "Kharkiv", "party": float("nan")}) == (
        data.SeriesKey("killed", None, None, "Kharkiv", None))
    assert data.SeriesKey.from_mapping({"location": "Kharkiv"}) is None
