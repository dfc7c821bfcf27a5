"""Pure chart builders: DataFrames in, plotly Figures out.

A series page draws one subject (metric, category, party, location, unit) in one figure of
stacked panels that share the time axis, one panel per series (scope, rate), so scopes and rates
never share a y axis (../shared/SPEC.md "Dashboard" and "Series"):

- cumulative totals, stocks and rates (and figures of unknown scope) are lines with markers at
  `value_best` and a shaded band over the reported ranges;
- incidents are events at their dates: markers, never joined by a line;
- period counts are bars spanning their window (`period_start`..`period_end`);
- a curated dataset's events at the place are summed per month (per week or day over few dates),
  as bars spanning the bin, several datasets side by side;
- stated ranges are bands or solid whiskers; vague quantities ("hundreds") a hollow diamond with
  a dotted range, never a band; an open bound is a triangle pointing the open way with a short
  stub that fades out, sized to the figure's own value (never to the axis);
- one colour per canonical source, the legend grouped by the source's side and kind; each
  source's traces share one legend entry, which shows or hides all of them.

Figures come one by one (`series_figures`, hover with the words, `customdata` = claim_id) or, when
the dates looked at hold too many, as envelopes per time bin (`series_envelope`: lowest low,
highest high, median best, how many figures). Large point sets are drawn with WebGL
(`scattergl`). Quotes, titles and names are data, never markup: escaped in every label.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, qualitative

from dashboard import tables

PALETTE: Sequence[str] = (*qualitative.Plotly, *qualitative.Dark24)
UNATTRIBUTED = "(unattributed)"
BAND_OPACITY = 0.22
BAR_OPACITY = 0.45

SYMBOL_CLOSED = "circle"
SYMBOL_OPEN_ABOVE = "triangle-up"  # value_high NULL: "more than" / "at least"
SYMBOL_OPEN_BELOW = "triangle-down"  # value_low NULL: "up to" / "as many as"
SYMBOL_OPEN_BOTH = "circle-open"
SYMBOL_VAGUE = "diamond-open"  # a vague quantity: "hundreds", "dozens"
SYMBOL_SIZE = {SYMBOL_CLOSED: 8, SYMBOL_VAGUE: 11}
OPEN_SYMBOL_SIZE = 12

# Open-bound stubs: a share of the figure's own value ("at least 4" reaches 6, never the axis
# top), drawn in OPEN_FADE_STEPS pieces whose opacity falls away from the point; an open lower
# bound's stub stops at half the value, so it never reads as reaching zero.
OPEN_STUB_SHARE = 0.5
OPEN_FADE_STEPS = 2
OPEN_FADE_FROM = 0.75
# Above this many points a trace is drawn with WebGL (scattergl).
WEBGL_FROM = 1000
QUOTE_WRAP = 80
QUOTE_MAX = 200  # hover boxes carry the quote shortened (ending in "…"); the panel has all of it
DAY_MS = 86_400_000
SHORT_SPAN_DAYS = 45  # below this span, ticks name the day ("6 Jun 2022"), never hours
ONE_DATE_PAD_DAYS = 3  # a chart of one date shows the week around it, not a day in hours
PANEL_HEIGHT = 250
PANEL_GAP = 0.1

# Panels in this order; rates per rate. A dataset's monthly sums come last.
SCOPE_ORDER = ("cumulative", "stock", "incident", "period", "rate", "unknown")
LINE_SCOPES = ("cumulative", "stock", "rate", "unknown")
DATASET_PANEL = ("dataset", None)
PANEL_HELP = {
    "cumulative": "running totals: lines, the band the range reported",
    "stock": "how many are in a state: lines, the band the range reported",
    "incident": "one event each, at its date",
    "period": "counts over a window: bars span the window",
    "rate": "averages",
    "unknown": "scope not stated",
    "dataset": "curated datasets' events here, summed per {bin} (any category)",
}

# The figures carry their whole look and are shown with `st.plotly_chart(theme=None)`:
# Streamlit's theme is applied in the browser after the first drawing (every chart drawn
# twice) and turns on automargins (more layout passes). The top margin keeps Plotly's toolbar
# above the legend, never over its title.
TEXT_COLOR = "#31333F"  # Streamlit's text colour, so the charts sit with the page
GRID_COLOR = "rgba(49, 51, 63, 0.12)"
FONT_FAMILY = '"Source Sans", "Source Sans Pro", sans-serif'
MARGIN = {"l": 84, "r": 10, "t": 64, "b": 56}
TEMPLATE = go.layout.Template(layout={
    "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR},
    "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
    "hoverlabel": {"bgcolor": "white", "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR}},
    "legend": {"valign": "top", "font": {"size": 12}, "groupclick": "togglegroup",
               "grouptitlefont": {"size": 12, "color": "rgba(49, 51, 63, 0.65)"}, "tracegroupgap": 2,
               "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"},
    "xaxis": {"showgrid": False, "zeroline": False, "automargin": False, "linecolor": GRID_COLOR,
              "ticks": "outside", "tickcolor": GRID_COLOR},
    "yaxis": {"gridcolor": GRID_COLOR, "zerolinecolor": GRID_COLOR, "automargin": False},
})


@dataclass(frozen=True)
class SourceStyle:
    """How one canonical source is drawn: its colour and its place in the legend."""

    source_id: str | None
    name: str
    color: str
    group: str  # the legend group title: "Ukraine · government", "no side · un_agency", "dataset"
    rank: int


@dataclass(frozen=True)
class Panel:
    """One stacked panel: a series (scope, rate) of the subject, or the datasets' monthly sums."""

    scope: str
    rate: str | None

    @property
    def label(self) -> str:
        return tables.scope_text(self.scope, self.rate) if self.scope != "dataset" else "datasets"

    def axis_title(self, unit: str | None) -> str:
        what = "people" if not unit else unit
        if self.rate:
            return f"{what} {tables.RATE_LABELS.get(self.rate, self.rate)}"
        return what


