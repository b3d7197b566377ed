"""Charts: Vega-Lite specs built in Python, rendered on the server by vl-convert.

A chart is self-contained, as Our World in Data's are: its title, a subtitle naming the unit in
words, and its source and note are inside the picture, so a copied PNG or an embedded SVG still
says what it shows. Each chart comes in two layouts: `wide` (downloads, and pages wider than
about 600 px) and `narrow` (phones), laid out again rather than shrunk: fewer ticks, the title
wrapped, the legend below, and text no smaller than 12 px at its natural size (which fits a
360 px screen). Time is one axis whatever the periods: every value stands at the middle of its
period (a year, a quarter, a month or a day), so yearly and quarterly values take their places
in time. Provisional, estimated and break values get their own point shapes and a legend.

The SVG goes inline into the page (readable with JavaScript off); SVG and PNG are also offered
as downloads. Rendering costs tens of milliseconds (the first call about half a second), so
every rendering is cached under the content version: an editor's change makes new ones at once.

vl-convert writes presentation attributes (fill="…"), never style attributes, so the inline SVG
passes a Content-Security-Policy without 'unsafe-inline'.
"""

import datetime
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass, field

import vl_convert
from django.core.cache import cache
from django.utils import formats
from django.utils.translation import get_language

from portal.ops.caching import content_version

# One palette and type scale for the whole site; portal.css uses the same values.
PALETTE = ["#1d5c8c", "#b5482a", "#2d7a4b", "#6b4a94", "#8a6a12", "#1f7f86"]
FONT = "DejaVu Sans"
TEXT_COLOUR = "#1b1f24"
MUTED_COLOUR = "#4f5964"
GRID_COLOUR = "#d6dbe0"
CHART_CACHE_SECONDS = 60 * 60 * 24
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
# Point shapes of the SDMX observation statuses (A normal, P provisional, E estimated, B break).
STATUS_SHAPES = {"A": "circle", "P": "triangle-up", "E": "diamond", "B": "square"}


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # the whole picture, axes and padding included
    plot_height: int
    font: int  # axis labels, legend, footer
    title_font: int
    max_ticks: int


WIDE = Layout("wide", width=680, plot_height=280, font=13, title_font=18, max_ticks=8)
NARROW = Layout("narrow", width=320, plot_height=220, font=13, title_font=16, max_ticks=4)
LAYOUTS = (WIDE, NARROW)
PADDING = 8
CHAR_WIDTH = 0.6  # of the font size: DejaVu Sans' average, Cyrillic included


@dataclass
class ChartPoint:
    start: datetime.date
    end: datetime.date
    label: str  # the period as the page writes it
    value: float
    status: str = "A"


@dataclass
class ChartSeries:
    """One line of a chart: a label and its points in period order."""

    label: str
    points: list = field(default_factory=list)


@dataclass
class ChartText:
    """What the picture says about itself, in the page's language."""

    title: str
    subtitle: str = ""
    source: str = ""
    note: str = ""
    credit: str = ""  # publisher and licence
    status_title: str = ""
    status_labels: dict = field(default_factory=dict)  # status code -> its name
    value_texts: dict = field(default_factory=dict)  # (series label, period label) -> the value as the page writes it


def number_locale():
    """d3-format locale of the active language, from the same formats as the page's numbers."""
    return {
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "thousands": formats.get_format("THOUSAND_SEPARATOR"),
        "grouping": [3],
        "currency": ["", ""],
    }


def wrapped(text, font, width):
    """`text` in lines that fit `width` pixels at `font` px."""
    if not text:
        return []
    return textwrap.wrap(text, max(12, int(width / (font * CHAR_WIDTH)))) or [text]


def milliseconds(day):
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp() * 1000)


def middle(point):
    """The middle of a period, in milliseconds since 1970 (UTC): where its value stands on the time axis."""
    start, end = milliseconds(point.start), milliseconds(point.end + datetime.timedelta(days=1))
    return (start + end) // 2


