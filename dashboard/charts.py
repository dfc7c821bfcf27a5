"""Pure chart builders: a claims DataFrame in, a plotly Figure out.

Conventions (../shared/SPEC.md, "Dashboard"):
- one chart per (unit, rate) group, so rates and totals, people and money, and
  different currencies never share an axis (`chart_groups` does the split);
- per source, a line with markers at `value_best` and a shaded band from
  `value_low` to `value_high`, so conflicting sources show side by side;
- open bounds are drawn as open: `value_high` NULL ("more than") is an upward
  triangle with a stub above it that fades out upwards, `value_low` NULL ("up to")
  a downward triangle with a stub fading downwards; neither gets a band or a whisker
  towards its open side (never a band to zero or to infinity);
- every best-value point carries its `claim_id` in `customdata`, so a selected point
  leads back to its quote and article;
- quotes, titles and sources are data, never markup: escaped in every label.
"""
from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, qualitative

PALETTE: Sequence[str] = qualitative.Plotly
BAND_OPACITY = 0.22
UNATTRIBUTED = "(unattributed)"
RATE_LABELS = {"per_day": "per day", "per_week": "per week", "per_month": "per month"}

SYMBOL_CLOSED = "circle"
SYMBOL_OPEN_ABOVE = "triangle-up"  # value_high NULL: "more than" / "at least"
SYMBOL_OPEN_BELOW = "triangle-down"  # value_low NULL: "up to" / "as many as"
SYMBOL_OPEN_BOTH = "circle-open"
DAY_MS = 86_400_000
DAY_TICKS_UP_TO = 14  # days: below this span, tick every day
QUOTE_WRAP = 80
# Hover boxes carry a shortened quote (ending in "…"); the full quote is in the claims
# table and the provenance panel. Hover text is most of a chart's weight in the browser.
QUOTE_MAX = 200
# Open-bound stubs: length as a share of the chart's largest finite value, drawn in
# OPEN_FADE_STEPS pieces whose opacity falls away from the point. Every step is one
# more trace per source for the browser to draw: two read as a fade and cost half of four.
# A line or band joins one source's claims only within one series: same population,
# party and place.
SERIES_COLUMNS = ("category", "party", "location")
OPEN_STUB_SHARE = 0.18
OPEN_FADE_STEPS = 2
OPEN_FADE_FROM = 0.75


