from django.db import migrations

from portal.roles import sync_editors_group


class Migration(migrations.Migration):
    """Editors may add, change, delete, import and export strategies, initiatives, targets and the code lists."""

    dependencies = [
        ("policies", "0002_programmes_from_institutions"),
        ("portal", "0005_institution_kind_government"),
    ]

    operations = [migrations.RunPython(sync_editors_group, migrations.RunPython.noop)]
