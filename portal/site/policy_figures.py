"""Targets on the charts: the straight path from a target's baseline to its value, drawn dashed
over the indicator's series, and sentences saying where the series stands on that path."""

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


def target_path(target, transform=None):
    """The target's straight path as a chart line: baseline point, target point (None without a baseline)."""
    baseline = target.progress.baseline
    if baseline is None:
        return None
    points = [(baseline.period, baseline.value), (target.period, target.value)]
    if transform is not None:
        points = [(period, transform(value)) for period, value in points]
    return charts.ChartSeries(target_label(target), [(period_label(p), v) for p, v in points])


def chart_periods(series_list, targets):
    """Every period the chart shows, in time order: the observations', the baselines' and the
    targets'; between yearly periods the years without a value too, so the distance to a target
    year looks as long as it is."""
    periods = {o.period for s in series_list for o in s.observations}
    for target in targets:
        if target.progress.baseline is not None:
            periods |= {target.progress.baseline.period, target.period}
    if periods and all(len(p) == 4 for p in periods):
        years = [int(p) for p in periods]
        periods = {str(year) for year in range(min(years), max(years) + 1)}
    return [period_label(p) for p in sorted(periods, key=lambda p: (parse_period(p).start, parse_period(p).end))]


def with_targets(spec, series_list, targets, transform=None):
    paths = [path for path in (target_path(t, transform) for t in targets) if path is not None]
    if not paths:
        return spec
    return charts.with_dashed_lines(spec, paths, chart_periods(series_list, targets))


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
    spec = with_targets(figures.indicator_spec(target.indicator, [series]), [series], [target])
    description = " ".join([figures.describe_series(series), describe_target(target)])
    label = _("Chart: %(indicator)s and its target") % {"indicator": target.indicator}
    return {"svg": charts.inline_svg(spec, label=label, described_by=element_id), "description": description}


def indicator_figure(indicator, series_list, targets, *, element_id="chart-description"):
    """An indicator's chart (as on its page) with the paths of its targets, and the description."""
    spec = with_targets(figures.indicator_spec(indicator, series_list), series_list, targets)
    sentences = [figures.describe_series(s) for s in series_list] or [_("There are no values yet.")]
    sentences += [describe_target(t) for t in targets]
    svg = charts.inline_svg(spec, label=_("Chart: %(indicator)s") % {"indicator": indicator}, described_by=element_id)
    return {"svg": svg, "description": " ".join(sentences)}


def indicator_spec(indicator, series_list, targets, *, with_title=False):
    """The spec the chart downloads (PNG, SVG) render: the page's chart with the targets' paths."""
    return with_targets(figures.indicator_spec(indicator, series_list, with_title=with_title), series_list, targets)


def compare_figure(figure, series_list, targets):
    """The comparison chart (`figure`, from figures.compare_figure) with the paths of the chosen
    indicators' targets; an indexed chart shows a target as an index of its indicator's first value."""
    first_values = {s.indicator.pk: s.observations[0].value for s in series_list}
    paths = []
    for target in targets:
        base = first_values.get(target.indicator_id)
        if figure["indexed"]:
            path = target_path(target, transform=lambda value, base=base: value / base * 100) if base else None
        else:
            path = target_path(target)
        if path is not None:
            paths.append(path)
    if not paths:
        return figure
    spec = charts.with_dashed_lines(figure["spec"], paths, chart_periods(series_list, targets))
    description = " ".join([figure["description"], *(describe_target(t) for t in targets)])
    svg = charts.inline_svg(spec, label=_("Comparison chart"), described_by="chart-description")
    return {**figure, "spec": spec, "svg": svg, "description": description}