# The time series figures carry their whole look and are shown with
# `st.plotly_chart(theme=None)`. Streamlit's own theme is applied in the browser after
# the first drawing, so every chart is drawn twice, and it turns on axis automargins,
# which add layout passes: on a 1,000-claim chart that is about 0.2 s before the chart
# appears. Fixed margins leave room for SI tick labels ("1.5M") and the axis titles;
# the legend still widens the right margin to fit the source names.
TEXT_COLOR = "#31333F"  # Streamlit's text colour, so the charts sit with the page
GRID_COLOR = "rgba(49, 51, 63, 0.12)"
FONT_FAMILY = '"Source Sans", "Source Sans Pro", sans-serif'
TIME_SERIES_MARGIN = {"l": 72, "r": 10, "b": 56}
TIME_SERIES_TEMPLATE = go.layout.Template(layout={
    "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR},
    "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
    "hoverlabel": {"bgcolor": "white", "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR}},
    "legend": {"title": {"side": "top"}, "valign": "top", "font": {"size": 12}},
    "xaxis": {"showgrid": False, "zeroline": False, "automargin": False, "linecolor": GRID_COLOR,
              "ticks": "outside", "tickcolor": GRID_COLOR, "title": {"standoff": 8}},
    "yaxis": {"gridcolor": GRID_COLOR, "zerolinecolor": GRID_COLOR, "automargin": False,
              "title": {"standoff": 8}},
})


@dataclass(frozen=True)
class ChartGroup:
    """Claims that may share one y axis: the same unit and the same rate (NULL = total)."""

    unit: str
    rate: str | None

    @property
    def label(self) -> str:
        """Axis and heading text, e.g. 'people (total)', 'people per day', 'USD (total)'."""
        if self.rate is None:
            return f"{self.unit} (total)"
        return f"{self.unit} {RATE_LABELS.get(self.rate, self.rate)}"

    def sort_key(self) -> tuple[bool, str, str]:
        """Totals first, then rates; people before money and counts."""
        return (self.rate is not None, "" if self.unit == "people" else self.unit, self.rate or "")


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def _text(value: Any) -> str | None:
    return None if _is_missing(value) else str(value)


def chart_groups(claims: pd.DataFrame) -> list[tuple[ChartGroup, pd.DataFrame]]:
    """Split claims into the groups that may share an axis, totals before rates.

    Money stays apart per currency because the currency is the unit.
    """
    if claims.empty:
        return []
    units = claims["unit"].fillna("count").astype(str)
    rates = claims["rate"].astype(object).where(claims["rate"].notna(), None)
    groups: list[tuple[ChartGroup, pd.DataFrame]] = []
    for (unit, rate), rows in claims.groupby([units, rates], dropna=False, sort=False):
        groups.append((ChartGroup(str(unit), _text(rate)), rows))
    groups.sort(key=lambda pair: pair[0].sort_key())
    return groups


def escape(value: Any) -> str:
    """Text as plotly shows it literally: HTML special characters escaped."""
    return html.escape("" if _is_missing(value) else str(value), quote=True)


def format_number(value: float, unit: str | None = None) -> str:
    """A figure for people: thousands separators, no needless decimals; currency appended."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text} {unit}" if unit and unit not in ("people", "count") else text


def describe_range(low: float | None, best: float, high: float | None, unit: str | None = None) -> str:
    """The range a claim allows, in words: '1,350 to 1,650 (best 1,500)', '1,500 or more'."""
    low = None if _is_missing(low) else low
    high = None if _is_missing(high) else high
    fmt = lambda v: format_number(v, unit)  # noqa: E731
    if low is None and high is None:
        return f"{fmt(best)} (no bounds stated)"
    if high is None:
        return f"{fmt(low)} or more (no upper bound)"
    if low is None:
        return f"up to {fmt(high)} (no lower bound)"
    if low == high:
        return fmt(best)
    return f"{fmt(low)} to {fmt(high)} (best {fmt(best)})"


def _date_text(value: Any) -> str:
    return "undated" if _is_missing(value) else pd.Timestamp(value).date().isoformat()


def _quote_html(quote: Any) -> str:
    """The quote, shortened, wrapped for a hover box, each line escaped."""
    text = " ".join(("" if _is_missing(quote) else str(quote)).split())
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rstrip() + "…"
    return "<br>".join(escape(line) for line in textwrap.wrap(text, QUOTE_WRAP))


def hover_text(claim: Mapping[str, Any]) -> str:
    """Hover box for one claim: source, date, value range, qualifier, context, quote."""
    unit = _text(claim.get("unit"))
    context = " · ".join(
        escape(claim.get(k)) for k in ("category", "party", "location") if _text(claim.get(k))
    )
    value_range = describe_range(
        claim.get("value_low"), claim["value_best"], claim.get("value_high"), unit
    )
    lines = [
        f"<b>{escape(_text(claim.get('source')) or UNATTRIBUTED)}</b>",
        f"{_date_text(claim.get('as_of'))}: {escape(value_range)}",
        f"qualifier: {escape(claim.get('qualifier'))}",
    ]
    if context:
        lines.append(context)
    if _text(claim.get("title")):
        lines.append(f"article: {escape(claim.get('title'))}")
    quote = _quote_html(claim.get("quote"))
    if quote:
        lines.append(f"<i>“{quote}”</i>")
    return "<br>".join(lines)


def marker_symbol(low: Any, high: Any) -> str:
    """Closed claims get a dot; an open bound gets a triangle pointing the open way."""
    low_open, high_open = _is_missing(low), _is_missing(high)
    if low_open and high_open:
        return SYMBOL_OPEN_BOTH
    if high_open:
        return SYMBOL_OPEN_ABOVE
    if low_open:
        return SYMBOL_OPEN_BELOW
    return SYMBOL_CLOSED


def band_polygon(claims: pd.DataFrame) -> tuple[list[Any], list[float | None]]:
    """The shaded band of one source: x and y of closed polygons, runs separated by None.

    Only claims with both bounds count. On each date the band spans the lowest
    `value_low` to the highest `value_high`; a date with only open-bound claims
    breaks the band (no band to infinity or to zero), and a run of a single date
    is left to the marker's error bar.
    """
    envelope: dict[Any, tuple[float, float]] = {}
    days: set[Any] = set()
    for day, low, high in zip(claims["as_of"], claims["value_low"], claims["value_high"]):
        if _is_missing(day):
            continue
        days.add(day)
        if _is_missing(low) or _is_missing(high):
            continue
        if day in envelope:
            low, high = min(envelope[day][0], low), max(envelope[day][1], high)
        envelope[day] = (float(low), float(high))
    runs: list[list[Any]] = [[]]
    for day in sorted(days):
        if day in envelope:
            runs[-1].append(day)
        elif runs[-1]:
            runs.append([])
    xs: list[Any] = []
    ys: list[float | None] = []
    for run in (r for r in runs if len(r) >= 2):
        if xs:
            xs.append(None)
            ys.append(None)
        xs += run + run[::-1]
        ys += [envelope[d][1] for d in run]
        ys += [envelope[d][0] for d in run[::-1]]
    return xs, ys


def _largest_value(claims: pd.DataFrame) -> float:
    """The largest finite value among bounds and best readings (0.0 if none)."""
    values = pd.concat([claims["value_low"], claims["value_best"], claims["value_high"]])
    largest = pd.to_numeric(values, errors="coerce").max()
    return 0.0 if pd.isna(largest) else float(largest)


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = hex_to_rgb(hex_color)
    return f"rgba({r},{g},{b},{alpha})"


def time_series_figure(claims: pd.DataFrame, title: str | None = None, log_y: bool = False) -> go.Figure:
    """Time series over `as_of` for ONE chart group, one trace group per source.

    Per source: a band trace (`fill='toself'`, no hover) and a lines+markers trace at
    `value_best` with error bars to closed bounds and triangle markers at open ones.
    `log_y` draws the y axis logarithmic (figures of very different sizes on one chart).
    The figure brings its own look (TIME_SERIES_TEMPLATE): show it with theme=None.
    Undated claims are left out (the table shows them). Raises ValueError when the
    claims mix units or rates: split them with `chart_groups` first.
    """
    groups = chart_groups(claims)
    if len(groups) > 1:
        raise ValueError(
            "claims mix units or rates (" + ", ".join(g.label for g, _ in groups)
            + "); draw one figure per chart_groups() group"
        )
    group = groups[0][0] if groups else None
    fig = go.Figure()
    dated = claims[claims["as_of"].notna()] if not claims.empty else claims
    if not dated.empty:
        stub_length = OPEN_STUB_SHARE * _largest_value(dated)
        sources = dated["source"].fillna(UNATTRIBUTED).astype(str)
        for i, (source, rows) in enumerate(dated.groupby(sources, sort=True)):
            _add_source_traces(fig, str(source), rows, PALETTE[i % len(PALETTE)], stub_length)
    fig.update_layout(
        title=escape(title) if title else None,
        xaxis_title="as of",
        yaxis_title=escape(group.label) if group else None,
        legend_title_text="source",
        hovermode="closest",
        template=TIME_SERIES_TEMPLATE,
        margin={**TIME_SERIES_MARGIN, "t": 40 if title else 10},
    )
    fig.update_xaxes(type="date")
    if not dated.empty and dated["as_of"].max() - dated["as_of"].min() <= pd.Timedelta(days=DAY_TICKS_UP_TO):
        # A short span: one tick per day, never hours (as_of is a date).
        fig.update_xaxes(dtick=DAY_MS, tickformat="%-d %b\n%Y")
    if log_y:
        fig.update_yaxes(type="log")
    else:
        fig.update_yaxes(rangemode="tozero")
    return fig


def open_bound_stubs(
    claims: pd.DataFrame, length: float, steps: int = OPEN_FADE_STEPS
) -> list[tuple[list[Any], list[float | None]]]:
    """Fading stubs for open bounds: `steps` pieces, nearest the point first.

    Each piece is (xs, ys) of vertical segments separated by None. A claim with no
    upper bound ("more than X") gets a stub from `value_best` up by `length`; one with
    no lower bound ("up to X") a stub from `value_best` down by `length`, but never
    below half its value, so an open lower bound is never drawn as reaching zero.
    """
    pieces: list[tuple[list[Any], list[float | None]]] = [([], []) for _ in range(steps)]
    dated = claims[claims["as_of"].notna()]
    for day, low, best, high in zip(dated["as_of"], dated["value_low"], dated["value_best"],
                                    dated["value_high"]):
        if _is_missing(best) or (_is_missing(low) == _is_missing(high)):
            continue  # closed claims, and claims open both ways, get no stub
        if _is_missing(high):
            start, stop = float(best), float(best) + length
        else:
            start, stop = float(best), max(float(best) - length, float(best) / 2)
        for i, (xs, ys) in enumerate(pieces):
            xs += [day, day, None]
            ys += [start + (stop - start) * i / steps, start + (stop - start) * (i + 1) / steps, None]
    return pieces


def series_of(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """One source's claims split into series (SERIES_COLUMNS), each sorted by date.

    A line joins a source's reports on the same thing only: Moscow's "20-30 Russian
    soldiers" and Moscow's "30 civilians" are two series, never one line.
    """
    keys = [c for c in SERIES_COLUMNS if c in rows.columns]
    if not keys:
        return [rows.sort_values(["as_of", "value_best"], kind="stable")]
    grouping = [rows[c].astype(object).where(rows[c].notna(), "") for c in keys]
    return [
        part.sort_values(["as_of", "value_best"], kind="stable")
        for _, part in rows.groupby(grouping, sort=True, dropna=False)
    ]


def _add_source_traces(
    fig: go.Figure, source: str, rows: pd.DataFrame, color: str, stub_length: float = 0.0
) -> None:
    """The bands, open-bound stubs and best-value trace of one source, one legend group.

    Series of the same source share its traces, separated by gaps (None), so the
    number of traces grows with sources, not with series. A closed range gets a whisker
    only where no band shows it (a date outside any run of two or more closed dates).
    """
    name = escape(source)
    parts = series_of(rows)
    band_x: list[Any] = []
    band_y: list[float | None] = []
    stubs: list[tuple[list[Any], list[float | None]]] = [([], []) for _ in range(OPEN_FADE_STEPS)]
    x: list[Any] = []
    y: list[float | None] = []
    symbols: list[str] = []
    above: list[float] = []
    below: list[float] = []
    hover: list[str | None] = []
    ids: list[str | None] = []
    for part in parts:
        px, py = band_polygon(part)
        banded = {day for day in px if day is not None}  # the band shows their range: no whiskers
        if px:
            band_x += ([None] if band_x else []) + px
            band_y += ([None] if band_y else []) + py
        if stub_length > 0:
            for (sx, sy), (tx, ty) in zip(stubs, open_bound_stubs(part, stub_length)):
                sx += tx
                sy += ty
        if x:  # a gap: the line does not join two series
            x.append(None)
            y.append(None)
            symbols.append(SYMBOL_CLOSED)
            above.append(0.0)
            below.append(0.0)
            hover.append(None)
            ids.append(None)
        for claim in part.to_dict("records"):
            low, best, high = claim.get("value_low"), claim["value_best"], claim.get("value_high")
            x.append(claim["as_of"])
            y.append(best)
            symbols.append(marker_symbol(low, high))
            whisker = claim["as_of"] not in banded
            above.append(0.0 if _is_missing(high) or not whisker else float(high) - float(best))
            below.append(0.0 if _is_missing(low) or not whisker else float(best) - float(low))
            hover.append(hover_text(claim))
            ids.append(_text(claim.get("claim_id")))
    if band_x:
        fig.add_trace(go.Scatter(
            x=band_x, y=band_y, mode="lines", fill="toself", fillcolor=_rgba(color, BAND_OPACITY),
            line={"width": 0}, hoverinfo="skip", showlegend=False,
            name=f"{name}: range", legendgroup=name, meta={"role": "band", "source": source},
        ))
    for step, (sx, sy) in enumerate(stubs):
        if sx:
            alpha = OPEN_FADE_FROM * (1 - step / OPEN_FADE_STEPS)
            fig.add_trace(go.Scatter(
                x=sx, y=sy, mode="lines", line={"color": _rgba(color, alpha), "width": 6},
                hoverinfo="skip", showlegend=False, legendgroup=name,
                name=f"{name}: open bound", meta={"role": "open_bound", "source": source, "step": step},
            ))
    fig.add_trace(go.Scatter(
        x=x, y=y, mode="lines+markers", name=name, legendgroup=name, connectgaps=False,
        line={"color": color, "width": 1.5},
        marker={"color": color, "symbol": symbols,
                "size": [9 if s == SYMBOL_CLOSED else 13 for s in symbols]},
        error_y={"type": "data", "symmetric": False, "color": color, "thickness": 2, "width": 6,
                 "array": above, "arrayminus": below},
        hovertext=hover, customdata=ids if any(ids) else None,
        hoverinfo="text", meta={"role": "best", "source": source},
    ))


DISAGREEMENT_PAIRS_SHOWN = 15
SYMBOL_OPEN_RIGHT = "triangle-right"  # on a horizontal range: no upper bound
SYMBOL_OPEN_LEFT = "triangle-left"  # on a horizontal range: no lower bound


def _pair_label(pair: dict[str, Any], position: int) -> str:
    what = f"{pair['metric']}{' ' + RATE_LABELS.get(pair['rate'], pair['rate']) if _text(pair.get('rate')) else ''}"
    who = ", ".join(str(pair[k]) for k in ("category", "party", "location") if _text(pair.get(k)))
    day = _date_text(pair.get("lower_as_of"))
    return escape(f"{position}. {what}{f' ({who})' if who else ''}, {day}")


def disagreement_figure(pairs: pd.DataFrame, limit: int = DISAGREEMENT_PAIRS_SHOWN) -> go.Figure:
    """The first `limit` disagreeing pairs as horizontal ranges, one row per pair, one colour per source.

    Each claim is a line from `value_low` to `value_high` with a marker at `value_best`
    (hover: source, range, quote; customdata: claim_id). An open bound has no line on its
    open side and a triangle pointing that way. The x axis is logarithmic when the values
    span more than two orders of magnitude. Like `time_series_figure`, it takes ONE
    chart group (unit and rate) and raises ValueError otherwise.
    """
    groups = chart_groups(pairs)
    if len(groups) > 1:
        raise ValueError(
            "pairs mix units or rates (" + ", ".join(g.label for g, _ in groups)
            + "); draw one figure per chart_groups() group"
        )
    fig = go.Figure()
    rows = pairs.head(limit).to_dict("records")
    if not rows:
        return fig
    labels = [_pair_label(pair, i + 1) for i, pair in enumerate(rows)]
    sides = []
    for label, pair in zip(labels, rows):
        for prefix in ("lower", "higher"):
            sides.append({
                "y": label, "source": _text(pair[f"{prefix}_source"]) or UNATTRIBUTED,
                "value_low": pair[f"{prefix}_value_low"], "value_best": pair[f"{prefix}_value_best"],
                "value_high": pair[f"{prefix}_value_high"], "qualifier": pair[f"{prefix}_qualifier"],
                "quote": pair[f"{prefix}_quote"], "as_of": pair[f"{prefix}_as_of"],
                "unit": pair.get("unit"), "claim_id": pair[f"{prefix}_claim_id"],
            })
    claims = pd.DataFrame(sides)
    for i, (source, rows_of_source) in enumerate(claims.groupby("source", sort=True)):
        color = PALETTE[i % len(PALETTE)]
        xs: list[Any] = []
        ys: list[Any] = []
        for side in rows_of_source.to_dict("records"):
            start = side["value_best"] if _is_missing(side["value_low"]) else side["value_low"]
            stop = side["value_best"] if _is_missing(side["value_high"]) else side["value_high"]
            xs += [start, stop, None]
            ys += [side["y"], side["y"], None]
        name = escape(source)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", line={"color": color, "width": 6}, opacity=0.45,
            hoverinfo="skip", showlegend=False, legendgroup=name,
            meta={"role": "range", "source": source},
        ))
        fig.add_trace(go.Scatter(
            x=rows_of_source["value_best"], y=rows_of_source["y"], mode="markers", name=name,
            legendgroup=name,
            marker={"color": color, "size": 11, "symbol": [
                SYMBOL_OPEN_RIGHT if _is_missing(hi) else SYMBOL_OPEN_LEFT if _is_missing(lo) else SYMBOL_CLOSED
                for lo, hi in zip(rows_of_source["value_low"], rows_of_source["value_high"])]},
            hovertext=[hover_text(side) for side in rows_of_source.to_dict("records")],
            hoverinfo="text", customdata=rows_of_source["claim_id"].tolist(),
            meta={"role": "best", "source": source},
        ))
    values = pd.to_numeric(pd.concat([claims["value_low"], claims["value_best"], claims["value_high"]]),
                           errors="coerce")
    positive = values[values > 0]
    log_x = not positive.empty and positive.max() / positive.min() > 100
    fig.update_layout(
        xaxis_title=escape(groups[0][0].label),
        legend_title_text="source", hovermode="closest",
        height=120 + 34 * len(labels), margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    fig.update_xaxes(type="log" if log_x else "linear")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], type="category")
    return fig
