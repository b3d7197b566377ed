"""Real processes for the production tests: manage.py commands, gunicorn servers,
and PostgreSQL / Redis servers of the test's own (never the shared ones, which
other work on this machine uses). Tests that need a missing binary are skipped."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-tests-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",  # the tests speak plain HTTP to gunicorn, as a proxy would
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",  # …and say "X-Forwarded-Proto: https" when the reader used HTTPS
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(**variables):
    """The current environment without Django, database and cache settings, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_", "GUNICORN_"))}
    env.update(variables)
    return env


def manage(*args, env, check=True, timeout=180):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def current_database_snapshot():
    """Every content row in every language (tests/support/snapshot.py) and every row of every
    table (history, users, admin log…), as JSON-comparable data."""
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import connection
    from django.utils import translation

    from tests.support.snapshot import content_snapshot

    with translation.override("en"):  # the untranslated name of a field shows the active language
        content = content_snapshot()
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT * FROM "{table}"')
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return json.loads(json.dumps({"content": content, "tables": tables}, cls=DjangoJSONEncoder, sort_keys=True))


def database_snapshot(database_url):
    """current_database_snapshot() of the database at `database_url`, read by another process."""
    code = (
        "import json; from tests.support.processes import current_database_snapshot; "
        "print(json.dumps(current_database_snapshot()))"
    )
    return json.loads(manage("shell", "--no-imports", "-c", code, env=environment(DATABASE_URL=database_url)).stdout)


def database_url(settings_dict):
    """A DATABASE_URL for another process to reach the same database."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict.get("PASSWORD") else ""
    host, port = settings_dict["HOST"] or "localhost", settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def demo_database_url(transactional_db, tmp_path):
    """The demo data in a database other processes can reach: the (committed) test
    database on PostgreSQL; on SQLite, where the test database lives in memory, a copy
    of it in a file."""
    from django.core.management import call_command
    from django.db import connection

    from portal.ops.backup import database_backup

    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    if connection.vendor == "sqlite":
        database_backup(tmp_path / "demo.sqlite3")
        return f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    return database_url(connection.settings_dict)


def http_get(url, headers=None, timeout=10):
    """(status, headers, body text) — error statuses are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def http_request(url, headers=None, data=None, content_type=None, timeout=20):
    """(status, headers, body text) of a GET, or of a POST when `data` is given; redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, data=data, headers={**(headers or {})})
    if content_type:
        request.add_header("Content-Type", content_type)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def wait_until(condition, timeout=30, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


def require(*programs):
    missing = [program for program in programs if not (shutil.which(program) or Path(program).exists())]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (not installed here)")


def _as_postgres_user():
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder on a free port, stopped and started at will."""

    def __init__(self, folder):
        require(str(PG_BIN / "initdb"), str(PG_BIN / "pg_ctl"))
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "portal")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def _run(self, *command):
        result = subprocess.run(
            [*_as_postgres_user(), *map(str, command)], capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            raise AssertionError(f"{command[0]} failed: {result.stdout}{result.stderr}")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} -c fsync=off"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def stop(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def close(self):
        subprocess.run(
            [*_as_postgres_user(), str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
        )


class ThrowawayRedis:
    """A Redis on a free port; `persistent` ones keep their data when stopped and started again
    (an append-only file in a folder of their own), as a production Redis often does."""

    def __init__(self, persistent=False):
        require("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.folder = tempfile.mkdtemp(prefix="portal-redis-") if persistent else None
        self.start()

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "yes", "--dir", self.folder] if self.folder else ["--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(
            lambda: socket.create_connection(("127.0.0.1", self.port), timeout=1).close() or True, message="redis"
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def close(self):
        self.stop()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


class Gunicorn:
    """The production profile (debug off, deploy/gunicorn.conf.py) on a free port."""

    def __init__(self, env, log_path, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")
        server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi:application"],
            cwd=ROOT, env=server_env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(lambda: self.get("/healthz")[0] == 200, message=f"gunicorn on {self.port} (log: {log_path})")

    def get(self, path, **kwargs):
        return http_get(self.base + path, **kwargs)

    def close(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class CeleryWorker(Gunicorn):
    """A Celery worker (`celery -A portal worker`) taking tasks from CELERY_BROKER_URL in `env`; it stops
    as a gunicorn server does."""

    def __init__(self, env, log_path):
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--without-heartbeat",
             "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(lambda: "ready" in Path(log_path).read_text(), message=f"celery worker (log: {log_path})")