def time_ticks(points, layout):
    """(tick values, label expression): each period's middle labelled as the page writes the period
    when there are few of them, else the middle of every year (or every second, third…) labelled by year."""
    periods = {}
    for point in sorted(points, key=lambda p: (p.start, p.end)):
        periods.setdefault(middle(point), point.label)
    if len(periods) <= layout.max_ticks:
        values = list(periods)
        labels = dict(periods)
    else:
        first, last = min(p.start.year for p in points), max(p.end.year for p in points)
        years = list(range(first, last + 1))
        step = -(-len(years) // layout.max_ticks)
        chosen = years[::step]
        values = [middle(ChartPoint(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "", 0)) for y in chosen]
        labels = dict(zip(values, (str(y) for y in chosen), strict=True))
    expression = " : ".join(f"datum.value == {value} ? {json.dumps(label)}" for value, label in labels.items())
    return values, f"{expression} : ''"


def time_domain(points):
    """From the start of the first period to the end of the last, with a little room on either side."""
    start = min(milliseconds(p.start) for p in points)
    end = max(milliseconds(p.end + datetime.timedelta(days=1)) for p in points)
    room = max((end - start) // 40, 15 * 24 * 3600 * 1000)
    return [start - room, end + room]


def axis_label_width(values, decimals, font):
    longest = max((len(f"{abs(v):,.{decimals}f}") + (1 if v < 0 else 0) for v in values), default=1)
    return int(longest * font * CHAR_WIDTH) + 12


def header(text, layout):
    width = layout.width - 2 * PADDING
    title = {
        "text": wrapped(text.title, layout.title_font, width),
        "anchor": "start",
        "fontSize": layout.title_font,
        "fontWeight": "bold",
        "color": TEXT_COLOUR,
        "offset": 10,
    }
    if text.subtitle:
        title.update(
            subtitle=wrapped(text.subtitle, layout.font, width),
            subtitleFontSize=layout.font,
            subtitleColor=MUTED_COLOUR,
            subtitlePadding=4,
        )
    return title


def footer(text, layout, indent=0, legend=()):
    """What stands under the chart, as marks in a view of their own: the legend (symbol and name, one
    entry a row, names wrapped) and then the source, note and credit. `indent` is how far the chart's
    plot stands from the left edge (its axis labels), so the text starts at the edge.

    Vega's own legends would stand side by side, wider than a phone; these are laid out here."""
    width = layout.width - 2 * PADDING
    step = int(layout.font * 1.45)
    rows = []
    for shape, colour, label in legend:
        for i, line in enumerate(wrapped(label, layout.font, width - 24)):
            row = {"shape": shape if i == 0 else "", "symbol": colour, "colour": TEXT_COLOUR, "text": line}
            rows.append({**row, "x": 22 - indent, "size": layout.font})
    if rows:
        rows.append({"shape": "", "symbol": "", "colour": TEXT_COLOUR, "text": "", "x": -indent, "size": layout.font})
    for part in (text.source, text.note, text.credit):
        for line in wrapped(part, layout.font - 1, width):
            row = {"shape": "", "symbol": "", "colour": MUTED_COLOUR, "text": line}
            rows.append({**row, "x": -indent, "size": layout.font - 1})
    if not rows:
        return None
    for i, row in enumerate(rows):
        row["row"] = i
    y = {"field": "row", "type": "ordinal", "axis": None}
    return {
        "width": max(width - indent, 1),
        "height": {"step": step},
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle"},
                "encoding": {
                    "y": y,
                    "x": {"field": "x", "type": "quantitative", "scale": None, "axis": None},
                    "text": {"field": "text"},
                    "size": {"field": "size", "type": "quantitative", "scale": None, "legend": None},
                    "color": {"field": "colour", "type": "nominal", "scale": None},
                },
            },
            {
                "transform": [{"filter": "datum.shape != ''"}],
                "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1},
                "encoding": {
                    "y": y,
                    "x": {"value": 8 - indent},
                    "shape": {"field": "shape", "type": "nominal", "scale": None, "legend": None},
                    "color": {"field": "symbol", "type": "nominal", "scale": None},
                },
            },
        ],
    }


