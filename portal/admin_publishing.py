"""Draft or published: admin actions (through portal.services.content_publish), and a link to
see a draft as the public would."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .publishing import PREVIEW_PARAMETER
from .services import content_publish


class PublishingAdmin(admin.ModelAdmin):
    """For models with a `published` flag."""

    actions = ["publish", "unpublish"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "preview_link"]

    def view_on_site(self, obj):
        return f"{obj.get_absolute_url()}?{PREVIEW_PARAMETER}=1"

    @admin.display(description=_("on the site"))
    def preview_link(self, obj):
        label = _("view") if obj.published else _("preview draft")
        return format_html('<a href="{}?{}=1">{}</a>', obj.get_absolute_url(), PREVIEW_PARAMETER, label)

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish(self, request, queryset):
        count = content_publish(queryset, published=True)
        message = ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Unpublish selected (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = content_publish(queryset, published=False)
        message = ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", count) % {
            "count": count
        }
        self.message_user(request, message, messages.SUCCESS)
