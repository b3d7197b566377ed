"""The Editors group: everything on content, nothing on users, groups or permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from .content import content_app_labels

EDITORS_GROUP = "Editors"
EDITOR_ACTIONS = ("add", "change", "delete", "view", "import", "export", "revert")


def sync_editors_group(apps, schema_editor=None):
    """Create or refresh the group; run from a data migration whenever content models change."""
    # Permissions are normally created after `migrate` finishes; the group needs them now.
    # The content apps (portal.content); users, groups and permissions (django.contrib.auth) are not content.
    labels = content_app_labels()
    for label in labels:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=labels)
        if permission.codename.split("_", 1)[0] in EDITOR_ACTIONS
    ]
    group.permissions.set(wanted)
