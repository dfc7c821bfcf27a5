"""dashboard.charts: bands, open bounds, axis groups and escaping, on plain DataFrames."""
from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts


def claim(as_of: str | None, source: str, low: float | None, best: float, high: float | None,
          **extra: Any) -> dict[str, Any]:
    """One claims row with the columns the chart functions read."""
    row: dict[str, Any] = {
        "as_of": pd.Timestamp(as_of) if as_of else pd.NaT, "source": source,
        "value_low": low, "value_best": best, "value_high": high,
        "unit": "people", "rate": None, "qualifier": "exact", "quote": "A sentence.",
        "category": None, "party": None, "location": None, "title": None,
    }
    row.update(extra)
    return row


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    return df.astype({"value_low": float, "value_high": float, "value_best": float})


def traces(fig: go.Figure, role: str, source: str | None = None) -> list[Any]:
    return [t for t in fig.data
            if t.meta["role"] == role and (source is None or t.meta["source"] == source)]


def test_band_polygon_runs_from_low_to_high_and_back() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 90, 100, 110, qualifier="approximate"),
        claim("2022-06-02", "Kyiv", 180, 200, 220, qualifier="range"),
        claim("2022-06-03", "Kyiv", 250, 260, 270, qualifier="range"),
    )
    fig = charts.time_series_figure(df)
    (band,) = traces(fig, "band")
    assert band.fill == "toself"
    assert band.hoverinfo == "skip"
    days = [pd.Timestamp(d) for d in ("2022-06-01", "2022-06-02", "2022-06-03")]
    assert [pd.Timestamp(x) for x in band.x] == days + days[::-1]
    # Upper edge left to right along value_high, lower edge back along value_low.
    assert list(band.y) == [110, 220, 270, 250, 180, 90]
    (best,) = traces(fig, "best")
    assert list(best.y) == [100, 200, 260]
    assert set(best.marker.symbol) == {charts.SYMBOL_CLOSED}
    assert best.mode == "lines+markers"


def test_open_bounds_get_arrows_and_no_band() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 1500, 1500, None, qualifier="more_than"),
        claim("2022-06-02", "Kyiv", None, 300, 300, qualifier="at_most"),
        claim("2022-06-03", "Kyiv", 2000, 2000, None, qualifier="at_least"),
    )
    fig = charts.time_series_figure(df)
    assert traces(fig, "band") == []
    (best,) = traces(fig, "best")
    assert list(best.marker.symbol) == [
        charts.SYMBOL_OPEN_ABOVE, charts.SYMBOL_OPEN_BELOW, charts.SYMBOL_OPEN_ABOVE]
    # Error bars never reach towards the open side (no band to infinity or to zero).
    assert list(best.error_y.array) == [0, 0, 0]
    assert list(best.error_y.arrayminus) == [0, 0, 0]
    hover = best.hovertext
    assert "1,500 or more (no upper bound)" in hover[0]
    assert "up to 300 (no lower bound)" in hover[1]


def test_open_bound_breaks_the_band() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 90, 100, 110),
        claim("2022-06-02", "Kyiv", 180, 200, 220),
        claim("2022-06-03", "Kyiv", 300, 300, None, qualifier="more_than"),
        claim("2022-06-04", "Kyiv", 350, 400, 450),
        claim("2022-06-05", "Kyiv", 450, 500, 550),
    )
    xs, ys = charts.band_polygon(df)
    assert xs.count(None) == 1 and ys.count(None) == 1
    cut = xs.index(None)
    assert [pd.Timestamp(x) for x in xs[:cut]] == [pd.Timestamp(d) for d in
                                                  ("2022-06-01", "2022-06-02", "2022-06-02", "2022-06-01")]
    assert ys[cut + 1:] == [450, 550, 450, 350]
    assert pd.Timestamp("2022-06-03") not in [pd.Timestamp(x) for x in xs if x is not None]


