"""The sample deployment (deploy/) agrees with the portal: behind the sample nginx the client address
is the one nginx saw (not what the client wrote), nginx lets through every file the import accepts,
and compresses pages and data."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = (ROOT / "deploy" / "nginx.conf").read_text()


def sample_environment():
    lines = (ROOT / "deploy" / "portal.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_behind_the_sample_nginx_the_client_is_the_address_nginx_saw():
    # nginx appends the address it saw ($proxy_add_x_forwarded_for) and talks to gunicorn from 127.0.0.1.
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in NGINX
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from portal.ops.security import client_ip; "
        "print(client_ip(RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_FORWARDED_FOR='6.6.6.6, 203.0.113.7')))"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", **sample_environment()}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "203.0.113.7"  # not the forged 6.6.6.6, not nginx's 127.0.0.1


def test_nginx_lets_through_every_file_the_import_accepts(settings):
    [megabytes] = re.findall(r"client_max_body_size (\d+)m;", NGINX)
    assert int(megabytes) * 1024 * 1024 > settings.OBSERVATION_IMPORT_MAX_BYTES


def test_nginx_compresses_pages_styles_charts_and_data():
    assert re.search(r"^\s*gzip on;", NGINX, re.MULTILINE)
    types = re.search(r"gzip_types ([^;]+);", NGINX).group(1).split()  # text/html is always compressed
    assert {"text/css", "image/svg+xml", "text/csv", "application/json"} <= set(types)