def config(layout):
    return {
        "aria": False,  # the page gives each chart its own description, in the page's language
        "background": "#ffffff",
        "font": FONT,
        "range": {"category": PALETTE},
        "view": {"stroke": None},
        "concat": {"spacing": 12},
        "axis": {
            "labelColor": TEXT_COLOUR,
            "titleColor": TEXT_COLOUR,
            "labelFontSize": layout.font,
            "titleFontSize": layout.font,
            "titleFontWeight": "normal",
            "gridColor": GRID_COLOUR,
            "domainColor": "#6a737d",
            "tickColor": "#6a737d",
        },
    }


def framed(main, text, layout, indent=0, legend=()):
    """The whole picture: title and subtitle above `main`, the legend, source and note below it."""
    views = [main]
    below = footer(text, layout, indent, legend)
    if below:
        views.append(below)
    return {
        "$schema": SCHEMA,
        "padding": PADDING,
        "title": header(text, layout),
        "vconcat": views,
        "config": config(layout),
    }


def line_chart_spec(series, text, *, decimals=0, layout=WIDE, dashed=()):
    """Lines over time (a point alone where a series has one value), each point shaped by its status.
    `dashed` lines (ChartSeries: a target's straight path) are drawn dashed over them, in the legend."""
    points = [point for line in (*series, *dashed) for point in line.points]
    values = [
        {
            "series": line.label,
            "t": middle(point),
            "value": point.value,
            "period": point.label,
            "status": text.status_labels.get(point.status, point.status),
        }
        for line in series
        for point in line.points
    ]
    several = len(series) > 1
    statuses = sorted({p.status for p in points}, key=list(STATUS_SHAPES).index)
    marked = statuses != ["A"]
    ticks, label_expression = time_ticks(points, layout)
    indent = axis_label_width([p.value for p in points], decimals, layout.font)
    plot_width = layout.width - 2 * PADDING - indent
    x = {
        "field": "t",
        "type": "quantitative",
        "title": None,
        "scale": {"domain": time_domain(points), "nice": False, "zero": False},
        "axis": {
            "values": ticks,
            "labelExpr": label_expression,
            "labelOverlap": "greedy",
            "labelSeparation": 8,
            "grid": False,
        },
    }
    y = {"field": "value", "type": "quantitative", "title": None, "axis": {"format": f",.{decimals}f"}}
    colours = {line.label: PALETTE[i % len(PALETTE)] for i, line in enumerate(series)}
    colour = {"value": PALETTE[0]}
    legend = []
    if several:
        colour = {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": list(colours), "range": list(colours.values())},
            "legend": None,
        }
        legend += [("circle", colours[line.label], line.label) for line in series]
    lines = {
        "transform": [{"filter": {"field": "series", "oneOf": [s.label for s in series if len(s.points) > 1]}}],
        "mark": {"type": "line", "strokeWidth": 2.5},
        "encoding": {"x": x, "y": y, "color": colour},
    }
    shape = {"value": "circle"}
    if marked:
        labels = [text.status_labels.get(code, code) for code in statuses]
        shape = {
            "field": "status",
            "type": "nominal",
            "scale": {"domain": labels, "range": [STATUS_SHAPES[code] for code in statuses]},
            "legend": None,
        }
        legend += [
            (STATUS_SHAPES[code], TEXT_COLOUR, f"{text.status_title}: {label}" if text.status_title else label)
            for code, label in zip(statuses, labels, strict=True)
        ]
    dots = {
        "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
        "encoding": {"x": x, "y": y, "color": colour, "shape": shape},
    }
    paths = []
    for i, line in enumerate(dashed, start=len(series)):
        path_colour = PALETTE[i % len(PALETTE)]
        legend.append(("diamond", path_colour, line.label))
        paths.append(
            {
                "data": {"values": [{"t": middle(point), "value": point.value} for point in line.points]},
                "mark": {
                    "type": "line",
                    "strokeWidth": 2,
                    "strokeDash": [6, 4],
                    "point": {"shape": "diamond", "size": 80, "filled": True},
                },
                "encoding": {"x": x, "y": y, "color": {"value": path_colour}},
            }
        )
    main = {
        "width": max(plot_width, 120),
        "height": layout.plot_height,
        "data": {"values": values},
        "layer": [lines, dots, *paths],
    }
    return framed(main, text, layout, indent, legend)


