from django.db import migrations

from portal.roles import sync_editors_group


class Migration(migrations.Migration):
    """Editors may view and revert change sets (imports) and see every model's history."""

    dependencies = [
        ("portal", "0003_historicalformername_historicalinstitution_and_more"),
        ("indicators", "0002_changeset_historicalindicator_historicalobservation_and_more"),
        ("swot", "0002_historicalanalysis_historicalitem_and_more"),
    ]

    operations = [migrations.RunPython(sync_editors_group, migrations.RunPython.noop)]
