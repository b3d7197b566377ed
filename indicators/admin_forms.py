"""The observation form of the admin: the value is typed as text and read by the import's strict rules.

A browser's number field turned "4,7" typed in a Russian-language browser into 47; here the decimal
mark is the admin language's (",": Kazakh and Russian, ".": English), digits may be grouped by
spaces only, and anything else is refused with the reason, never reinterpreted. The plausible bounds
(Observation.clean), the digits the database keeps and the scale guard apply as in the import.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.numbers import plain_decimal

from .importing import parse_number
from .models import Observation, value_storage_problem
from .periods import parse_period
from .scale_guard import SeriesNeighbours


class ObservationAdminForm(forms.ModelForm):
    value = forms.CharField(
        label=gettext_lazy("value"),
        max_length=60,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}),
    )
    confirm_scale = forms.BooleanField(
        label=gettext_lazy("Save the value even if it is far from its series"),
        required=False,
        help_text=gettext_lazy(
            "Only after checking its unit: a value far from its neighbours is usually a scale slip."
        ),
    )

    class Meta:
        model = Observation
        fields = ["indicator", "region", "period", "value", "status", "note", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decimal_mark = get_format("DECIMAL_SEPARATOR")
        self.fields["value"].help_text = _(
            "Decimal mark “%(mark)s”; digits may be grouped by spaces: 1 234%(mark)s5."
        ) % {"mark": self.decimal_mark}
        if self.instance.pk and not self.is_bound:
            self.initial["value"] = plain_decimal(self.instance.value).replace(".", self.decimal_mark)

    def clean_value(self):
        try:
            value = parse_number(self.cleaned_data["value"].strip(), self.decimal_mark, typed=True)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        if reason := value_storage_problem(value):
            raise ValidationError(reason)
        return value

    def clean(self):
        cleaned = super().clean()
        value, indicator, region = cleaned.get("value"), cleaned.get("indicator"), cleaned.get("region")
        if value is None or indicator is None or region is None or cleaned.get("confirm_scale"):
            return cleaned
        if self.instance.pk and self.instance.value == value:
            return cleaned
        try:
            start = parse_period(cleaned.get("period") or "").start
        except ValidationError:
            return cleaned
        neighbours = SeriesNeighbours([(indicator.pk, region.pk)])
        reason = neighbours.reason(indicator, region.pk, start, value, exclude_pk=self.instance.pk)
        if reason:
            self.add_error(
                "value",
                _("%(reason)s. Check the unit; if the value is right, tick “%(confirm)s” and save again.")
                % {"reason": reason, "confirm": self.fields["confirm_scale"].label},
            )
        return cleaned
