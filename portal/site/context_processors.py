"""What every public page's frame needs: the same page in each language, and the editor pages."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info

from .selectors import navigation_pages


def path_in_language(path, code):
    """`/ru/indicators/x/?a=1` in `kk` -> `/kk/indicators/x/?a=1` (public URLs differ only by the prefix)."""
    codes = {language for language, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    rest = parts[2] if len(parts) > 2 and parts[1] in codes else path.lstrip("/")
    return f"/{code}/{rest}"


def portal_frame(request):
    if request is None or request.path.startswith("/admin/"):
        return {}
    current = get_language()
    # From the parsed query, not the raw one, so every URL comes out percent-encoded UTF-8.
    path = request.path + ("?" + request.GET.urlencode() if request.GET else "")
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": path_in_language(path, code),
            "absolute_url": request.build_absolute_uri(path_in_language(path, code)),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"language_links": languages, "navigation_pages": navigation_pages}