def test_one_trace_group_per_source() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 90, 100, 110),
        claim("2022-06-02", "Kyiv", 180, 200, 220),
        claim("2022-06-01", "Moscow", 10, 10, 10),
        claim("2022-06-02", "Moscow", 20, 20, 20),
        claim(None, "Moscow", 30, 30, 30),
    )
    fig = charts.time_series_figure(df)
    best = traces(fig, "best")
    assert [t.name for t in best] == ["Kyiv", "Moscow"]
    assert len({t.line.color for t in best}) == 2
    for t in fig.data:  # bands toggle with their source in the legend
        assert t.legendgroup == t.meta["source"]
    # The undated claim is left out of the chart.
    assert len(traces(fig, "best", "Moscow")[0].y) == 2


def test_chart_groups_separate_rates_totals_and_currencies() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 100, 100, 100),
        claim("2022-06-01", "Kyiv", 100, 100, 100, rate="per_day"),
        claim("2022-06-02", "Kyiv", 60, 60, 60, rate="per_day"),
        claim("2022-06-01", "US", 4.6e9, 4.6e9, 4.6e9, unit="USD"),
        claim("2022-06-01", "EU", 1e9, 1e9, 1e9, unit="EUR"),
    )
    groups = charts.chart_groups(df)
    keys = [(g.unit, g.rate) for g, _ in groups]
    assert keys == [("people", None), ("EUR", None), ("USD", None), ("people", "per_day")]
    assert [len(rows) for _, rows in groups] == [1, 1, 1, 2]
    for group, rows in groups:
        assert rows["unit"].nunique() == 1 and rows["rate"].isna().nunique() == 1
        assert group.label in charts.time_series_figure(rows).layout.yaxis.title.text
    assert groups[-1][0].label == "people per day"


def test_figure_refuses_mixed_rates_and_totals() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 100, 100, 100),
        claim("2022-06-01", "Kyiv", 100, 100, 100, rate="per_day"),
    )
    with pytest.raises(ValueError, match="mix units or rates"):
        charts.time_series_figure(df)


def test_quotes_and_names_are_escaped() -> None:
    evil = '<img src=x onerror=alert(1)> & "<b>bold</b>"'
    df = frame(claim("2022-06-01", "<script>Kyiv</script>", 90, 100, 110,
                     quote=evil, title="<i>Headline</i>", location="<Sievierodonetsk>"))
    fig = charts.time_series_figure(df, title="<b>killed</b>")
    (best,) = traces(fig, "best")
    hover = best.hovertext[0]
    for raw in ("<img", "<script>", "<i>Headline", "<Sievierodonetsk>", "<b>bold"):
        assert raw not in hover
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&lt;b&gt;bold&lt;/b&gt;&quot;" in hover
    assert "&lt;i&gt;Headline&lt;/i&gt;" in hover
    assert best.name == "&lt;script&gt;Kyiv&lt;/script&gt;"
    assert fig.layout.title.text == "&lt;b&gt;killed&lt;/b&gt;"


def test_hover_names_source_qualifier_range_and_quote() -> None:
    df = frame(claim("2022-06-07", "UN spokesman Stephane Dujarric", 800, 900, 1000,
                     qualifier="approximate", quote="Some 900 civilians were trapped."))
    (best,) = traces(charts.time_series_figure(df), "best")
    hover = best.hovertext[0]
    assert "UN spokesman Stephane Dujarric" in hover
    assert "2022-06-07" in hover
    assert "800 to 1,000 (best 900)" in hover
    assert "approximate" in hover
    assert "Some 900 civilians were trapped." in hover


def test_long_quotes_are_wrapped_and_shortened() -> None:
    quote = "word " * 300
    df = frame(claim("2022-06-07", "Kyiv", 1, 1, 1, quote=quote))
    (best,) = traces(charts.time_series_figure(df), "best")
    shown = best.hovertext[0].split("“", 1)[1]
    assert "<br>" in shown and "…" in shown
    assert len(shown) < charts.QUOTE_MAX + 100