def value_card_spec(series, text, *, layout=WIDE):
    """One value: the number large, its period (and status) under it; no axis, no bar."""
    (point,) = series.points
    value_text = text.value_texts.get((series.label, point.label), str(point.value))
    status = text.status_labels.get(point.status, "") if point.status != "A" else ""
    below = f"{point.label} · {status}" if status else point.label
    big = 40 if layout is WIDE else 30
    main = {
        "width": layout.width - 2 * PADDING,
        "height": big + 2 * layout.font + 16,
        "data": {"values": [{"value": value_text, "below": below}]},
        "layer": [
            {
                "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": big, "fontWeight": "bold"},
                "encoding": {
                    "text": {"field": "value"},
                    "x": {"value": 0},
                    "y": {"value": 4},
                    "color": {"value": PALETTE[0]},
                },
            },
            {
                "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": layout.font + 1},
                "encoding": {
                    "text": {"field": "below"},
                    "x": {"value": 0},
                    "y": {"value": big + 14},
                    "color": {"value": TEXT_COLOUR},
                },
            },
        ],
    }
    return framed(main, text, layout)


def card_spec(title, subtitle, lines, credit):
    """A picture of text for social networks' previews (1200 × 630): a title and a few lines of figures."""
    rows = [{"row": i, "text": line} for i, line in enumerate(lines)]
    rows.append({"row": len(lines) + 1, "text": credit})
    return {
        "$schema": SCHEMA,
        "width": 1200 - 2 * 48,
        "height": {"step": 56},
        "padding": 48,
        "background": "#ffffff",
        "title": {
            "text": wrapped(title, 44, 1100),
            "subtitle": subtitle,
            "anchor": "start",
            "fontSize": 44,
            "subtitleFontSize": 26,
            "subtitleColor": MUTED_COLOUR,
            "color": TEXT_COLOUR,
            "font": FONT,
            "subtitleFont": FONT,
            "offset": 24,
        },
        "data": {"values": rows},
        "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 28, "font": FONT},
        "encoding": {
            "y": {"field": "row", "type": "ordinal", "axis": None},
            "x": {"value": 0},
            "text": {"field": "text"},
            "color": {"value": TEXT_COLOUR},
        },
        "config": {"aria": False, "view": {"stroke": None}},
    }


def sparkline_spec(points):
    values = [{"t": middle(point), "value": point.value} for point in points]
    return {
        "$schema": SCHEMA,
        "width": 140,
        "height": 36,
        "padding": 2,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 16, "filled": True}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "t", "type": "quantitative", "axis": None, "scale": {"zero": False}},
            "y": {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        },
        "config": {"aria": False, "background": None, "range": {"category": PALETTE}, "view": {"stroke": None}},
    }


def _cached(kind, spec, render):
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    key = f"chart:{content_version()}:{get_language()}:{kind}:{digest}"
    result = cache.get(key)
    if result is None:
        result = render(spec)
        cache.set(key, result, CHART_CACHE_SECONDS)
    return result


def svg(spec):
    return _cached("svg", spec, lambda s: vl_convert.vegalite_to_svg(s, format_locale=number_locale()))


def png(spec):
    return _cached("png", spec, lambda s: vl_convert.vegalite_to_png(s, scale=2, format_locale=number_locale()))


# Vega marks its groups as ARIA graphics even with "aria": false; inside an image they are noise.
INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"')
IDS = re.compile(r'(id="|url\(#|href="#)([^")]+)')


def inline_svg(spec, *, label, described_by, prefix):
    """The SVG to put into a page: one image named `label`, described by the element `described_by`;
    its own ids (clip paths) prefixed, so two charts on one page do not share them."""
    markup = INNER_ARIA.sub("", svg(spec))
    markup = IDS.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", markup)
    return markup.replace(
        "<svg ",
        f'<svg role="img" focusable="false" aria-label="{_attr(label)}" aria-describedby="{described_by}" ',
        1,
    )


def _attr(text):
    return str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
