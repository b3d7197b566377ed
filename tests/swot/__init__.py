"""Tests of the swot app: SWOT analyses and their items."""
