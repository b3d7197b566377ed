"""The charts of the public pages: specs, inline SVG and a text description in the page's language.

Sentences are written so that no word has to change its case around a name, a number or a period
(Russian and Kazakh decline nouns after prepositions): names open a sentence or stand in quotes,
periods stand in parentheses, and a unit follows its number in the form the number asks for
(formatting.quantity). tests/site/test_sentences.py holds the expected sentences in kk and ru.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from indicators.models import Observation
from portal.citations import authors_of, titles
from portal.datasets import metadata

from . import charts
from .formatting import multiplier_word, period_label, quantity

DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def unit_words(indicator):
    """The unit in words: `million people`, `%`, `enterprises` (never 10^6)."""
    words = [multiplier_word(indicator.unit_multiplier), indicator.unit or ""]
    return " ".join(word for word in words if word)


def quoted(name):
    return pgettext("a name in quotes", "“%(name)s”") % {"name": name}


def chart_points(series, values=None):
    return [
        charts.ChartPoint(o.period_start, o.period_end, period_label(o.period), float(v), o.status)
        for o, v in zip(series.observations, values or [o.value for o in series.observations], strict=True)
    ]


def span(observations):
    first, last = observations[0], observations[-1]
    if first.period == last.period:
        return period_label(first.period)
    return f"{period_label(first.period)} – {period_label(last.period)}"


def short_citation(reference):
    """`World Intellectual Property Organization (2020). Global Innovation Index 2020: Kazakhstan`."""
    authors = authors_of(reference)
    who = ""
    if authors:
        who = authors[0].split(",")[0] if "," in authors[0] else authors[0]
        if len(authors) > 1:
            who = _("%(author)s et al.") % {"author": who}
    year = f" ({reference.year})" if reference.year else ""
    title = titles(reference).main
    return f"{who}{year}. {title}" if who else f"{title}{year}"


def sources_line(sources):
    return _("Source: %(sources)s.") % {"sources": "; ".join(short_citation(r) for r in sources)} if sources else ""


def ordered(observations):
    return sorted(observations, key=lambda o: (o.period_start, o.period_end))


def chart_text(indicator, series_list, *, subtitle_parts=()):
    """Title, subtitle (unit in words, region, span), source, note and credit of an indicator's chart."""
    observations = ordered(o for s in series_list for o in s.observations)
    sources = [indicator.source] if indicator.source else []
    sources += sorted({o.source for o in observations if o.source and o.source != indicator.source}, key=str)
    notes = list(dict.fromkeys(o.note for o in observations if o.note))
    subtitle = [unit_words(indicator), *subtitle_parts, span(observations) if observations else ""]
    return charts.ChartText(
        title=str(indicator),
        subtitle=" · ".join(part for part in subtitle if part),
        source=sources_line(sources),
        note=_("Note: %(note)s") % {"note": " ".join(notes)} if notes else "",
        credit=credit(),
        status_title=_("Status"),
        status_labels=status_labels(),
    )


def credit():
    """Who publishes the chart and under which licence, as OWID's charts say it."""
    return f"{metadata.publisher()} · {metadata.licence()['name']}"


def status_labels():
    return {code: str(label) for code, label in Observation.Status.choices}


def indicator_specs(indicator, series_list, dashed=()):
    """{layout name: spec} of an indicator's chart: a value card when it has one value (and no `dashed`
    line, such as a target's path), else lines over time."""
    regions = {str(s.region) for s in series_list}
    text = chart_text(indicator, series_list, subtitle_parts=sorted(regions) if len(regions) == 1 else ())
    drawn = [s for s in series_list if s.observations]
    lines = [charts.ChartSeries(str(s.region), chart_points(s)) for s in drawn]
    if not lines:
        return {}
    if len(lines) == 1 and len(lines[0].points) == 1 and not dashed:
        (line,) = lines
        text.value_texts = {(line.label, line.points[0].label): quantity(drawn[0].latest.value, indicator)}
        return {layout.name: charts.value_card_spec(line, text, layout=layout) for layout in charts.LAYOUTS}
    return {
        layout.name: charts.line_chart_spec(lines, text, decimals=indicator.decimals, layout=layout, dashed=dashed)
        for layout in charts.LAYOUTS
    }


