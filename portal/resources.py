"""Import/export resources of the portal's models, keyed by natural keys.

Rows are matched by natural keys (region code, reference key, …), never by
database id, so a file exported from one portal imports into another. The demo
data goes in through these same resources.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .languages import translated_columns
from .models import FormerName, Institution, Page, Reference, Region
from .numbers import PLAIN_NUMBER, native_decimal, plain_decimal
from .spreadsheet_safety import neutralise, restore


class StrictDecimalWidget(widgets.Widget):
    """Reads a number written with a decimal point and no grouping; writes it as published.

    "13,2" or "4 103" are refused rather than guessed at, so a number is never
    read as ten or a thousand times itself.
    """

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and value.strip() == ""):
            return None
        try:
            number = native_decimal(value)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if number is not None:
            return number
        text = str(value).strip().replace("−", "-")
        if not PLAIN_NUMBER.match(text):
            raise ValueError(
                _(
                    "“%(value)s” is not a number. Write it with a decimal point and without thousands separators, "
                    "e.g. 324462 or 13.2."
                )
                % {"value": text}
            )
        return Decimal(text)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return plain_decimal(value)


class DayWidget(widgets.DateWidget):
    """A date; spreadsheets hand dates over as midnight datetimes, which would read as a change."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's natural key, with a clear message when unknown."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(model)s has the %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Many related rows as comma-separated natural keys; unknown keys are named, not dropped."""

    def candidates(self, row):
        """The rows the keys name among (a subclass may narrow them by the rest of the row)."""
        return self.model.objects.all()

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        found = self.candidates(row).filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {str(getattr(obj, self.field)) for obj in found})
        if missing:
            raise ValueError(
                _("No %(model)s has the %(field)s %(values)s.")
                % {
                    "model": self.model._meta.verbose_name,
                    "field": self.field,
                    "values": ", ".join(f"“{k}”" for k in missing),
                }
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(related, self.field)) for related in value.all()))


def natural_key(column, model, field):
    return fields.Field(attribute=column, column_name=column, widget=NaturalKeyWidget(model, field))


def natural_keys(column, model, field):
    return fields.Field(
        attribute=column, column_name=column, widget=NaturalKeysWidget(model, separator=",", field=field)
    )


def decimal(column):
    return fields.Field(attribute=column, column_name=column, widget=StrictDecimalWidget())


class ContentResource(resources.ModelResource):
    """Shared behaviour: validate every row as the admin would, skip rows that change nothing."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() == "DecimalField":
            return StrictDecimalWidget
        if f.get_internal_type() == "DateField":
            return DayWidget
        if f.get_internal_type() == "TextField":
            # An empty spreadsheet cell is an empty text, as the admin stores it, not NULL.
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    def export_field(self, field, instance, **kwargs):
        # No formula may travel in an exported spreadsheet; `restore` below reads it back.
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = restore(value)
        super().before_import_row(row, **kwargs)


class RegionResource(ContentResource):
    code_sources = natural_keys("code_sources", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Region
        import_id_fields = ["code"]
        fields = ["code", "kind", *translated_columns("name"), "kato", "iso_3166_2", "code_sources"]


class FormerNameResource(ContentResource):
    region = natural_key("region", Region, "code")

    class Meta(ContentResource.Meta):
        model = FormerName
        import_id_fields = ["region", "year_from"]
        fields = ["region", "year_from", "year_to", *translated_columns("name")]


class ReferenceResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Reference
        import_id_fields = ["key"]
        fields = [
            "key",
            "number",
            "kind",
            *translated_columns("authors"),
            "year",
            "language",
            *translated_columns("title"),
            "original_title",
            *translated_columns("container"),
            "publisher",
            "volume",
            "issue",
            "pages",
            "url",
            "doi",
            "accessed",
        ]
        widgets = {"accessed": {"format": "%Y-%m-%d"}}


class InstitutionResource(ContentResource):
    region = natural_key("region", Region, "code")
    references = natural_keys("references", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Institution
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "kind",
            "region",
            "founded_year",
            "website",
            "published",
            *translated_columns("name", "description"),
            "references",
        ]


class PageResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Page
        import_id_fields = ["slug"]
        fields = ["slug", "order", "published", *translated_columns("title", "body")]
