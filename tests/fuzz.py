"""A bounded fuzz run over the public site: every public URL pattern and the inquiry form's POST,
with odd paths, query strings, headers, bodies and charsets. Nothing may answer 5xx.

    make fuzz                      # builds the demo in a temporary SQLite file, serves it with
                                   # gunicorn on a free port, sends 3000 requests
    python -m tests.fuzz --url http://127.0.0.1:8000 --requests 5000 --seed 7

``tests/test_fuzz.py`` runs a few hundred of the same requests in the test suite (Django's test
client against the demo site). The run prints the count of each status code and every 5xx.

URLs come from the site itself (the home pages, the sitemap, the links of the pages it finds)
and from Django's URL patterns (routes nothing links to: search suggestions, robots.txt, the
sitemap sections, documents); each is then sent with its path segments and query replaced by
hostile values."""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]

NASTY = [
    "",
    "0",
    "-1",
    "1",
    "9999",
    "10000",
    "99999999999999999999999",
    "1e9",
    "0x10",
    "NaN",
    " ",
    "%00",
    "%ff%fe",
    "%c0%af",
    "..%2f..%2fetc%2fpasswd",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"',
    "\\",
    "土壤检测",
    "🧪" * 10,
    "a" * 300,
    "土" * 200,
    "%E5%9C%9F",
    "%",
    "%%",
    "?",
    "#",
    "null",
    "undefined",
    "GB36600",
    "HJ 168-2020",
    "\u202e",
    "\u3000",
]
QUERY_KEYS = ["page", "q", "service", "thanks", "lang", "format", "next", "id", "year", "tag"]
ACCEPT_LANGUAGES = ["zh-CN", "en", "de-DE,de;q=0.9", "*", "x" * 200, "zh-Hans-CN;q=abc", ""]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=bogus",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "application/json",
    "text/plain",
    "",
]
FORM_FIELDS = ["name", "company", "phone", "email", "service", "sample_type", "location"]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.forms = []
        self.csrf = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append(attrs.get("action") or "")
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = attrs.get("value")


# -- transports ----------------------------------------------------------------------------


class HttpTransport:
    """A served site, over HTTP (``requests``)."""

    def __init__(self, base_url, timeout=30):
        import requests

        self.base = base_url.rstrip("/")
        self.session = requests.Session()
        self.timeout = timeout

    def get_text(self, path):
        response = self.session.get(self.base + path, timeout=self.timeout)
        return response.status_code, response.text

    def send(self, method, path, headers=None, body=None, content_type=None):
        headers = dict(headers or {})
        if content_type is not None:
            headers["Content-Type"] = content_type
        headers.setdefault("Referer", self.base + "/")
        response = self.session.request(
            method,
            self.base + path,
            headers=headers,
            data=body,
            timeout=self.timeout,
            allow_redirects=False,
        )
        return response.status_code, response.text[:2000]

    def csrf_cookie(self):
        return self.session.cookies.get("csrftoken")


class ClientTransport:
    """Django's test client, in the test's process (CSRF checks on, as in production)."""

    def __init__(self, client):
        self.client = client

    def get_text(self, path):
        response = self.client.get(path)
        return response.status_code, response.content.decode("utf-8", "replace")

    def send(self, method, path, headers=None, body=None, content_type=None):
        extra = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in (headers or {}).items()
        }
        if content_type is not None:
            extra["content_type"] = content_type
        response = self.client.generic(method, path, body or b"", **extra)
        content = getattr(response, "content", b"")
        return response.status_code, content[:2000].decode("utf-8", "replace")

    def csrf_cookie(self):
        cookie = self.client.cookies.get("csrftoken")
        return cookie.value if cookie else None


# -- the run -------------------------------------------------------------------------------


def pattern_paths():
    """Public routes from Django's URL patterns that pages may not link to."""
    return [
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-zh-hans.xml",
        "/sitemap-en.xml",
        "/sitemap-xx.xml",
        "/en/sitemap.xml",
        "/search/",
        "/en/search/",
        "/search/suggest/",
        "/en/search/suggest/",
        "/documents/1/x.pdf",
        "/documents/99999999999999999999/x",
        "/news/year/2024/",
        "/news/year/0/",
        "/news/year/99999999999999999999/",
        "/news/category/x/",
        "/news/tag/x/",
        "/news/feed/",
        "/en/news/feed/",
        "/reports/verify/",
        "/en/reports/verify/",
    ]


