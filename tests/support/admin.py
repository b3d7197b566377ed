"""Admin addresses the tests open."""

from django.urls import reverse


def change_url(obj, action="change"):
    """The admin page of `obj`: its change form, or with `action` its history, delete… page."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{action}", args=[obj.pk])