def test_a_shortened_quote_is_escaped_and_ends_in_an_ellipsis() -> None:
    quote = "<b>Kyiv</b> said " + "x & y " * 100
    (best,) = traces(charts.time_series_figure(frame(claim("2022-06-07", "Kyiv", 1, 1, 1, quote=quote))), "best")
    shown = best.hovertext[0].split("“", 1)[1]
    assert shown.startswith("&lt;b&gt;Kyiv&lt;/b&gt; said x &amp; y")
    assert shown.endswith("…”</i>") and "<b>" not in shown
    assert len(shown.replace("<br>", " ").replace("&amp;", "&")) < charts.QUOTE_MAX + 20


def test_time_series_figures_bring_their_own_look() -> None:
    # Shown with st.plotly_chart(theme=None): font, grid and margins come from the figure,
    # fixed, so the browser draws it without extra automargin layout passes.
    layout = charts.time_series_figure(frame(claim("2022-06-07", "Kyiv", 1, 1, 1))).layout
    assert layout.template.layout.font.family == charts.FONT_FAMILY
    assert layout.template.layout.yaxis.automargin is False
    assert layout.margin.l >= 60 and layout.margin.b >= 50  # room for tick labels and titles


def test_money_ranges_carry_the_currency() -> None:
    assert charts.describe_range(4.6e9, 4.6e9, 4.6e9, "USD") == "4,600,000,000 USD"
    assert charts.describe_range(22.5, 25, 27.5, "people") == "22.5 to 27.5 (best 25)"


def test_empty_frame_gives_an_empty_figure() -> None:
    df = frame(claim("2022-06-01", "Kyiv", 1, 1, 1)).iloc[0:0]
    assert charts.chart_groups(df) == []
    assert len(charts.time_series_figure(df).data) == 0


# --- open bounds drawn as open --------------------------------------------------------------

def test_open_bounds_get_stubs_that_fade_away_from_the_point() -> None:
    df = frame(
        claim("2022-06-01", "Kyiv", 500, 500, None, qualifier="more_than"),
        claim("2022-06-02", "Kyiv", None, 300, 300, qualifier="at_most"),
        claim("2022-06-03", "Kyiv", 900, 1000, 1100, qualifier="approximate"),
    )
    fig = charts.time_series_figure(df)
    stubs = traces(fig, "open_bound")
    assert len(stubs) == charts.OPEN_FADE_STEPS
    alphas = [float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in stubs]
    assert alphas == sorted(alphas, reverse=True) and alphas[-1] > 0  # fading, step by step
    length = charts.OPEN_STUB_SHARE * 1100
    up = [y for t in stubs for y in t.y[0:2]]  # the first segment of each piece: "more than 500"
    assert min(up) == 500 and max(up) == pytest.approx(500 + length)  # upwards, finite
    down = [y for t in stubs for y in t.y[3:5]]  # "up to 300": downwards, never to zero
    assert max(down) == 300 and min(down) == pytest.approx(max(300 - length, 150))
    assert all(t.hoverinfo == "skip" and t.fill is None for t in stubs)  # never a band
    # The closed claim gets no stub.
    assert all(pd.Timestamp("2022-06-03") not in [pd.Timestamp(x) for x in t.x if x is not None] for t in stubs)


def test_open_bound_stubs_never_reach_zero_even_for_small_values() -> None:
    df = frame(claim("2022-06-01", "UN", None, 10, 10, qualifier="at_most"),
               claim("2022-06-02", "UN", 5000, 5000, 5000))
    pieces = charts.open_bound_stubs(df, 1000)
    lowest = min(y for _, ys in pieces for y in ys if y is not None)
    assert lowest == 5  # half of "up to 10", not 0 and not negative


