"""Who may see drafts: an editor previewing them. What each model shows is its `objects.visible_to(request)`."""

PREVIEW_PARAMETER = "preview"


def can_preview(request):
    """An editor (staff with a change permission) adding ?preview=1 sees drafts as the public would."""
    if request is None:  # the public as such (a release freezes what it sees)
        return False
    user = getattr(request, "user", None)
    return bool(
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and user is not None
        and user.is_authenticated
        and user.is_staff
        and user.is_active
    )
