"""Who may see drafts: an editor previewing them. What each model shows is its `objects.visible_to(request)`."""

from django.contrib.auth import get_permission_codename

PREVIEW_PARAMETER = "preview"


def can_preview(request, model):
    """An editor adding ?preview=1 sees `model`'s drafts as the public would: active staff with the
    permission to change (or at least to view) that kind of content in the admin. Staff status
    alone shows nothing: a user the administrator gave no permission sees what the public sees."""
    if request is None:  # the public as such (a release freezes what it sees)
        return False
    user = getattr(request, "user", None)
    if not (
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and user is not None
        and user.is_authenticated
        and user.is_staff
        and user.is_active
    ):
        return False
    options = model._meta
    return any(
        user.has_perm(f"{options.app_label}.{get_permission_codename(action, options)}")
        for action in ("change", "view")
    )