def indicator_spec(indicator, series_list, dashed=()):
    """The wide chart (for PNG and SVG downloads), or None when there is nothing to draw."""
    return indicator_specs(indicator, series_list, dashed).get(charts.WIDE.name)


def status_phrase(observation):
    return "" if observation.status == "A" else observation.get_status_display()


def describe_series(series):
    """Sentences telling what a series' chart shows: span, direction, highest and lowest."""
    indicator, observations = series.indicator, series.observations
    if not observations:
        return _("There are no values yet.")
    first, last = observations[0], observations[-1]
    names = {"indicator": indicator, "region": series.region}
    if len(observations) == 1:
        period = period_label(last.period)
        status = status_phrase(last)
        return _("%(indicator)s (%(region)s): one value, %(value)s (%(period)s).") % {
            **names,
            "value": quantity(last.value, indicator),
            "period": f"{period}, {status}" if status else period,
        }
    sentences = [
        ngettext(
            "%(indicator)s (%(region)s): %(count)s value, %(first)s – %(last)s.",
            "%(indicator)s (%(region)s): %(count)s values, %(first)s – %(last)s.",
            len(observations),
        )
        % {**names, "count": len(observations), "first": period_label(first.period), "last": period_label(last.period)}
    ]
    values = {"from": quantity(first.value, indicator), "to": quantity(last.value, indicator)}
    if last.value > first.value:
        sentences.append(_("Over the whole span it rose: from %(from)s to %(to)s.") % values)
    elif last.value < first.value:
        sentences.append(_("Over the whole span it fell: from %(from)s to %(to)s.") % values)
    else:
        sentences.append(_("It ended where it began, at %(to)s.") % values)
    highest = max(observations, key=lambda o: o.value)
    lowest = min(observations, key=lambda o: o.value)
    if highest.value != lowest.value:
        sentences.append(
            _("The highest value was %(high)s (%(high_period)s), the lowest %(low)s (%(low_period)s).")
            % {
                "high": quantity(highest.value, indicator),
                "high_period": period_label(highest.period),
                "low": quantity(lowest.value, indicator),
                "low_period": period_label(lowest.period),
            }
        )
    marked = [o for o in observations if o.status != "A"]
    if marked:
        sentences.append(
            _("Marked values: %(values)s.")
            % {"values": "; ".join(f"{period_label(o.period)} ({status_phrase(o)})" for o in marked)}
        )
    return one_stop(" ".join(sentences))


def one_stop(text):
    """A sentence ending in an abbreviation ends with one full stop: `… II квартал 2021 г.`, not `г..`."""
    return DOUBLED_STOP.sub(".", text)


def change_sentence(series):
    """`down 216 enterprises from the previous period (2019)`, or '' when there is one value."""
    if series.change is None:
        return ""
    values = {
        "change": quantity(series.change, series.indicator, difference=True),
        "period": period_label(series.previous.period),
    }
    if series.direction == "up":
        return _("up %(change)s from the previous period (%(period)s)") % values
    if series.direction == "down":
        return _("down %(change)s from the previous period (%(period)s)") % values
    return _("unchanged from the previous period (%(period)s)") % values


def svg_pair(specs, *, label, described_by, prefix):
    """{layout name: inline SVG} for the page: CSS shows the narrow one below 600 px, the wide one above."""
    return {
        name: charts.inline_svg(spec, label=label, described_by=described_by, prefix=f"{prefix}-{name}")
        for name, spec in specs.items()
    }


def indicator_figure(
    indicator, series_list, *, dashed=(), sentences=(), label=None, described_by="chart-description", prefix="chart"
):
    """The indicator's chart in both layouts and its description; `dashed` lines (targets' paths) drawn
    over it and described by `sentences`."""
    specs = indicator_specs(indicator, series_list, dashed)
    described = [describe_series(s) for s in series_list] or [_("There are no values yet.")]
    label = label or _("Chart: %(indicator)s") % {"indicator": indicator}
    return {
        "specs": specs,
        "svgs": svg_pair(specs, label=label, described_by=described_by, prefix=prefix),
        "description": " ".join([*described, *sentences]),
        "value_card": bool(specs) and not dashed and len(series_list) == 1 and len(series_list[0].observations) == 1,
    }