@dataclass
class SeriesChart:
    """What a series figure is built from (one subject): the panels in order, each source's style,
    the figures one by one or as envelopes (`bin_days` > 0), and the datasets' months."""

    unit: str | None
    panels: list[Panel]
    styles: dict[str | None, SourceStyle]
    figures: pd.DataFrame | None = None
    envelope: pd.DataFrame | None = None
    bin_label: str = ""
    bin_days: int = 0
    dataset_sums: pd.DataFrame | None = None
    dataset_bin: str = "month"
    log_y: bool = False
    span: tuple[Any, Any] | None = None
    legend_seen: set[str | None] = field(default_factory=set)
    group_titles: set[str | None] = field(default_factory=set)  # the sources whose entry opens a legend block


def _axis_ref(axis: str, row: int) -> str:
    """'y' for the first panel, 'y2', 'y3', ... below it (plotly's axis names)."""
    return axis if row == 1 else f"{axis}{row}"


def _dates(values: Sequence[Any]) -> list[str | None]:
    """Dates as plotly reads them ('2022-06-06', '2022-06-06 12:00'); None stays a gap."""
    out: list[str | None] = []
    for value in values:
        if value is None or value is pd.NaT:
            out.append(None)
            continue
        text = value.isoformat() if hasattr(value, "isoformat") else pd.Timestamp(value).isoformat()
        out.append(text[:10] if text[10:] in ("", "T00:00:00") else text[:16].replace("T", " "))
    return out


def escape(value: Any) -> str:
    """Text as plotly shows it literally: HTML special characters escaped."""
    return html.escape("" if tables.missing(value) else str(value), quote=True)


def _rgba(color: str, alpha: float) -> str:
    r, g, b = hex_to_rgb(color) if color.startswith("#") else (99, 110, 250)
    return f"rgba({r},{g},{b},{alpha})"


def source_group(side: Any, kind: Any) -> str:
    """The legend block of a source: 'Ukraine · government', 'no side · un_agency', 'dataset'."""
    kind_text = tables.text_or_none(kind) or "unknown"
    if kind_text == "dataset":
        return "dataset"
    return f"{tables.text_or_none(side) or 'no side'} · {kind_text}"


def source_styles(sources: pd.DataFrame) -> dict[str | None, SourceStyle]:
    """One colour per canonical source, ordered by side, kind and name (datasets last).

    `sources` has source_id, source_name, source_kind, source_side (one row per source or more).
    """
    if sources.empty:
        return {}
    rows = sources.drop_duplicates("source_id").to_dict("records")

    def order(row: Mapping[str, Any]) -> tuple[Any, ...]:
        kind = tables.text_or_none(row.get("source_kind")) or "unknown"
        side = tables.text_or_none(row.get("source_side"))
        return (kind == "dataset", side is None, side or "", kind, _source_name(row).lower())

    styles = {}
    for rank, row in enumerate(sorted(rows, key=order)):
        source_id = tables.text_or_none(row.get("source_id"))
        styles[source_id] = SourceStyle(
            source_id=source_id, name=_source_name(row), color=PALETTE[rank % len(PALETTE)],
            group=source_group(row.get("source_side"), row.get("source_kind")), rank=rank,
        )
    return styles


def _source_name(row: Mapping[str, Any]) -> str:
    return tables.text_or_none(row.get("source_name")) or tables.text_or_none(row.get("source_id")) or UNATTRIBUTED


def panels_of(series: Iterable[tuple[Any, Any]], first: tuple[str | None, str | None] | None = None,
              datasets: bool = False) -> list[Panel]:
    """The panels for the (scope, rate) pairs present, in SCOPE_ORDER (rates by rate), the linked
    series `first` on top, the datasets' monthly sums last."""
    present = {(tables.text_or_none(s) or "unknown", tables.text_or_none(r)) for s, r in series}
    present = {("rate" if rate else scope, rate) for scope, rate in present}

    def order(pair: tuple[str, str | None]) -> tuple[Any, ...]:
        scope, rate = pair
        rank = SCOPE_ORDER.index(scope) if scope in SCOPE_ORDER else len(SCOPE_ORDER)
        linked = first is not None and (first[1] == rate and (rate is not None or first[0] == scope))
        return (not linked, rank, scope, rate or "")

    panels = [Panel(scope, rate) for scope, rate in sorted(present, key=order)]
    if datasets:
        panels.append(Panel(*DATASET_PANEL))
    return panels


