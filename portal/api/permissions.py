"""Who may do what through the API: everyone reads; staff write, each action needing the same
Django permission it needs in the admin (add, change or delete on that model)."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions

ADD_OR_CHANGE = ["%(app_label)s.add_%(model_name)s", "%(app_label)s.change_%(model_name)s"]


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class StaffWritesWithModelPermissions(DjangoModelPermissions):
    """Reads for everyone (the anonymous throttle applies); writes for active staff holding the
    model permission. Anonymous writers get 401 (the token scheme's challenge), others 403."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not is_staff(request.user):
            return False
        return super().has_permission(request, view)


class ObservationImportPermissions(StaffWritesWithModelPermissions):
    """An import both adds and changes observations, so it needs both permissions."""

    perms_map = {**DjangoModelPermissions.perms_map, "POST": ADD_OR_CHANGE}
