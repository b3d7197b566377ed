"""Helpers the tests share; the fixtures themselves are in tests/conftest.py."""
