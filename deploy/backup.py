"""`make backup` / `make restore FILE=…`: the database and the media files, together.

backup: BACKUP_DIR/<UTC timestamp>/ (BACKUP_DIR defaults to backups/) with
  db.dump        pg_dump -Fc of DATABASE_URL (custom format: pg_restore can pick and reorder)
  media.tar.gz   MEDIA_ROOT (images, renditions, documents)
  SHA256SUMS     checksums of both, `sha256sum -c SHA256SUMS` checks them by hand
restore FILE: FILE is such a directory (or a file in it). The checksums are checked, then the
dump is restored into DATABASE_URL, which must be empty (it is created when missing), and the
media into MEDIA_ROOT, which must be empty too: a restore never mixes two sites.

Environment (os.environ, then .env as `make serve` reads it): DATABASE_URL, MEDIA_ROOT,
BACKUP_DIR."""

import datetime
import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import ROOT, load_environment, say  # noqa: E402

FILES = ("db.dump", "media.tar.gz")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup():
    target = Path(os.environ.get("BACKUP_DIR", ROOT / "backups"))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%SZ")
    out = target / stamp
    out.mkdir(parents=True, exist_ok=False)
    out.chmod(0o700)  # the dump holds inquiries: personal data
    subprocess.run(
        ["pg_dump", "--format=custom", "--file", str(out / "db.dump"), os.environ["DATABASE_URL"]],
        check=True,
    )
    media = Path(os.environ["MEDIA_ROOT"])
    with tarfile.open(out / "media.tar.gz", "w:gz") as tar:
        if media.is_dir():
            for child in sorted(media.iterdir()):
                tar.add(child, arcname=child.name)
    (out / "SHA256SUMS").write_text(
        "".join(f"{sha256(out / name)}  {name}\n" for name in FILES), encoding="utf-8"
    )
    say(f"backup written to {out}")
    print(out)
    return out


def verify(directory):
    sums = directory / "SHA256SUMS"
    if not sums.exists():
        raise SystemExit(f"{sums} is missing: not a backup made by `make backup`")
    for line in sums.read_text(encoding="utf-8").splitlines():
        expected, name = line.split(None, 1)
        if sha256(directory / name.strip()) != expected:
            raise SystemExit(f"{directory / name.strip()} does not match its checksum")


def psql(url, sql):
    return subprocess.run(
        ["psql", url, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def ensure_empty_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    if not psql(admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        psql(admin_url, f'CREATE DATABASE "{name}"')
        return
    tables = int(
        psql(
            url,
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
        )
    )
    if tables:
        raise SystemExit(
            f"the database {name} is not empty ({tables} tables): restore into a new database "
            "(set DATABASE_URL) or drop this one first"
        )


def restore(file):
    if not file:
        raise SystemExit("say which backup: make restore FILE=backups/<timestamp>")
    directory = Path(file)
    directory = directory if directory.is_dir() else directory.parent
    verify(directory)
    media = Path(os.environ["MEDIA_ROOT"])
    if media.exists() and any(media.iterdir()):
        raise SystemExit(f"MEDIA_ROOT {media} is not empty: restore into an empty directory")
    url = os.environ["DATABASE_URL"]
    ensure_empty_database(url)
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            url,
            str(directory / "db.dump"),
        ],
        check=True,
    )
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media, filter="data")
    say(f"restored {directory} into {urlsplit(url).path.lstrip('/')} and {media}")


def main(argv):
    load_environment(create=False)
    if len(argv) >= 2 and argv[1] == "backup":
        backup()
        return 0
    if len(argv) >= 2 and argv[1] == "restore":
        restore(argv[2] if len(argv) > 2 else "")
        return 0
    raise SystemExit("usage: backup.py backup | restore DIR")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
