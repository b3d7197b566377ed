"""The charts of the public pages: spec, inline SVG and a text description in the page's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import charts
from .formatting import multiplier_word, period_label, quantity


def axis_title(indicator):
    words = [multiplier_word(indicator.unit_multiplier), indicator.unit or ""]
    return " ".join(word for word in words if word) or None


def series_points(series):
    return [(period_label(o.period), o.value) for o in series.observations]


def indicator_spec(indicator, series_list, *, with_title=False):
    lines = [charts.ChartSeries(str(s.region), series_points(s)) for s in series_list]
    return charts.line_chart_spec(
        lines, y_title=axis_title(indicator), decimals=indicator.decimals, title=str(indicator) if with_title else None
    )


def describe_series(series):
    """Sentences telling what a series' chart shows: span, direction, highest and lowest."""
    indicator, observations = series.indicator, series.observations
    if not observations:
        return _("There are no values yet.")
    first, last = observations[0], observations[-1]
    if len(observations) == 1:
        return _("%(region)s, %(indicator)s: one value, %(value)s, for %(period)s.") % {
            "region": series.region,
            "indicator": indicator,
            "value": quantity(last.value, indicator),
            "period": period_label(last.period),
        }
    sentences = [
        ngettext(
            "%(region)s, %(indicator)s: %(count)s value from %(first)s to %(last)s.",
            "%(region)s, %(indicator)s: %(count)s values from %(first)s to %(last)s.",
            len(observations),
        )
        % {
            "region": series.region,
            "indicator": indicator,
            "count": len(observations),
            "first": period_label(first.period),
            "last": period_label(last.period),
        }
    ]
    values = {"from": quantity(first.value, indicator), "to": quantity(last.value, indicator)}
    if last.value > first.value:
        sentences.append(_("Over the whole span it rose from %(from)s to %(to)s.") % values)
    elif last.value < first.value:
        sentences.append(_("Over the whole span it fell from %(from)s to %(to)s.") % values)
    else:
        sentences.append(_("It ended where it began, at %(to)s.") % values)
    highest = max(observations, key=lambda o: o.value)
    lowest = min(observations, key=lambda o: o.value)
    sentences.append(
        _("The highest value was %(high)s in %(high_period)s, the lowest %(low)s in %(low_period)s.")
        % {
            "high": quantity(highest.value, indicator),
            "high_period": period_label(highest.period),
            "low": quantity(lowest.value, indicator),
            "low_period": period_label(lowest.period),
        }
    )
    return " ".join(sentences)


def indicator_figure(indicator, series_list):
    spec = indicator_spec(indicator, series_list)
    description = " ".join(describe_series(s) for s in series_list) or _("There are no values yet.")
    svg = charts.inline_svg(
        spec, label=_("Chart: %(indicator)s") % {"indicator": indicator}, described_by="chart-description"
    )
    return {"svg": svg, "description": description}


def sparkline(series):
    """A small trend line for the home page, or '' when there is only one value."""
    if len(series.observations) < 2:
        return ""
    markup = charts.INNER_ARIA.sub("", charts.svg(charts.sparkline_spec(series_points(series))))
    return markup.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def index_points(series):
    base = series.observations[0].value
    return [(period_label(o.period), o.value / base * 100 if base else 0) for o in series.observations]


def compare_figure(series_list, region):
    """Several indicators on one chart; indexed (first value = 100) when their units differ."""
    indicators = [s.indicator for s in series_list]
    units = {(i.unit, i.unit_multiplier) for i in indicators}
    indexed = len(units) > 1
    lines = [
        charts.ChartSeries(str(s.indicator), index_points(s) if indexed else series_points(s)) for s in series_list
    ]
    if indexed:
        spec = charts.line_chart_spec(lines, y_title=_("index, first value = 100"), decimals=0)
    else:
        spec = charts.line_chart_spec(
            lines, y_title=axis_title(indicators[0]), decimals=max(i.decimals for i in indicators)
        )
    sentences = [
        _("The chart compares %(indicators)s in %(region)s.")
        % {"indicators": "; ".join(str(i) for i in indicators), "region": region}
    ]
    if indexed:
        sentences.append(_("Their units differ, so each is shown as an index: its first value is 100."))
    sentences += [describe_series(s) for s in series_list]
    svg = charts.inline_svg(spec, label=_("Comparison chart"), described_by="chart-description")
    return {"svg": svg, "description": " ".join(sentences), "indexed": indexed, "spec": spec}
