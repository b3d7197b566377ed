"""SECURITY.md names the tests that show each requirement: every one it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_security_md_names_exists():
    named = set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", (ROOT / "SECURITY.md").read_text()))
    assert len(named) > 20
    for path, function in named:
        assert (ROOT / path).exists(), path
        if function:
            assert re.search(rf"^def {function}\(", (ROOT / path).read_text(), re.MULTILINE), f"{path}::{function}"
