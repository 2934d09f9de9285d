"""deploy/nginx as `make serve` renders it, run as a real nginx (Debian's package) on 127.0.0.1
in front of a small recording upstream: the headers the app may trust, body limits and
buffering, static and media files, and no version banner."""

import gzip
import http.server
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")


def load_serve():
    spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder(http.server.BaseHTTPRequestHandler):
    seen = []

    def version_string(self):
        return "gunicorn"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        type(self).seen.append(
            {
                "path": self.path,
                "headers": dict(self.headers),
                "length": len(body),
                "at": time.monotonic(),
            }
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = handle_any


@pytest.fixture(scope="module")
def nginx():
    # Readable by nginx's worker user (www-data when started as root), unlike pytest's tmp.
    tmp = Path(tempfile.mkdtemp(prefix="guoping-nginx-"))
    tmp.chmod(0o755)
    static, media = tmp / "static", tmp / "media"
    (static / "corporate").mkdir(parents=True)
    (media / "documents").mkdir(parents=True)
    css = b"body{color:#17242d}" * 200
    (static / "corporate" / "site.0123456789ab.css").write_bytes(css)
    (static / "corporate" / "site.0123456789ab.css.gz").write_bytes(gzip.compress(css))
    (media / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 private")
    (media / "photo.txt").write_bytes(b"media file")

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()

    serve = load_serve()
    port = free_port()
    saved = {k: os.environ.get(k) for k in ("STATIC_ROOT", "MEDIA_ROOT")}
    os.environ["STATIC_ROOT"], os.environ["MEDIA_ROOT"] = str(static), str(media)
    try:
        conf = serve.render_nginx(
            tmp, tmp, tmp, f"127.0.0.1:{port}", f"127.0.0.1:{upstream.server_address[1]}"
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log"), "-g", "daemon off;"]
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    upstream.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


def last_request():
    return Recorder.seen[-1]


def test_client_forwarded_headers_are_replaced_and_no_banner(nginx):
    response = requests.get(
        nginx + "/en/",
        headers={
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "6.6.6.6",
            "X-Forwarded-Host": "evil.example",
            "X-Real-IP": "6.6.6.6",
        },
        timeout=5,
    )
    assert response.status_code == 200
    headers = last_request()["headers"]
    assert headers["X-Forwarded-Proto"] == "http"
    assert headers["X-Forwarded-For"] == "127.0.0.1"
    assert headers["X-Real-IP"] == "127.0.0.1"
    assert "X-Forwarded-Host" not in headers
    assert response.headers["Server"] == "nginx"  # no version, and not gunicorn's


def test_public_bodies_are_limited_to_1_mb_and_admin_uploads_to_the_upload_limit(nginx):
    before = len(Recorder.seen)
    response = requests.post(nginx + "/contact/", data=b"x" * (2 * 1024 * 1024), timeout=10)
    assert response.status_code == 413
    assert "您发送的内容过大" in response.content.decode() and "too large" in response.text
    assert len(Recorder.seen) == before  # the app never saw it
    response = requests.post(
        nginx + "/admin/images/multiple/add/", data=b"x" * (9 * 1024 * 1024), timeout=20
    )
    assert response.status_code == 200
    assert last_request()["length"] == 9 * 1024 * 1024


def test_a_slow_body_is_buffered_by_nginx_before_the_app_sees_it(nginx):
    host, port = nginx.removeprefix("http://").split(":")
    body = b"name=slow&message=" + b"x" * 982
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(
            b"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        for start in range(0, len(body), 250):  # four pieces, half a second apart
            time.sleep(0.5)
            conn.sendall(body[start : start + 250])
        last_piece_sent = time.monotonic()
        assert b"200 OK" in conn.recv(4096)
    seen = last_request()
    assert seen["length"] == len(body)
    # The app got the request only once it was whole: its worker did not wait for the client.
    assert seen["at"] >= last_piece_sent - 0.01


def test_static_files_are_served_compressed_and_cached_forever_media_without_documents(nginx):
    response = requests.get(
        nginx + "/static/corporate/site.0123456789ab.css",
        headers={"Accept-Encoding": "gzip"},
        timeout=5,
        stream=True,
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert requests.get(nginx + "/media/photo.txt", timeout=5).text == "media file"
    # Documents are served by Wagtail, which checks their privacy: never straight from disk.
    assert requests.get(nginx + "/media/documents/private.pdf", timeout=5).status_code == 404
