"""Load test of the production profile: 64 clients per URL, then the same for a trivial view.

    DATABASE_URL=postgres://… CACHE_URL=redis://… .venv/bin/python bench/load.py [URL_PATH …]

Prepares the database (migrations, the demo data, and 1,200 bench observations so that
the API's 1,000-row page has 1,000 rows; all three are no-ops when already done), then
starts gunicorn as `make serve` does (debug off, deploy/gunicorn.conf.py, whitenoise)
with bench/settings.py, which adds a trivial view at /bench/trivial/. Without
DATABASE_URL it uses the SQLite file bench/bench.sqlite3. `--base` measures a server
already running instead (it must serve /bench/trivial/ for the ratio).

For each path it runs wrk (Debian: apt-get install wrk) with --connections clients for
--duration seconds and prints requests/s, p50/p99 latency, errors, and the ratio of its
requests/s to the trivial view's. A path that does not answer 200 is skipped with a note.
No figure fails anything: read them.

The API against the cheapest way to serve the same rows (values() + json.dumps, bench-only):

    .venv/bin/python bench/load.py --reference '/bench/observations-values?limit=1000' \
        '/api/v1/observations/?page_size=1000'

`bench/seed_observations.py --remove` takes the bench observations away again.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    "/en/",
    "/ru/",
    "/en/indicators/innovation_share/",
    "/en/indicators/innovation_share/embed/",
    "/en/swot/",
    "/api/v1/observations/?page_size=1000",
    "/en/data/observations.csv",
]
TRIVIAL = "/bench/trivial/"


def production_environment(port):
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "sqlite:///" + str(ROOT / "bench" / "bench.sqlite3"))
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )
    env.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    # 64 clients from one address would meet the anonymous API throttle: measure serving, not 429s.
    env.setdefault("API_ANON_THROTTLE_RATE", "1000000/second")
    return env


def prepare(env):
    """Everything the measured pages need, each step a no-op when already done."""
    for command in (
        ["manage.py", "migrate", "--no-input"],
        ["manage.py", "compile_translations"],
        ["manage.py", "collectstatic", "--no-input"],
        ["manage.py", "load_demo_data"],
        ["bench/seed_observations.py"],
    ):
        subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True, capture_output=True)


def start_server(env, log_path):
    log = open(log_path, "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = "http://" + env["GUNICORN_BIND"]
    for _ in range(100):
        if status_of(base + "/healthz") == 200:
            return server
        time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start; see {log_path}")


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def duration_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, connections, seconds, threads):
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": duration_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": duration_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "paths", nargs="*", default=DEFAULT_PATHS, help="paths to load (default: the portal's main pages)"
    )
    parser.add_argument("--base", help="a running server, e.g. http://127.0.0.1:8600 (default: start one)")
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--duration", type=int, default=120, help="seconds per path (default 120)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--reference", default=TRIVIAL, help=f"path the ratios are taken against (default {TRIVIAL})")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    server = None
    base = args.base
    if not base:
        env = production_environment(args.port)
        prepare(env)
        log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"portal-bench-{args.port}.log"
        server = start_server(env, log_path)
        base = f"http://127.0.0.1:{args.port}"
        print(
            f"gunicorn started on {base} (debug off, {env['DATABASE_URL']}, "
            f"cache {env.get('CACHE_URL', 'local memory')}); log {log_path}"
        )
    try:
        print(
            f"{args.connections} clients, {args.duration} s per path, wrk with {args.threads} threads, "
            f"{os.cpu_count()} cores"
        )
        results = {}
        for path in [args.reference, *args.paths]:
            status = status_of(base + path)
            if status != 200:
                print(f"skipped {path}: it answers {status} here")
                continue
            for _ in range(8):  # warm every worker's page cache (local memory is per worker), as readers would
                status_of(base + path)
            results[path] = wrk(base + path, args.connections, args.duration, args.threads)
            time.sleep(2)  # let the queue of the last run drain before the next path
        reference = results.get(args.reference, {}).get("rps")
        print(
            f"\n{'path':48} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>7}   (ratio: req/s over "
            f"{args.reference}'s)"
        )
        for path, figures in results.items():
            ratio = f"{figures['rps'] / reference:.2f}" if reference else "-"
            print(
                f"{path:48} {figures['rps']:9.0f} {figures['p50']:8.1f} {figures['p99']:8.1f} {figures['errors']:7d} "
                f"{ratio:>7}"
            )
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
