"""The Editors group: everything on content, nothing on users, groups or permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Editors"
# Apps whose models are the portal's content. Users, groups and permissions
# (django.contrib.auth) are deliberately absent.
CONTENT_APPS = ("portal", "indicators", "swot")
EDITOR_ACTIONS = ("add", "change", "delete", "view", "import", "export", "revert")


def sync_editors_group(apps, schema_editor=None):
    """Create or refresh the group; run from a data migration whenever content models change."""
    # Permissions are normally created after `migrate` finishes; the group needs them now.
    for label in CONTENT_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
        if permission.codename.split("_", 1)[0] in EDITOR_ACTIONS
    ]
    group.permissions.set(wanted)
