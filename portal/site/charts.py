"""Charts: Vega-Lite specs built in Python, rendered on the server by vl-convert.

The SVG goes inline into the page (readable with JavaScript off); SVG and PNG are also
offered as downloads. Rendering costs tens of milliseconds (the first call about half a
second), so every rendering is cached under the content version: an editor's change
makes new ones at once.

vl-convert writes presentation attributes (fill="…"), never style attributes, so the
inline SVG passes a Content-Security-Policy without 'unsafe-inline'.
"""

import hashlib
import json
import re
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
GRID_COLOUR = "#d6dbe0"
CHART_CACHE_SECONDS = 60 * 60 * 24

CONFIG = {
    "aria": False,  # the page gives each chart its own description, in the page's language
    "background": "#ffffff",
    "font": FONT,
    "range": {"category": PALETTE},
    "view": {"stroke": None},
    "axis": {
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelFontSize": 12,
        "titleFontSize": 13,
        "titleFontWeight": "normal",
        "gridColor": GRID_COLOUR,
        "domainColor": "#6a737d",
        "tickColor": "#6a737d",
    },
    "legend": {
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelFontSize": 12,
        "titleFontSize": 13,
        "orient": "bottom",
        "labelLimit": 400,
    },
    "title": {"color": TEXT_COLOUR, "fontSize": 16, "fontWeight": "bold", "anchor": "start"},
    "line": {"strokeWidth": 2.5, "point": {"size": 50, "filled": True}},
}


@dataclass
class ChartSeries:
    """One line of a chart: a label and its points (period label, value) in period order."""

    label: str
    points: list = field(default_factory=list)


def number_locale():
    """d3-format locale of the active language, from the same formats as the page's numbers."""
    return {
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "thousands": formats.get_format("THOUSAND_SEPARATOR"),
        "grouping": [3],
        "currency": ["", ""],
    }


def line_chart_spec(series, *, y_title, decimals=0, title=None, width=560, height=260):
    values = [
        {"series": line.label, "period": period, "value": float(value), "order": index}
        for line in series
        for index, (period, value) in enumerate(line.points)
    ]
    periods = list(dict.fromkeys(point["period"] for point in sorted(values, key=lambda v: v["order"])))
    several = len(series) > 1
    mark = {"type": "line", "point": True} if len(periods) > 1 else {"type": "bar", "width": {"band": 0.5}}
    encoding = {
        "x": {"field": "period", "type": "ordinal", "sort": periods, "title": None, "axis": {"labelAngle": 0}},
        "y": {"field": "value", "type": "quantitative", "title": y_title, "axis": {"format": f",.{decimals}f"}},
        "color": {"field": "series", "type": "nominal", "title": None, "legend": {} if several else None},
    }
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "padding": 8,
        "data": {"values": values},
        "mark": mark,
        "encoding": encoding,
        "config": CONFIG,
    }
    if title:
        spec["title"] = title
    return spec


def with_dashed_lines(spec, lines, periods):
    """`spec` (from line_chart_spec) with `lines` (ChartSeries, such as targets' paths) drawn dashed over
    it, on an axis of `periods` (every period label of both, in order). The lines join the legend."""
    values = [
        {"series": line.label, "period": period, "value": float(value)}
        for line in lines
        for period, value in line.points
    ]
    x_axis = {**spec["encoding"]["x"], "sort": periods, "scale": {"domain": periods}}
    colour = {**spec["encoding"]["color"], "legend": {}}
    layered = {key: value for key, value in spec.items() if key not in ("data", "mark", "encoding")}
    layered["layer"] = [
        {"data": spec["data"], "mark": spec["mark"], "encoding": {**spec["encoding"], "x": x_axis, "color": colour}},
        {
            "data": {"values": values},
            "mark": {"type": "line", "strokeDash": [6, 4], "point": {"shape": "diamond", "size": 80, "filled": True}},
            "encoding": {**spec["encoding"], "x": x_axis, "color": colour},
        },
    ]
    return layered


def sparkline_spec(points):
    values = [
        {"period": period, "value": float(value), "order": index} for index, (period, value) in enumerate(points)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 140,
        "height": 36,
        "padding": 2,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 16, "filled": True}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "order", "type": "ordinal", "axis": None},
            "y": {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        },
        "config": {**CONFIG, "background": None},
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


def inline_svg(spec, *, label, described_by):
    """The SVG to put into a page: one image named `label`, described by the element `described_by`."""
    markup = INNER_ARIA.sub("", svg(spec))
    return markup.replace(
        "<svg ",
        f'<svg role="img" focusable="false" aria-label="{_attr(label)}" aria-describedby="{described_by}" ',
        1,
    )


def _attr(text):
    return str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
