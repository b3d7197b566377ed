"""Draft or published: admin actions, and a link to see a draft as the public would."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .publishing import PREVIEW_PARAMETER

# Public page of each kind of content: URL name and the field its URL is keyed by.
PUBLIC_URLS = {
    "indicators.indicator": ("indicator", "code"),
    "portal.institution": ("institution", "slug"),
    "portal.page": ("page", "slug"),
    "swot.analysis": ("swot_analysis", "slug"),
}


def public_url(obj):
    """The public page of `obj`, or None while that page does not exist (yet)."""
    name, field = PUBLIC_URLS.get(obj._meta.label_lower, (None, None))
    if not name:
        return None
    try:
        return reverse(name, kwargs={field: getattr(obj, field)})
    except NoReverseMatch:
        return None


class PublishingAdmin(admin.ModelAdmin):
    """For models with a `published` flag."""

    actions = ["publish", "unpublish"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "preview_link"]

    def view_on_site(self, obj):
        url = public_url(obj)
        return f"{url}?{PREVIEW_PARAMETER}=1" if url else None

    @admin.display(description=_("on the site"))
    def preview_link(self, obj):
        url = public_url(obj)
        if not url:
            return "—"
        label = _("view") if obj.published else _("preview draft")
        return format_html('<a href="{}?{}=1">{}</a>', url, PREVIEW_PARAMETER, label)

    def set_published(self, request, queryset, published):
        # Saved one by one (not QuerySet.update) so each change is in the history, with
        # the reason, and the save signal drops cached public pages.
        changed = [obj for obj in queryset if obj.published != published]
        for obj in changed:
            obj.published = published
            obj._change_reason = "published" if published else "unpublished"
            obj.save(update_fields=["published"])
        return len(changed)

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish(self, request, queryset):
        count = self.set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self.set_published(request, queryset, False)
        self.message_user(
            request,
            ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", count)
            % {"count": count},
            messages.SUCCESS,
        )
