"""Peak memory of the observation import on each hostile file of the abuse suite.

    .venv/bin/python bench/import_abuse.py            # the database of DATABASE_URL (SQLite by default)

Writes the files of tests/data/make_hostile_files.py into a temporary folder, then takes each
through `manage.py import_observations` in a process of its own and prints the file's size,
the process's peak memory (RSS, from the kernel's accounting of the finished child), the time
and the first line of the refusal. The promise: every file is refused (or read) under 300 MB.
Not a test: nothing here fails on a timing.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 300


def run(path):
    """(exit code, output, peak MB, seconds) of the command on `path`, in a process of its own."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_observations", str(path), "--language=en"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        _pid, status, usage = os.wait4(process.pid, 0)  # the child's own accounting, peak RSS included
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    return process.returncode, text, usage.ru_maxrss / 1024, time.monotonic() - started


def main():
    with tempfile.TemporaryDirectory() as folder:
        # Made by another process: a child's peak memory starts from its parent's size when it is forked,
        # so this one stays small (no Django, no file in memory).
        listing = subprocess.run(
            [sys.executable, "tests/data/make_hostile_files.py", folder], cwd=ROOT, capture_output=True, text=True
        )
        files = {line.split()[-1]: Path(folder) / line.split()[-1] for line in listing.stdout.splitlines()}
        empty = Path(folder) / "empty.csv"
        empty.write_bytes(b"")  # the baseline: Django, the apps and the libraries loaded
        print(f"{'file':34} {'size':>12} {'peak MB':>8} {'seconds':>8}  answer")
        worst = 0
        for name, path in {"(baseline) empty.csv": empty, **files}.items():
            code, text, peak, elapsed = run(path)
            worst = max(worst, peak)
            message = (text.strip().splitlines() or [""])[-1][:70]
            answer = "refused" if code else "read"
            print(f"{name:34} {path.stat().st_size:>12,} {peak:>8.0f} {elapsed:>8.2f}  {answer}: {message}")
        print(f"largest peak: {worst:.0f} MB (promise: under {LIMIT_MB} MB); hostile files: {len(files)}")


if __name__ == "__main__":
    main()
