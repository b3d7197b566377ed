"""Tests of portal's core: regions, references, institutions, pages, numbers, languages, citations, the admin."""