def _panel_of(scope: Any, rate: Any) -> Panel:
    rate_text = tables.text_or_none(rate)
    return Panel("rate" if rate_text else (tables.text_or_none(scope) or "unknown"), rate_text)


def marker_symbol(low: Any, high: Any, qualifier: Any = None) -> str:
    """A dot for a stated range; a hollow diamond for a vague quantity; a triangle pointing the open way."""
    low_open, high_open = tables.missing(low), tables.missing(high)
    if low_open and high_open:
        return SYMBOL_OPEN_BOTH
    if high_open:
        return SYMBOL_OPEN_ABOVE
    if low_open:
        return SYMBOL_OPEN_BELOW
    return SYMBOL_VAGUE if qualifier == "vague" else SYMBOL_CLOSED


def _quote_html(quote: Any) -> str:
    """The quote, shortened, wrapped for a hover box (lines of at most QUOTE_WRAP characters, broken
    at spaces), each line escaped."""
    text = " ".join(quote.split()) if isinstance(quote, str) else ""
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rstrip() + "…"
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > QUOTE_WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(html.escape(part, quote=True) for part in lines)


def _date_text(value: Any) -> str:
    return tables.format_date(value)


def figure_hover(figure: Mapping[str, Any]) -> str:
    """Hover box of one figure: source, date (and window), the figure as reported and its range,
    scope, how often reported, the article and the quote."""
    unit = tables.text_or_none(figure.get("unit"))
    words = tables.reported(figure.get("value_low"), figure.get("value_best"), figure.get("value_high"),
                            figure.get("qualifier"), unit)
    span = tables.derived_range(figure.get("value_low"), figure.get("value_best"), figure.get("value_high"), unit)
    when = _date_text(figure.get("as_of"))
    if not tables.missing(figure.get("period_start")) and figure.get("scope") in ("period", "cumulative"):
        end = figure.get("period_end") if not tables.missing(figure.get("period_end")) else figure.get("as_of")
        when = f"{_date_text(figure.get('period_start'))} to {_date_text(end)}"
    lines = [
        f"<b>{escape(_source_name(figure))}</b>",
        f"{escape(when)}: <b>{escape(words)}</b>" + ("" if span == words else f" ({escape(span)})"),
        f"{escape(tables.scope_text(figure.get('scope'), figure.get('rate')))} · qualifier {escape(figure.get('qualifier'))}",
    ]
    mentions = figure.get("mentions")
    if not tables.missing(mentions) and int(mentions) > 1:
        lines.append(f"reported {int(mentions)} times in {int(figure.get('reports') or 1)} report(s)")
    if tables.text_or_none(figure.get("title")):
        lines.append(f"article: {escape(figure.get('title'))}")
    quote = _quote_html(figure.get("quote"))
    if quote:
        lines.append(f"<i>“{quote}”</i>")
    return "<br>".join(lines)


def envelope_hover(row: Mapping[str, Any], bin_label: str, unit: str | None) -> str:
    """Hover box of one envelope: source, bin, how many figures, lowest low, median best, highest high."""
    n = int(row["figures"])
    low = "open" if tables.missing(row.get("value_low")) else tables.amount(row["value_low"], unit)
    high = "open" if tables.missing(row.get("value_high")) else tables.amount(row["value_high"], unit)
    lines = [
        f"<b>{escape(_source_name(row))}</b>",
        f"{escape(bin_label)} of {escape(_date_text(row['bin_start']))}: {n} figure{'s' if n != 1 else ''}"
        + (" (vague)" if row.get("vague") else ""),
        f"median {escape(tables.amount(row['value_best'], unit))} · lowest {escape(low)} · highest {escape(high)}",
    ]
    opened = [f"{int(row[c])} {what}" for c, what in (("open_above", "without an upper bound"),
                                                    ("open_below", "without a lower bound")) if int(row[c] or 0)]
    if opened:
        lines.append(escape(", ".join(opened)))
    lines.append("select to list them")
    return "<br>".join(lines)


ENVELOPE_ID = "envelope"


def envelope_id(row: Mapping[str, Any]) -> str:
    """The `customdata` of an envelope point: what selects its figures again (series, source, dates)."""
    parts = (ENVELOPE_ID, tables.text_or_none(row.get("scope")) or "unknown", tables.text_or_none(row.get("rate")) or "",
             tables.text_or_none(row.get("source_id")) or "", tables.iso_date(row.get("first_as_of")) or "",
             tables.iso_date(row.get("last_as_of")) or "")
    return "|".join(parts)


def parse_envelope_id(value: str) -> dict[str, Any] | None:
    """The series, source and dates an `envelope_id` stands for; None for any other id (a claim_id)."""
    parts = value.split("|")
    if len(parts) != 6 or parts[0] != ENVELOPE_ID:
        return None
    _, scope, rate, source_id, first, last = parts
    return {"scope": scope or "unknown", "rate": rate or None, "source_id": source_id or None,
            "first_as_of": pd.Timestamp(first).date() if first else None,
            "last_as_of": pd.Timestamp(last).date() if last else None}


