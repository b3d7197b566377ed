"""What every public page's frame needs: the same page in each language, and the editor pages."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.datasets import metadata
from portal.languages import language_self_name

from . import figures
from .selectors import navigation_pages, site_frame


def path_in_language(path, code):
    """`/ru/indicators/x/?a=1` in `kk` -> `/kk/indicators/x/?a=1` (public URLs differ only by the prefix)."""
    codes = {language for language, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    rest = parts[2] if len(parts) > 2 and parts[1] in codes else path.lstrip("/")
    return f"/{code}/{rest}"


def portal_frame(request):
    if request is None or request.path.startswith("/admin/"):
        return {}
    current = translation.get_language()
    # From the parsed query, not the raw one, so every URL comes out percent-encoded UTF-8.
    path = request.path + ("?" + request.GET.urlencode() if request.GET else "")
    languages = [
        {
            "code": code,
            "name": language_self_name(code),
            "url": path_in_language(path, code),
            "absolute_url": request.build_absolute_uri(path_in_language(path, code)),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
        "navigation_pages": navigation_pages,
        "site": SimpleLazyObject(lambda: site_context(request)),
    }


def site_context(request):
    """The frame's facts from the data: the portal's title naming its city, the footer's publisher, contact,
    licence and the latest data, and the preview picture for social networks."""
    frame = site_frame(request)
    return {
        **frame,
        "title": figures.site_title(frame["region"]),
        "publisher": metadata.publisher(),
        "licence": metadata.licence(),
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "preview_image": request.build_absolute_uri(reverse("preview_image")),
        "page_url": request.build_absolute_uri(request.path),
    }
