"""The check of derived indicators: is each published share what its counts give?

A derived indicator is numerator / denominator x scale. An observation of it
"differs" when its value is further from the computed one than half a unit of
its last published decimal (13.2 % may stand for 13.15 … 13.25 %).

Values hold up to 20 digits, 6 of them decimals, so a computed value can need 34 digits
before its point (99999999999999 / 0.000001 × 99999999999999), more than Decimal's
default 28: every step runs in COMPUTING, which holds it and its decimals exactly enough.
"""

from dataclasses import dataclass
from decimal import Context, Decimal

from django.utils.translation import gettext as _

from portal.numbers import plain_decimal

from .models import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Indicator, Observation

# Twice the digits a value holds, plus the decimals shown: room for numerator / denominator × scale.
COMPUTING = Context(prec=2 * (VALUE_MAX_DIGITS + VALUE_DECIMAL_PLACES) + 4)
SHOWN = Decimal("0.0001")


@dataclass(frozen=True)
class Mismatch:
    observation: Observation
    numerator_value: Decimal
    denominator_value: Decimal
    computed: Decimal
    difference: Decimal

    def __str__(self):
        """The one sentence editors read, in the admin and in an import's warnings."""
        obs = self.observation
        return _(
            "%(indicator)s, %(region)s, %(period)s: published %(published)s, but its counts give %(computed)s."
        ) % {
            "indicator": obs.indicator,
            "region": obs.region,
            "period": obs.period,
            "published": plain_decimal(obs.value),
            "computed": plain_decimal(self.computed.quantize(SHOWN, context=COMPUTING)),
        }


def computed_value(numerator, denominator, scale):
    if not denominator:
        return None
    return COMPUTING.multiply(COMPUTING.divide(numerator, denominator), scale)


def derived_value_mismatches(indicators=None):
    """Every observation of a derived indicator that differs from its computed value.

    `indicators` narrows the check (a queryset or list of derived indicators);
    by default every derived indicator is checked. Observations whose numerator
    or denominator is missing for the same region and period are not judged.
    Three queries, whatever the number of observations.
    """
    derived = Indicator.objects.filter(numerator__isnull=False)
    if indicators is not None:
        derived = derived.filter(pk__in=[getattr(i, "pk", i) for i in indicators])
    derived = list(derived)
    if not derived:
        return []
    involved = {i.pk for i in derived} | {i.numerator_id for i in derived} | {i.denominator_id for i in derived}
    values = {}
    own = []
    derived_ids = {i.pk for i in derived}
    for obs in Observation.objects.filter(indicator_id__in=involved).select_related("indicator", "region"):
        values[(obs.indicator_id, obs.region_id, obs.period)] = obs.value
        if obs.indicator_id in derived_ids:
            own.append(obs)
    mismatches = []
    for obs in own:
        indicator = obs.indicator
        numerator = values.get((indicator.numerator_id, obs.region_id, obs.period))
        denominator = values.get((indicator.denominator_id, obs.region_id, obs.period))
        if numerator is None or denominator is None:
            continue
        computed = computed_value(numerator, denominator, indicator.scale)
        if computed is None:
            continue
        difference = COMPUTING.subtract(obs.value, computed)
        if abs(difference) > indicator.rounding_tolerance():
            mismatches.append(Mismatch(obs, numerator, denominator, computed, difference))
    mismatches.sort(
        key=lambda m: (m.observation.indicator.code, m.observation.region.code, m.observation.period_start)
    )
    return mismatches