def sparkline(series):
    """A small trend line for the home page, or '' when there is only one value."""
    if len(series.observations) < 2:
        return ""
    markup = charts.INNER_ARIA.sub("", charts.svg(charts.sparkline_spec(chart_points(series))))
    return markup.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def index_values(series):
    base = series.observations[0].value
    return [o.value / base * 100 if base else 0 for o in series.observations]


def compare_sentence(indicators, region, indexed):
    """What a comparison chart shows: the indicators (their names in quotes), the region, and why an index."""
    sentence = _("The chart compares these indicators (%(region)s): %(indicators)s.") % {
        "indicators": "; ".join(quoted(i) for i in indicators),
        "region": region,
    }
    if indexed:
        sentence += " " + _("Their units differ, so each is shown as an index: its first value is 100.")
    return sentence


def compare_figure(series_list, region, *, dashed=(), sentences=()):
    """Several indicators on one time axis; indexed (first value = 100) when their units differ.
    `dashed`: (indicator, ChartSeries) lines drawn dashed over them (targets' paths, indexed like
    their indicator's series), described by `sentences`."""
    indicators = [s.indicator for s in series_list]
    units = {(i.unit, i.unit_multiplier) for i in indicators}
    indexed = len(units) > 1
    lines = [
        charts.ChartSeries(str(s.indicator), chart_points(s, index_values(s) if indexed else None))
        for s in series_list
    ]
    observations = ordered(o for s in series_list for o in s.observations)
    subtitle = [
        _("index, first value = 100") if indexed else unit_words(indicators[0]),
        str(region),
        span(observations),
    ]
    sources = {i.source for i in indicators if i.source} | {o.source for o in observations if o.source}
    text = charts.ChartText(
        title=_("Comparison of indicators"),
        subtitle=" · ".join(part for part in subtitle if part),
        source=sources_line(sorted(sources, key=str)),
        credit=credit(),
        status_title=_("Status"),
        status_labels=status_labels(),
    )
    decimals = 0 if indexed else max(i.decimals for i in indicators)
    if indexed:
        bases = {s.indicator.pk: s.observations[0].value for s in series_list}
        dashed = [
            (indicator, charts.ChartSeries(line.label, [indexed_point(p, bases[indicator.pk]) for p in line.points]))
            for indicator, line in dashed
            if bases.get(indicator.pk)
        ]
    paths = [line for _indicator, line in dashed]
    specs = {
        layout.name: charts.line_chart_spec(lines, text, decimals=decimals, layout=layout, dashed=paths)
        for layout in charts.LAYOUTS
    }
    described = [compare_sentence(indicators, region, indexed), *(describe_series(s) for s in series_list)]
    return {
        "specs": specs,
        "svgs": svg_pair(specs, label=_("Comparison chart"), described_by="chart-description", prefix="compare"),
        "description": " ".join([*described, *sentences]),
        "indexed": indexed,
    }


def indexed_point(point, base):
    """A point of a target's path as an index of its indicator's first value (= 100)."""
    return charts.ChartPoint(point.start, point.end, point.label, float(point.value) / float(base) * 100, point.status)


def preview_spec(home):
    """The social-network preview of pages without a chart: the site's name and the city's latest figures."""
    lines = [
        f"{series.indicator}: {quantity(series.latest.value, series.indicator)} ({period_label(series.latest.period)})"
        for series in home["headline"][:5]
    ]
    return charts.card_spec(site_title(home["region"]), _("Latest figures"), lines, credit())


def site_title(region):
    """The portal's name, naming the city it is about (from the data)."""
    if region is None:
        return _("City innovation portal")
    return _("%(region)s: innovation portal") % {"region": region}


def compare_table(series_list):
    """(indicators, rows): one column per indicator, one row per period (periods in time order),
    each cell the value as the page writes it, or '' where that indicator has none."""
    periods = {}
    for series in series_list:
        for o in series.observations:
            periods.setdefault((o.period_start, o.period_end, o.period), period_label(o.period))
    cells = {(s.indicator.pk, o.period): quantity(o.value, s.indicator) for s in series_list for o in s.observations}
    rows = [
        (label, [cells.get((s.indicator.pk, key[2]), "") for s in series_list])
        for key, label in sorted(periods.items())
    ]
    return [s.indicator for s in series_list], rows