def test_points_carry_their_claim_ids() -> None:
    df = frame(claim("2022-06-01", "Kyiv", 1, 1, 1, claim_id="c1"),
               claim("2022-06-02", "Kyiv", 2, 2, 2, claim_id="c2"))
    (best,) = traces(charts.time_series_figure(df), "best")
    assert list(best.customdata) == ["c1", "c2"]


def test_a_source_draws_one_line_per_series() -> None:
    df = frame(
        claim("2022-06-01", "Moscow", 18, 20, 22, party="Russia", category="military"),
        claim("2022-06-03", "Moscow", 18, 20, 22, party="Russia", category="military"),
        claim("2022-06-02", "Moscow", 27, 30, 33, category="civilian"),
        claim("2022-06-04", "Moscow", 27, 30, 33, category="civilian"),
    )
    fig = charts.time_series_figure(df)
    (best,) = traces(fig, "best")  # one trace per source ...
    assert list(best.y).count(None) == 1  # ... with a gap between its two series
    (band,) = traces(fig, "band")
    assert list(band.x).count(None) == 1  # two bands, never one across populations
    # Inside a band the band shows the range; whiskers would only repeat it.
    assert set(best.error_y.array) == {0}


def test_whiskers_show_a_single_dated_range() -> None:
    df = frame(claim("2022-06-01", "Kyiv", 100, 150, 200, qualifier="range"))
    fig = charts.time_series_figure(df)
    assert traces(fig, "band") == []
    (best,) = traces(fig, "best")
    assert (list(best.error_y.array), list(best.error_y.arrayminus)) == ([50], [50])


def test_log_scale() -> None:
    df = frame(claim("2022-06-01", "Kyiv", 1, 1, 1), claim("2022-06-02", "Kyiv", 1e5, 1e5, 1e5))
    assert charts.time_series_figure(df, log_y=True).layout.yaxis.type == "log"
    assert charts.time_series_figure(df).layout.yaxis.rangemode == "tozero"


# --- disagreements --------------------------------------------------------------------------

def pair(lower: tuple[Any, ...], higher: tuple[Any, ...], **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"metric": "killed", "category": "military", "party": "Russia",
                           "location": "Sievierodonetsk", "unit": "people", "rate": None}
    for prefix, (source, low, best, high, claim_id) in (("lower", lower), ("higher", higher)):
        row.update({f"{prefix}_source": source, f"{prefix}_value_low": low,
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
    ranges = {t.meta["source"]: t for t in fig.data if t.meta["role"] == "range"}
    assert set(ranges) == {"Moscow", "Kyiv", "Ukraine's military"}
    assert list(ranges["Moscow"].x[:2]) == [20, 30]
    best = {t.meta["source"]: t for t in fig.data if t.meta["role"] == "best"}
    assert list(best["Ukraine's military"].marker.symbol) == [charts.SYMBOL_OPEN_RIGHT]
    assert list(best["Kyiv"].customdata) == ["k1"]
    assert fig.layout.xaxis.type == "log"  # 20 to 5,000: log scale
    assert len(set(ranges["Moscow"].y) - {None}) == 2  # one row per pair


def test_disagreement_figure_refuses_mixed_rates() -> None:
    pairs = pd.DataFrame([pair(("A", 1, 1, 1, "a"), ("B", 5, 5, 5, "b")),
                          pair(("A", 1, 1, 1, "c"), ("B", 5, 5, 5, "d"), rate="per_day")])
    with pytest.raises(ValueError, match="mix units or rates"):
        charts.disagreement_figure(pairs)


def test_short_spans_tick_by_day_not_by_hour() -> None:
    df = frame(claim("2022-06-12", "Moscow", 200, 250, 300), claim("2022-06-15", "Kyiv", 100, 150, 200))
    assert charts.time_series_figure(df).layout.xaxis.dtick == charts.DAY_MS
    long = frame(claim("2022-03-01", "Kyiv", 1, 1, 1), claim("2022-09-01", "Kyiv", 2, 2, 2))
    assert charts.time_series_figure(long).layout.xaxis.dtick is None
