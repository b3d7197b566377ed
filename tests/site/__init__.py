"""Tests of the public site (portal/site/): pages, search, formatting, the browser."""
