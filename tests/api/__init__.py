"""Tests of the REST API (portal/api/)."""
