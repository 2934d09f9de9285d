"""Production hardening as a visitor, an attacker and an operator meet it: the
Content-Security-Policy and Permissions-Policy headers, no second login at /django-admin/, the
body-size limit, the admin sign-in lock-out (django-axes), the proxy header trusted only behind
nginx, and `manage.py check --deploy` clean with .env.example's environment."""

import base64
import hashlib
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, ngettext

from corporate.inquiries.models import InquirySubmission
from tests.helpers import build_inquiry_site, valid_data

ROOT = Path(__file__).resolve().parents[1]
INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.S)


def policy(response, header="Content-Security-Policy"):
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def inline_elements(html):
    """(tag, body) of inline scripts and styles a browser would run; JSON data blocks are not."""
    for tag, attrs, body in INLINE.findall(html):
        attrs = attrs or ""
        if "src=" in attrs:
            continue
        if tag == "script" and re.search(r'type="(application/(ld\+)?json|text/template)"', attrs):
            continue
        yield tag, body


@pytest.fixture
def tree(db):
    return build_inquiry_site()


def test_public_pages_carry_a_strict_policy_that_allows_their_own_inline_code(tree, client):
    for key in ("home", "about", "service", "contact", "contact_en", "service_en"):
        response = client.get(tree[key].url if key in tree else "/")
        assert response.status_code == 200, key
        csp = policy(response)
        assert (
            "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        )
        assert "'unsafe-inline'" not in csp["style-src"]
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
        html = response.content.decode()
        for tag, body in inline_elements(html):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            allowed = csp["script-src" if tag == "script" else "style-src"]
            assert f"'sha256-{digest}'" in allowed, f"{key}: inline <{tag}> not allowed by CSP"
        permissions = response["Permissions-Policy"]
        assert "camera=()" in permissions and "geolocation=()" in permissions
        assert "clipboard-write=(self)" in permissions  # the news pages' "copy link"


def test_the_admin_gets_its_own_policy(tree, admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]  # Wagtail's and wagtail-localize's templates
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]


def test_the_django_admin_is_not_a_second_login(client, db):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def test_an_inquiry_with_a_large_file_part_is_refused_with_413(tree, client):
    boundary = "----guoping"
    fields = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in valid_data().items()
    )
    body = (
        (
            fields
            + f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + b"\0" * (3 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.generic(
        "POST", tree["contact"].url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert gettext("What you sent is too large").split(" (")[0][:20] in response.content.decode()
    assert InquirySubmission.objects.count() == 0


def login(client, username, password):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        REMOTE_ADDR="203.0.113.7",
    )


def test_repeated_wrong_admin_passwords_lock_the_user_at_that_address(db, settings, caplog):
    settings.AXES_FAILURE_LIMIT = 5
    get_user_model().objects.create_user(
        "editor", "editor@example.com", "right-password-1", is_staff=True
    )
    get_user_model().objects.create_superuser("boss", "boss@example.com", "boss-password-1")
    client = Client()
    caplog.set_level(logging.WARNING)
    for _attempt in range(4):
        assert login(client, "editor", "wrong").status_code == 200  # the form again, with an error
    response = login(client, "editor", "wrong")
    assert response.status_code == 429
    # The right password no longer gets in from this address ...
    response = login(client, "editor", "right-password-1")
    assert response.status_code == 429
    html = response.content.decode()
    with translation.override("en"):
        assert gettext("Sign-in locked") in html
        assert (
            ngettext(
                "Try again in %(counter)s minute, or ask an administrator to unlock it.",
                "Try again in %(counter)s minutes, or ask an administrator to unlock it.",
                60,
            )
            % {"counter": 60}
            in html
        )
    assert "_auth_user_id" not in client.session
    assert any(
        "locked out" in r.getMessage() and "editor" in r.getMessage() for r in caplog.records
    )
    # ... another user from the same address is not affected.
    assert AccessAttempt.objects.filter(username="editor", ip_address="203.0.113.7").exists()

    # An administrator unlocks it under Settings > Sign-in lock-outs.
    boss = Client()
    boss.force_login(get_user_model().objects.get(username="boss"))
    listing = boss.get("/admin/signin_lockouts/", HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200 and "203.0.113.7" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="editor")
    response = boss.post(f"/admin/signin_lockouts/delete/{attempt.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert login(client, "editor", "right-password-1").status_code == 302  # signed in
    # Editors cannot see or clear lock-outs.
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="editor"))
    assert editor.get("/admin/signin_lockouts/").status_code in (302, 403)


def run_settings(code, **env):
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    for key in ("BEHIND_PROXY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"):
        base.pop(key, None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; " + code,
        ],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "corporate.settings.production",
            "SECRET_KEY": "s" * 60,
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_forwarded_proto_is_trusted_only_behind_the_proxy_and_hsts_covers_subdomains():
    assert run_settings("print(settings.SECURE_PROXY_SSL_HEADER)") == "None"
    assert (
        run_settings("print(settings.SECURE_PROXY_SSL_HEADER)", BEHIND_PROXY="true")
        == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert (
        run_settings("print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS)")
        == "31536000 True"
    )


def test_check_deploy_is_clean_with_the_documented_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    env["SECRET_KEY"] = "k" + hashlib.sha256(b"check-deploy").hexdigest()
    env["DJANGO_SETTINGS_MODULE"] = "corporate.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