def open_stubs(xs: Sequence[Any], bests: Sequence[float], lows: Sequence[Any], highs: Sequence[Any],
               log_y: bool = False, steps: int = OPEN_FADE_STEPS) -> list[tuple[list[Any], list[float | None]]]:
    """Fading stubs for open bounds, sized to each figure's value: `steps` pieces, nearest first.

    Each piece is (xs, ys) of vertical segments separated by None. No upper bound ("more than
    X"): from X up to X * (1 + OPEN_STUB_SHARE); no lower bound ("up to X"): from X down to
    X * (1 - OPEN_STUB_SHARE), never below half of X. Closed figures and figures open both
    ways get none.
    """
    pieces: list[tuple[list[Any], list[float | None]]] = [([], []) for _ in range(steps)]
    for x, best, low, high in zip(xs, bests, lows, highs):
        if tables.missing(best) or tables.missing(x) or tables.missing(low) == tables.missing(high):
            continue
        start = float(best)
        if tables.missing(high):
            stop = start * (1 + OPEN_STUB_SHARE) if start > 0 else 1.0
        else:
            stop = start * max(1 - OPEN_STUB_SHARE, 0.5)
        for i, (px, py) in enumerate(pieces):
            if log_y and start > 0:
                ratio = stop / start
                a, b = start * ratio ** (i / steps), start * ratio ** ((i + 1) / steps)
            else:
                a, b = start + (stop - start) * i / steps, start + (stop - start) * (i + 1) / steps
            px += [x, x, None]
            py += [a, b, None]
    return pieces


def band_polygon(xs: Sequence[Any], lows: Sequence[Any], highs: Sequence[Any],
                 breaks: Sequence[bool] | None = None) -> tuple[list[Any], list[float | None]]:
    """A shaded band along dated points: x and y of closed polygons, runs separated by None.

    On each x the band spans the lowest low to the highest high of the points with both
    bounds; a point with an open bound (or `breaks` true) ends the run, and a run of one x is
    left to the point's whisker. xs need not be sorted.
    """
    envelope: dict[Any, tuple[float, float]] = {}
    broken: set[Any] = set()
    flags = breaks if breaks is not None else [False] * len(xs)
    for x, low, high, brk in zip(xs, lows, highs, flags):
        if tables.missing(x):
            continue
        if brk or tables.missing(low) or tables.missing(high):
            broken.add(x)
            continue
        if x in envelope:
            low, high = min(envelope[x][0], low), max(envelope[x][1], high)
        envelope[x] = (float(low), float(high))
    runs: list[list[Any]] = [[]]
    for x in sorted(set(envelope) | broken):
        if x in envelope and x not in broken:
            runs[-1].append(x)
        elif runs[-1]:
            runs.append([])
    bx: list[Any] = []
    by: list[float | None] = []
    for run in (r for r in runs if len(r) >= 2):
        if bx:
            bx.append(None)
            by.append(None)
        bx += run + run[::-1]
        by += [envelope[x][1] for x in run] + [envelope[x][0] for x in run[::-1]]
    return bx, by


