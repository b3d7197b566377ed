"""The test suite, grouped by the layer each test exercises.

core/        portal's core: regions, references, institutions, pages, numbers, languages, citations, the admin
indicators/  themes, indicators, observations, periods, derivation, the observation import
swot/        SWOT analyses and their items
site/        the public pages (portal/site/): views, search, figures, formatting, the browser
api/         the REST API (portal/api/)
datasets/    the downloads (portal/datasets/)
ops/         caching, the page cache, resilience, health, logs, backup, security, production
support/     helpers the tests share (factories, processes, snapshots…); fixtures stay in conftest.py
data/        files the tests read or compare with, referenced by path
"""
