"""Releases in the admin: an editor announces one (version, date, notes), and one with the
permission "publish release" publishes it, which freezes the public data for good."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Release
from .services import publish_fits_a_request, release_publish


@admin.register(Release)
class ReleaseAdmin(TabbedTranslationAdmin):
    list_display = ["version", "date", "number", "published_at", "files_link"]
    readonly_fields = ["number", "published_at", "published_by"]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:  # a published release is never changed
            return ["version", "date", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)

    def has_publish_permission(self, request):
        return request.user.has_perm("datasets.publish_release")

    @admin.display(description=_("files"))
    def files_link(self, obj):
        if not obj.is_published:
            return _("planned")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("files"))

    @admin.action(description=_("Publish selected releases (freezes the public data)"), permissions=["publish"])
    def publish(self, request, queryset):
        planned = list(queryset.filter(number__isnull=True).order_by("date", "version"))
        fits, count = publish_fits_a_request()
        if planned and not fits:
            commands = "; ".join(f"manage.py publish_release {release.version}" for release in planned)
            self.message_user(
                request,
                ngettext(
                    "Nothing was published: with %(count)d public observation, publishing takes longer than a web "
                    "request may. Ask an administrator to run on the server: %(commands)s",
                    "Nothing was published: with %(count)d public observations, publishing takes longer than a web "
                    "request may. Ask an administrator to run on the server: %(commands)s",
                    count,
                )
                % {"count": count, "commands": commands},
                messages.ERROR,
            )
            return
        published = 0
        for release in planned:
            release_publish(release=release, user=request.user)
            published += 1
        skipped = queryset.count() - published
        self.message_user(
            request,
            ngettext("%(count)d release published.", "%(count)d releases published.", published)
            % {"count": published},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d release was published already and stays as it is.",
                    "%(count)d releases were published already and stay as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