class _Builder:
    """Adds one source's traces to one panel of the series figure."""

    def __init__(self, chart: SeriesChart, traces: list[dict[str, Any]], row: int) -> None:
        self.chart, self.traces, self.row = chart, traces, row

    def _legend(self, style: SourceStyle) -> dict[str, Any]:
        first = style.source_id not in self.chart.legend_seen
        self.chart.legend_seen.add(style.source_id)
        options: dict[str, Any] = {"legendgroup": style.source_id or UNATTRIBUTED, "name": escape(style.name),
                                   "showlegend": first, "legendrank": 1000 + style.rank}
        if first and style.source_id in self.chart.group_titles:
            options["legendgrouptitle"] = {"text": escape(style.group)}
        return options

    def _add(self, kind: str, **trace: Any) -> None:
        self.traces.append({"type": kind, "xaxis": "x", "yaxis": _axis_ref("y", self.row), **trace})

    def band(self, style: SourceStyle, xs: Sequence[Any], lows: Sequence[Any], highs: Sequence[Any],
             breaks: Sequence[bool] | None = None) -> None:
        bx, by = band_polygon(xs, lows, highs, breaks)
        if bx:
            self._add(
                "scatter", x=_dates(bx), y=by, mode="lines", fill="toself",
                fillcolor=_rgba(style.color, BAND_OPACITY), line={"width": 0}, hoverinfo="skip", showlegend=False,
                legendgroup=style.source_id or UNATTRIBUTED, meta={"role": "band", "source": style.name},
            )

    def stubs(self, style: SourceStyle, xs: Sequence[Any], bests: Sequence[float], lows: Sequence[Any],
              highs: Sequence[Any]) -> None:
        for step, (sx, sy) in enumerate(open_stubs(xs, bests, lows, highs, self.chart.log_y)):
            if sx:
                alpha = OPEN_FADE_FROM * (1 - step / OPEN_FADE_STEPS)
                self._add(
                    "scatter", x=_dates(sx), y=sy, mode="lines", line={"color": _rgba(style.color, alpha), "width": 6},
                    hoverinfo="skip", showlegend=False, legendgroup=style.source_id or UNATTRIBUTED,
                    meta={"role": "open_bound", "source": style.name, "step": step},
                )

    def vague_ranges(self, style: SourceStyle, xs: Sequence[Any], lows: Sequence[Any], highs: Sequence[Any]) -> None:
        vx: list[Any] = []
        vy: list[float | None] = []
        for x, low, high in zip(xs, lows, highs):
            if not (tables.missing(low) or tables.missing(high)):
                vx += [x, x, None]
                vy += [float(low), float(high), None]
        if vx:
            self._add(
                "scatter", x=_dates(vx), y=vy, mode="lines", line={"color": style.color, "width": 2, "dash": "dot"},
                hoverinfo="skip", showlegend=False, legendgroup=style.source_id or UNATTRIBUTED,
                meta={"role": "vague_range", "source": style.name},
            )

    def points(self, style: SourceStyle, panel: Panel, xs: Sequence[Any], bests: Sequence[float],
               lows: Sequence[Any], highs: Sequence[Any], symbols: Sequence[str], whisker: Sequence[bool],
               hover: Sequence[str], ids: Sequence[Any]) -> None:
        """Markers at the best values (joined by a line for line scopes), solid whiskers where asked."""
        above = [float(h) - float(b) if w and not tables.missing(h) else 0.0 for b, h, w in zip(bests, highs, whisker)]
        below = [float(b) - float(lo) if w and not tables.missing(lo) else 0.0 for b, lo, w in zip(bests, lows, whisker)]
        line = panel.scope in LINE_SCOPES
        self._add(
            "scattergl" if len(xs) > WEBGL_FROM else "scatter",
            x=_dates(xs), y=[float(b) for b in bests], mode="lines+markers" if line else "markers",
            connectgaps=False, line={"color": style.color, "width": 1.5},
            marker={"color": style.color, "symbol": list(symbols),
                    "size": [SYMBOL_SIZE.get(s, OPEN_SYMBOL_SIZE) for s in symbols],
                    "line": {"color": style.color, "width": 1.5}},
            error_y={"type": "data", "symmetric": False, "color": style.color, "thickness": 2, "width": 5,
                     "array": above, "arrayminus": below, "visible": any(above) or any(below)},
            hovertext=list(hover), hoverinfo="text", customdata=list(ids),
            meta={"role": "best", "source": style.name, "panel": panel.label}, **self._legend(style),
        )

    def bars(self, style: SourceStyle, panel: Panel, centres: Sequence[Any], widths: Sequence[float],
             bests: Sequence[float], lows: Sequence[Any], highs: Sequence[Any], vague: Sequence[bool],
             hover: Sequence[str], ids: Sequence[Any]) -> None:
        """Bars from zero to the best value spanning each window, whiskers to the stated range."""
        above = [float(h) - float(b) if not tables.missing(h) else 0.0 for b, h in zip(bests, highs)]
        below = [float(b) - float(lo) if not tables.missing(lo) else 0.0 for b, lo in zip(bests, lows)]
        self._add(
            "bar", x=_dates(centres), y=[float(b) for b in bests], width=list(widths), opacity=BAR_OPACITY,
            marker={"color": style.color, "line": {"color": style.color, "width": 1},
                    "pattern": {"shape": ["/" if v else "" for v in vague], "fgcolor": style.color}},
            error_y={"type": "data", "symmetric": False, "color": style.color, "thickness": 2, "width": 4,
                     "array": above, "arrayminus": below},
            hovertext=list(hover), hoverinfo="text", customdata=list(ids),
            meta={"role": "bar", "source": style.name, "panel": panel.label}, **self._legend(style),
        )


def _style(chart: SeriesChart, row: Mapping[str, Any]) -> SourceStyle:
    source_id = tables.text_or_none(row.get("source_id"))
    if source_id not in chart.styles:  # a source the summary did not list (should not happen)
        rank = len(chart.styles)
        chart.styles[source_id] = SourceStyle(source_id, _source_name(row), PALETTE[rank % len(PALETTE)],
                                              source_group(row.get("source_side"), row.get("source_kind")), rank)
    return chart.styles[source_id]


def _window(row: Mapping[str, Any]) -> tuple[pd.Timestamp, float]:
    """A period figure's window as its centre and width in ms (at least a day)."""
    end = pd.Timestamp(row["period_end"] if not tables.missing(row.get("period_end")) else row["as_of"])
    start = pd.Timestamp(row["period_start"]) if not tables.missing(row.get("period_start")) else end - pd.Timedelta(days=1)
    start, end = min(start, end), max(start, end)
    width = max((end - start).total_seconds() * 1000, DAY_MS)
    return start + (end - start) / 2 if end > start else start + pd.Timedelta(hours=12), width


_records = tables.records


