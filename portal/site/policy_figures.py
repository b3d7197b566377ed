"""Targets on the charts: the straight path from a target's baseline to its value, drawn dashed
over the indicator's series (portal.site.figures draws it), and sentences saying where the series
stands on that path."""

from django.utils.translation import gettext as _

from indicators.periods import parse_period

from . import charts, figures
from .formatting import number, period_label, quantity
from .selectors import Series


def target_label(target):
    return _("Target: %(value)s by %(period)s") % {
        "value": quantity(target.value, target.indicator),
        "period": period_label(target.period),
    }


def target_path(target):
    """The target's straight path as a chart line from its baseline to its value (None without a baseline)."""
    baseline = target.progress.baseline
    if baseline is None:
        return None
    points = []
    for period, value in ((baseline.period, baseline.value), (target.period, target.value)):
        parsed = parse_period(period)
        points.append(charts.ChartPoint(parsed.start, parsed.end, period_label(period), float(value)))
    return charts.ChartSeries(target_label(target), points)


def paths_of(targets):
    return [path for path in map(target_path, targets) if path is not None]


def describe_target(target):
    """What a reader needs to know of a target's progress, in sentences."""
    indicator, progress = target.indicator, target.progress
    values = {
        "target": quantity(target.value, indicator),
        "period": period_label(target.period),
        "region": target.region,
    }
    sentences = [_("%(region)s: the target is %(target)s by %(period)s.") % values]
    if progress.baseline is None:
        sentences.append(_("Its baseline has no value, so progress cannot be measured."))
        return " ".join(sentences)
    sentences.append(
        _("The baseline is %(value)s in %(period)s.")
        % {"value": quantity(progress.baseline.value, indicator), "period": period_label(progress.baseline.period)}
    )
    if progress.latest is None:
        sentences.append(_("There is no value since the baseline yet, so progress cannot be measured."))
        return " ".join(sentences)
    sentences.append(
        _("The latest value is %(value)s in %(period)s: %(status)s.")
        % {
            "value": quantity(progress.latest.value, indicator),
            "period": period_label(progress.latest.period),
            "status": progress.status.label,
        }
    )
    if progress.expected is not None and progress.ratio is not None:
        sentences.append(
            _(
                "On the straight path from the baseline it would be %(expected)s by now; %(share)s %% of the way "
                "has been covered in %(time)s %% of the time."
            )
            % {
                "expected": quantity(progress.expected, indicator),
                "share": number(progress.covered * 100, 0),
                "time": number(progress.elapsed * 100, 0),
            }
        )
    return " ".join(sentences)


def target_figure(target, element_id):
    """The indicator's series in the target's region with the target's path, and its description."""
    series = Series(target.indicator, target.region, target.observations)
    return figures.indicator_figure(
        target.indicator,
        [series],
        dashed=paths_of([target]),
        sentences=[describe_target(target)],
        label=_("Chart: %(indicator)s and its target") % {"indicator": target.indicator},
        described_by=element_id,
        prefix=f"target-{target.key}",
    )


def indicator_figure(indicator, series_list, targets):
    """An indicator's chart (as on its page) with the paths of its targets, and the description."""
    return figures.indicator_figure(
        indicator, series_list, dashed=paths_of(targets), sentences=[describe_target(t) for t in targets]
    )


def indicator_spec(indicator, series_list, targets):
    """The spec the chart downloads (PNG, SVG) render: the page's chart with the targets' paths."""
    return figures.indicator_spec(indicator, series_list, paths_of(targets))


def compare_figure(series_list, region, targets):
    """The comparison chart with the paths of the chosen indicators' targets (an indexed chart shows a
    target as an index of its indicator's first value)."""
    dashed = [(t.indicator, path) for t in targets if (path := target_path(t)) is not None]
    return figures.compare_figure(series_list, region, dashed=dashed, sentences=[describe_target(t) for t in targets])
