"""Tests of operations (portal/ops/): caching, the page cache, resilience, health, logs, backup, security."""