def _draw_figures(chart: SeriesChart, traces: list[dict[str, Any]], rows_of: dict[Panel, int]) -> None:
    figures = chart.figures
    if figures is None or figures.empty:
        return
    # One trace group per series and source, in the order they first appear, each by as_of then best (a
    # missing best last): grouped and sorted on the rows as dicts, which costs a fraction of pandas'
    # groupby and sort per group on a thousand figures.
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in _records(figures):
        if not tables.missing(row["as_of"]):
            key = (tables.text_or_none(row["scope"]) or "unknown", tables.text_or_none(row["rate"]) or "",
                   tables.text_or_none(row["source_id"]) or "")
            groups.setdefault(key, []).append(row)
    for (scope, rate, _source_id), group in groups.items():
        panel = _panel_of(scope, rate or None)
        if panel not in rows_of:
            continue
        records = sorted(group, key=lambda r: (r["as_of"], tables.missing(r["value_best"]),
                                               0.0 if tables.missing(r["value_best"]) else r["value_best"]))
        style = _style(chart, records[0])
        build = _Builder(chart, traces, rows_of[panel])
        lows = [r["value_low"] for r in records]
        highs = [r["value_high"] for r in records]
        bests = [r["value_best"] for r in records]
        vague = [r["qualifier"] == "vague" for r in records]
        hover = [figure_hover(r) for r in records]
        ids = [r["claim_id"] for r in records]
        if panel.scope == "period":
            windows = [_window(r) for r in records]
            build.bars(style, panel, [c for c, _ in windows], [w for _, w in windows], bests, lows, highs, vague,
                       hover, ids)
            build.stubs(style, [c for c, _ in windows], bests, lows, highs)
            continue
        xs = [r["as_of"] for r in records]
        banded: set[Any] = set()
        if panel.scope in LINE_SCOPES:
            build.band(style, xs, lows, highs, vague)
            bx, _ = band_polygon(xs, lows, highs, vague)
            banded = {x for x in bx if x is not None}
        whisker = [not v and x not in banded for x, v in zip(xs, vague)]
        symbols = [marker_symbol(lo, hi, r["qualifier"]) for lo, hi, r in zip(lows, highs, records)]
        build.vague_ranges(style, [x for x, v in zip(xs, vague) if v], [lo for lo, v in zip(lows, vague) if v],
                           [hi for hi, v in zip(highs, vague) if v])
        build.stubs(style, xs, bests, lows, highs)
        build.points(style, panel, xs, bests, lows, highs, symbols, whisker, hover, ids)


def _draw_envelope(chart: SeriesChart, traces: list[dict[str, Any]], rows_of: dict[Panel, int]) -> None:
    envelope = chart.envelope
    if envelope is None or envelope.empty:
        return
    half_bin = pd.Timedelta(days=chart.bin_days) / 2
    for (scope, rate, source_id), part in envelope.groupby(
            [envelope["scope"].fillna("unknown"), envelope["rate"].fillna(""), envelope["source_id"].fillna("")],
            sort=False):
        panel = _panel_of(scope, rate or None)
        if panel not in rows_of:
            continue
        records = _records(part.sort_values(["bin_start", "vague"], kind="stable"))
        style = _style(chart, records[0])
        build = _Builder(chart, traces, rows_of[panel])
        # A bin holding figures without an upper (lower) bound is drawn open that way.
        lows = [None if r["open_below"] else r["value_low"] for r in records]
        highs = [None if r["open_above"] else r["value_high"] for r in records]
        bests = [r["value_best"] for r in records]
        vague = [bool(r["vague"]) for r in records]
        hover = [envelope_hover({**r, "source_name": style.name}, chart.bin_label, chart.unit) for r in records]
        ids = [envelope_id(r) for r in records]
        starts = [pd.Timestamp(r["bin_start"]) for r in records]
        if panel.scope == "period":
            build.bars(style, panel, [s + half_bin for s in starts], [chart.bin_days * DAY_MS] * len(starts),
                       bests, [r["value_low"] for r in records], [r["value_high"] for r in records], vague, hover, ids)
            continue
        xs = [s + half_bin for s in starts]
        banded: set[Any] = set()
        if panel.scope in LINE_SCOPES:
            build.band(style, xs, lows, highs, vague)
            bx, _ = band_polygon(xs, lows, highs, vague)
            banded = {x for x in bx if x is not None}
        whisker = [not v and x not in banded for x, v in zip(xs, vague)]
        symbols = [SYMBOL_VAGUE if v else marker_symbol(lo, hi) for lo, hi, v in zip(lows, highs, vague)]
        build.vague_ranges(style, [x for x, v in zip(xs, vague) if v],
                           [r["value_low"] for r, v in zip(records, vague) if v],
                           [r["value_high"] for r, v in zip(records, vague) if v])
        build.stubs(style, xs, bests, lows, highs)
        build.points(style, panel, xs, bests, [r["value_low"] for r in records],
                     [r["value_high"] for r in records], symbols, whisker, hover, ids)