class Fuzzer:
    def __init__(self, transport, seed=1, budget=300, max_urls=150):
        self.transport = transport
        self.random = random.Random(seed)
        self.budget = budget
        self.max_urls = max_urls
        self.statuses = collections.Counter()
        self.failures = []
        self.sent = 0
        self.urls = []
        self.forms = []

    # discovery

    def _same_site(self, href, base_path):
        if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            return None
        parts = urlsplit(urljoin("http://site" + base_path, href))
        if parts.netloc != "site" or parts.path.startswith(("/admin", "/static", "/media")):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def discover(self):
        queue = ["/", "/en/"]
        for sitemap in ("/sitemap.xml", "/sitemap-zh-hans.xml", "/sitemap-en.xml"):
            status, text = self.transport.get_text(sitemap)
            if status == 200:
                for loc in re.findall(r"<loc>([^<]+)</loc>", text):
                    path = urlsplit(loc).path
                    if path and not path.endswith(".xml"):
                        queue.append(path)
        seen = set()
        while queue and len(self.urls) < self.max_urls:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            status, text = self.transport.get_text(path)
            self.count("GET", path, status, text)
            if status != 200:
                continue
            self.urls.append(path)
            parser = LinkParser()
            parser.feed(text)
            for href in parser.links:
                found = self._same_site(href, path)
                if found and found not in seen:
                    queue.append(found)
            for action in parser.forms:
                target = self._same_site(action or path, path) or path
                if "/search" not in target and target.split("#")[0] not in self.forms:
                    self.forms.append(target.split("#")[0].split("?")[0])
        for path in pattern_paths():
            if path not in self.urls:
                self.urls.append(path)

    # cases

    def nasty(self):
        return self.random.choice(NASTY)

    def mutated_path(self, path):
        base, _sep, _query = path.partition("?")
        segments = [s for s in base.split("/") if s]
        if segments and self.random.random() < 0.7:
            index = self.random.randrange(len(segments))
            segments[index] = quote(self.nasty(), safe="%") or "x"
        new = "/" + "/".join(segments) + ("/" if base.endswith("/") else "")
        if self.random.random() < 0.6:
            pairs = [
                (self.random.choice(QUERY_KEYS), self.nasty())
                for _ in range(self.random.randint(1, 3))
            ]
            new += "?" + urlencode(pairs)
        return new

    def headers(self):
        headers = {}
        if self.random.random() < 0.4:
            headers["Accept-Language"] = self.random.choice(ACCEPT_LANGUAGES)
        if self.random.random() < 0.1:
            headers["Accept"] = self.random.choice(["application/json", "*/*", "text/html;q=x"])
        return headers

    def form_body(self, token):
        data = [
            ("name", "张三"),
            ("company", "示例公司"),
            ("phone", "138 1234 5678"),
            ("email", "zhang@example.com"),
            ("service", "other"),
            ("sample_type", "其他"),
            ("message", "检测需求"),
            ("consent", "on"),
        ]
        for _ in range(self.random.randint(1, 4)):
            choice = self.random.random()
            field = self.random.choice(FORM_FIELDS + ["message", "consent", "contact_website"])
            if choice < 0.4:
                data = [(k, v) for k, v in data if k != field]
            elif choice < 0.8:
                data.append((field, self.nasty()))
            else:
                data = [(k, self.nasty() if k == field else v) for k, v in data]
        if token and self.random.random() < 0.9:
            data.append(("csrfmiddlewaretoken", token))
        body = urlencode(data).encode()
        roll = self.random.random()
        if roll < 0.1:
            body += b"&name=%FF%FE%C0%AF"
        elif roll < 0.15:
            body = bytes(self.random.randrange(256) for _ in range(self.random.randint(0, 400)))
        return body

    def post_form(self, path):
        status, text = self.transport.get_text(path)
        parser = LinkParser()
        parser.feed(text)
        token = parser.csrf
        content_type = (
            CONTENT_TYPES[0] if self.random.random() < 0.6 else self.random.choice(CONTENT_TYPES)
        )
        headers = self.headers()
        status, body = self.transport.send(
            "POST", path, headers, self.form_body(token), content_type
        )
        self.count("POST", path, status, body, content_type)

    def one(self):
        roll = self.random.random()
        if self.forms and roll < 0.3:
            self.post_form(self.random.choice(self.forms))
            return
        path = self.random.choice(self.urls)
        if roll < 0.4:
            method = self.random.choice(["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "POST"])
        else:
            method = "GET"
        if self.random.random() < 0.8:
            path = self.mutated_path(path)
        status, body = self.transport.send(method, path, self.headers())
        self.count(method, path, status, body)

    def count(self, method, path, status, body, content_type=None):
        self.sent += 1
        self.statuses[status] += 1
        if status >= 500:
            self.failures.append((method, path, status, content_type, body[:300]))

    def run(self):
        self.discover()
        while self.sent < self.budget:
            self.one()
        return self

    def report(self):
        lines = [
            f"fuzz: {self.sent} requests, {len(self.urls)} URLs, {len(self.forms)} forms",
            "status counts: "
            + ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items())),
        ]
        for failure in self.failures[:50]:
            method, path, status, content_type, body = failure
            lines.append(f"5xx: {method} {path} -> {status} ({content_type}) {body!r}")
        return "\n".join(lines)


# -- make fuzz: serve the demo and fuzz it ----------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_demo(workdir):
    """Migrate and build the demo in a temporary SQLite file; serve it with gunicorn."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "corporate.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'fuzz.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "0",
        "INQUIRY_RATE_LIMIT_COUNT": "1000000",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    python = sys.executable
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["build_demo_site", "-v0", "--no-traditional"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "corporate.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--no-control-socket",
            "--log-level",
            "warning",
            "--env",
            "DJANGO_SETTINGS_MODULE=corporate.settings.dev",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("FUZZ_URL"), help="a served site")
    parser.add_argument("--requests", type=int, default=int(os.environ.get("FUZZ_REQUESTS", 3000)))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", 1)))
    args = parser.parse_args(argv)
    server = workdir = None
    url = args.url
    if not url:
        workdir = Path(tempfile.mkdtemp(prefix="guoping-fuzz-"))
        print(f"fuzz: building the demo site in {workdir} …", flush=True)
        server, url = serve_demo(workdir)
    try:
        started = time.monotonic()
        fuzzer = Fuzzer(HttpTransport(url), seed=args.seed, budget=args.requests).run()
        print(fuzzer.report())
        print(f"fuzz: {time.monotonic() - started:.0f} s against {url}")
        return 1 if fuzzer.failures else 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
