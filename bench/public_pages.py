"""Requests per second of the public pages against a trivial Django view, in one gunicorn server.

    .venv/bin/pip install -e '.[bench]'      # gunicorn
    .venv/bin/python bench/public_pages.py    # or: --seconds 10 --connections 32 --workers 2

Serves the portal with gunicorn (debug off, sync workers) on 127.0.0.1:8350, loads the
demo data into the database first (SQLite file bench/public_pages.sqlite3 unless
DATABASE_URL is set), warms each page once, then lets wrk load each URL and prints
requests/s and the ratio to the trivial view. CACHE_URL=redis://127.0.0.1:6379/3 uses a
shared cache instead of each worker's own memory. Prints figures; asserts nothing.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = {
    "trivial view": "/bench/trivial/",
    "home (en)": "/en/",
    "home (kk)": "/kk/",
    "indicator page": "/ru/indicators/innovation_share/",
}


def environment(port):
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "sqlite:///" + str(ROOT / "bench" / "public_pages.sqlite3"))
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.public_pages_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    return env


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def requests_per_second(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8350)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    for tool in ("wrk",):
        if not shutil.which(tool):
            raise SystemExit("wrk is needed: apt-get install -y wrk")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("gunicorn is needed: .venv/bin/pip install -e '.[bench]'")
    env = environment(args.port)
    python = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(python + ["migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(python + ["compile_translations"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run(python + ["load_demo_data"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [str(gunicorn), "portal.wsgi:application", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
         "--worker-class", "sync", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_for(base + PATHS["trivial view"])
        for path in PATHS.values():  # fill each worker's cache and start vl-convert
            for _ in range(args.workers * 4):
                wait_for(base + path)
        print(f"gunicorn, {args.workers} sync workers, debug off, database {env['DATABASE_URL'].split(':')[0]}, "
              f"cache {env.get('CACHE_URL') or 'local memory'}; wrk {args.connections} connections, {args.seconds} s per URL")
        results = {name: requests_per_second(base + path, args.seconds, args.connections) for name, path in PATHS.items()}
        trivial = results["trivial view"]
        for name, rate in results.items():
            print(f"{name:16} {rate:9.0f} requests/s   {rate / trivial:5.2f} x trivial")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