def _draw_datasets(chart: SeriesChart, traces: list[dict[str, Any]], rows_of: dict[Panel, int]) -> None:
    """Each dataset's sums as bars over their bin; several datasets side by side within the bin."""
    sums = chart.dataset_sums
    panel = Panel(*DATASET_PANEL)
    if sums is None or sums.empty or panel not in rows_of:
        return
    groups = list(sums.groupby(sums["source_id"].fillna(""), sort=True))
    for position, (source_id, part) in enumerate(groups):
        records = _records(part.sort_values("bin_start"))
        style = _style(chart, {**records[0], "source_kind": "dataset"})
        starts = [pd.Timestamp(r["bin_start"]) for r in records]
        ends = [pd.Timestamp(r["bin_end"]) + pd.Timedelta(days=1) for r in records]
        share = [(e - s) / len(groups) for s, e in zip(starts, ends)]
        hover = []
        for r in records:
            total = tables.amount(r["sum_best"], chart.unit)
            span = tables.derived_range(r["sum_low"], r["sum_best"], r["sum_high"], chart.unit)
            when = (pd.Timestamp(r["bin_start"]).strftime("%B %Y") if chart.dataset_bin == "month" else
                    f"{chart.dataset_bin} of {tables.format_date(r['bin_start'])}")
            hover.append("<br>".join([
                f"<b>{escape(style.name)}</b> (dataset)",
                f"{escape(when)}: {int(r['events'])} event{'s' if int(r['events']) != 1 else ''}, <b>{escape(total)}</b>"
                + ("" if span == total else f" ({escape(span)})"),
                f"category: {escape(r['categories'])}",
            ]))
        _Builder(chart, traces, rows_of[panel]).bars(
            style, panel, [s + w * position + w / 2 for s, w in zip(starts, share)],
            [w.total_seconds() * 1000 for w in share],
            [r["sum_best"] for r in records], [r["sum_low"] for r in records], [r["sum_high"] for r in records],
            [False] * len(records), hover, [None] * len(records),
        )


def series_figure(chart: SeriesChart) -> go.Figure:
    """The stacked panels of one subject, sharing the time axis (see the module docstring).

    The figure brings its own look (TEMPLATE): show it with theme=None. Its traces and layout are
    built here as plain dicts and not validated again by plotly (validating every array cost four
    fifths of building a chart of a thousand figures); the tests validate what this builds.
    """
    panels = chart.panels
    n = max(1, len(panels))
    rows_of = {panel: i + 1 for i, panel in enumerate(panels)}
    chart.group_titles = _group_titles(chart)
    traces: list[dict[str, Any]] = []
    _draw_figures(chart, traces, rows_of)
    _draw_envelope(chart, traces, rows_of)
    _draw_datasets(chart, traces, rows_of)
    height = MARGIN["t"] + MARGIN["b"] + PANEL_HEIGHT * n
    gap = min(PANEL_GAP, 0.3 / n) if n > 1 else 0.0
    size = (1 - gap * (n - 1)) / n
    layout: dict[str, Any] = {
        "template": TEMPLATE.to_plotly_json(), "barmode": "overlay", "bargap": 0, "hovermode": "closest",
        "height": height, "margin": MARGIN, "legend": {"title": {"text": "source (by side and kind)"}},
        "xaxis": {"type": "date", "anchor": _axis_ref("y", n), "title": {"text": "as_of", "standoff": 8},
                  **_date_ticks(chart.span)},
        "annotations": [],
    }
    for panel, row in rows_of.items():
        top = 1 - (row - 1) * (size + gap)
        axis: dict[str, Any] = {
            "domain": [max(top - size, 0.0), top], "anchor": "x",
            "title": {"text": escape(panel.axis_title(chart.unit)), "standoff": 8},
            "type": "log" if chart.log_y else "linear", "rangemode": "normal" if chart.log_y else "tozero",
        }
        symbol = tables.currency_symbol(chart.unit)
        if symbol:
            axis["tickprefix"] = symbol
        layout[_axis_ref("yaxis", row)] = axis
        layout["annotations"].append({
            "text": f"<b>{escape(panel.label)}</b>: {escape(PANEL_HELP.get(panel.scope, '').format(bin=chart.dataset_bin))}",
            "x": 0, "xanchor": "left", "xref": "paper", "y": top, "yanchor": "bottom", "yref": "paper",
            "showarrow": False, "font": {"size": 13},
        })
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _group_titles(chart: SeriesChart) -> set[str | None]:
    """The first drawn source of each legend block (side and kind), whose entry carries the block's title."""
    drawn: set[str | None] = set()
    for frame in (chart.figures, chart.envelope, chart.dataset_sums):
        if frame is not None and not frame.empty:
            drawn |= {tables.text_or_none(s) for s in frame["source_id"].unique()}
    first: dict[str, SourceStyle] = {}
    for source_id in drawn:
        style = chart.styles.get(source_id)
        if style and (style.group not in first or style.rank < first[style.group].rank):
            first[style.group] = style
    return {style.source_id for style in first.values()}


def _date_ticks(span: tuple[Any, Any] | None) -> dict[str, Any]:
    """Ticks that name days (one line: '6 Jun 2022') on short spans, months on long ones; a chart
    of one date shows the week around it (Plotly would zoom into hours)."""
    if span is None or tables.missing(span[0]) or tables.missing(span[1]):
        return {}
    first, last = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    if last - first < pd.Timedelta(days=2):
        pad = pd.Timedelta(days=ONE_DATE_PAD_DAYS)
        return {"range": _dates([first - pad, last + pad]), "dtick": DAY_MS, "tickformat": "%-d %b %Y"}
    if last - first <= pd.Timedelta(days=SHORT_SPAN_DAYS):
        pad = pd.Timedelta(days=1)
        return {"range": _dates([first - pad, last + pad]), "tickformat": "%-d %b %Y"}
    return {"tickformat": "%b %Y"}


# --- disagreements ----------------------------------------------------------------------------

DISAGREEMENT_PAIRS_SHOWN = 15
SYMBOL_OPEN_RIGHT = "triangle-right"  # on a horizontal range: no upper bound
SYMBOL_OPEN_LEFT = "triangle-left"  # on a horizontal range: no lower bound


