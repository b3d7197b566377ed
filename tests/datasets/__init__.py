"""Tests of the downloads (portal/datasets/)."""
