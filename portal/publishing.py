"""What the public may see: published content only, unless an editor previews a draft."""

PREVIEW_PARAMETER = "preview"


def can_preview(request):
    """An editor (staff with a change permission) adding ?preview=1 sees drafts as the public would."""
    user = getattr(request, "user", None)
    return bool(
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and user is not None
        and user.is_authenticated
        and user.is_staff
        and user.is_active
    )


def visible(queryset, request=None):
    """`queryset.published()`, or everything for an editor's preview."""
    if request is not None and can_preview(request):
        return queryset
    return queryset.published()