def _pair_label(pair: Mapping[str, Any], position: int) -> str:
    what = tables.subject_label(pair["metric"], pair.get("category"), pair.get("party"), pair.get("location"),
                                pair.get("unit"))
    scope = tables.scope_text(pair.get("scope"), pair.get("rate"))
    return escape(f"{position}. {what}, {scope}, {_date_text(pair.get('lower_as_of'))}")


def disagreement_figure(pairs: pd.DataFrame, limit: int = DISAGREEMENT_PAIRS_SHOWN) -> go.Figure:
    """The first `limit` disagreeing pairs as horizontal ranges, one row per pair, one colour per source.

    Each figure is a line from `value_low` to `value_high` with a marker at `value_best` (hover:
    source, the figure as reported, its range, quote; customdata: claim_id). An open bound has no
    line on its open side and a triangle pointing that way. The x axis is logarithmic when the
    values span more than two orders of magnitude. Pairs of one unit only: money and people, and
    currencies, never share the axis (ValueError otherwise).
    """
    rows = pairs.head(limit).to_dict("records")
    if not rows:
        return go.Figure()
    units = {tables.text_or_none(r.get("unit")) for r in rows}
    if len(units) > 1:
        raise ValueError(f"pairs mix units ({', '.join(sorted(u or 'none' for u in units))}); one figure per unit")
    unit = units.pop()
    labels = [_pair_label(pair, i + 1) for i, pair in enumerate(rows)]
    sides = []
    for label, pair in zip(labels, rows):
        for prefix in ("lower", "higher"):
            sides.append({
                "y": label, "source_name": pair[f"{prefix}_source_name"] or pair[f"{prefix}_source"],
                "value_low": pair[f"{prefix}_value_low"], "value_best": pair[f"{prefix}_value_best"],
                "value_high": pair[f"{prefix}_value_high"], "qualifier": pair[f"{prefix}_qualifier"],
                "quote": pair[f"{prefix}_quote"], "as_of": pair[f"{prefix}_as_of"], "scope": pair.get("scope"),
                "rate": pair.get("rate"), "unit": unit, "claim_id": pair[f"{prefix}_claim_id"],
            })
    claims = pd.DataFrame(sides)
    traces: list[dict[str, Any]] = []
    for i, (source, rows_of_source) in enumerate(claims.groupby("source_name", sort=True)):
        color = PALETTE[i % len(PALETTE)]
        xs: list[Any] = []
        ys: list[Any] = []
        for side in rows_of_source.to_dict("records"):
            start = side["value_best"] if tables.missing(side["value_low"]) else side["value_low"]
            stop = side["value_best"] if tables.missing(side["value_high"]) else side["value_high"]
            xs += [start, stop, None]
            ys += [side["y"], side["y"], None]
        name = escape(source)
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": color, "width": 6},
            "opacity": 0.45, "hoverinfo": "skip", "showlegend": False, "legendgroup": name,
            "meta": {"role": "range", "source": source},
        })
        traces.append({
            "type": "scatter", "x": rows_of_source["value_best"].tolist(), "y": rows_of_source["y"].tolist(),
            "mode": "markers", "name": name, "legendgroup": name,
            "marker": {"color": color, "size": 11, "symbol": [
                SYMBOL_OPEN_RIGHT if tables.missing(hi) else SYMBOL_OPEN_LEFT if tables.missing(lo)
                else SYMBOL_VAGUE if q == "vague" else SYMBOL_CLOSED
                for lo, hi, q in zip(rows_of_source["value_low"], rows_of_source["value_high"],
                                     rows_of_source["qualifier"])]},
            "hovertext": [figure_hover(side) for side in rows_of_source.to_dict("records")],
            "hoverinfo": "text", "customdata": rows_of_source["claim_id"].tolist(),
            "meta": {"role": "best", "source": source},
        })
    values = pd.to_numeric(pd.concat([claims["value_low"], claims["value_best"], claims["value_high"]]),
                           errors="coerce")
    positive = values[values > 0]
    log_x = not positive.empty and positive.max() / positive.min() > 100
    layout = {
        "template": TEMPLATE.to_plotly_json(), "legend": {"title": {"text": "source"}}, "hovermode": "closest",
        "height": 200 + 34 * len(labels), "margin": {"l": 10, "r": 10, "t": 48, "b": 40},
        "xaxis": {"title": {"text": escape(unit or "people")}, "type": "log" if log_x else "linear", "automargin": True},
        "yaxis": {"categoryorder": "array", "categoryarray": labels[::-1], "type": "category", "automargin": True},
    }
    # built as plain dicts and not validated (as series_figure): plotly's validation was most of the
    # page's server work; tests/test_charts.py validates what this builds
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def unit_groups(frame: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """Rows split by unit (people first), so people and each currency get charts of their own."""
    if frame.empty:
        return []
    units = frame["unit"].astype(object).where(frame["unit"].notna(), None)
    groups = [(str(u) or None, rows) for u, rows in frame.groupby(units.fillna(""), sort=True)]
    return sorted(groups, key=lambda g: (g[0] != "people", g[0] or ""))
