from django.db import migrations

from portal.roles import sync_editors_group


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("indicators", "0001_initial"),
        ("swot", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_editors_group, migrations.RunPython.noop)]
