"""The read-only JSON API at /api/v1/ (Django REST framework, schema by drf-spectacular)."""
