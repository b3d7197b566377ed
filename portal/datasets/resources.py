"""Reading a tidy observations.csv back in: the editors' observation resource, with the
one-language `note` column of the download written into the current language."""

from import_export import fields, widgets

from indicators.resources import ObservationResource


class TidyObservationResource(ObservationResource):
    """Columns of observations.csv; the name, unit and multiplier columns are ignored on import
    (they belong to the indicator and region, which must exist already)."""

    note = fields.Field(attribute="note", column_name="note", widget=widgets.CharWidget())

    class Meta(ObservationResource.Meta):
        fields = ["indicator", "region", "period", "value", "status", "source", "note"]
