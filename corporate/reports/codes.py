"""Report numbers and verification codes as the lookup compares them, and the signed token of
a report's QR code.

The code is stored as an HMAC-SHA256 of (number, code) under a server-side key
(``settings.REPORTS_CODE_SECRET``, default SECRET_KEY), not as a slow password hash: a LIMS
import writes tens of thousands of codes at once (a password hash costs ~0.1 s each), and a
keyed hash cannot be brute-forced from a stolen database without the key. Comparison is in
constant time, and an unknown number is compared against a dummy hash, so a wrong code and
an unknown number take the same time."""

import json
import re
import unicodedata

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

HASH_SALT = "corporate.reports.verification-code"
TOKEN_SALT = "corporate.reports.qr"
DUMMY_HASH = "0" * 64
TOKEN_DIGEST_LENGTH = 16
MAX_NUMBER_LENGTH = 40
MAX_CODE_LENGTH = 40
SIGNATURE_LENGTH = 43  # URL-safe base64 of an HMAC-SHA256, unpadded
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")


def normalise_number(number):
    """Full-width forms folded, spaces trimmed, Latin letters upper-case (gp-2025-0001 and
    ＧＰ-2025-0001 are GP-2025-0001)."""
    return " ".join(unicodedata.normalize("NFKC", str(number or "")).split()).upper()


def normalise_code(code):
    """Codes are read off paper: case, spaces and dashes do not count."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", str(code or ""))).upper()


def _secret():
    return getattr(settings, "REPORTS_CODE_SECRET", "") or settings.SECRET_KEY


def hash_code(number, code):
    value = f"{normalise_number(number)}\n{normalise_code(code)}"
    return salted_hmac(HASH_SALT, value, secret=_secret(), algorithm="sha256").hexdigest()


def code_matches(stored_hash, number, code):
    """Whether ``code`` is the code of report ``number``; ``stored_hash`` None (no such report)
    is compared against a dummy, so both answers take the same work."""
    candidate = hash_code(number, code)
    matches = constant_time_compare(candidate, stored_hash or DUMMY_HASH)
    return matches and stored_hash is not None


def _signer():
    return signing.Signer(salt=TOKEN_SALT, algorithm="sha256")


def make_token(report):
    """The QR code's token: the report number and a digest of its code hash, signed with
    django.core.signing's HMAC. Only URL-safe base64 characters, no separator (Wagtail's page
    addresses allow letters, digits, ``_`` and ``-`` only): the signature is the fixed-length
    tail. Issuing a new code makes older QR codes invalid."""
    data = json.dumps(
        [report.number, report.code_hash[:TOKEN_DIGEST_LENGTH]], separators=(",", ":")
    )
    payload = signing.b64_encode(data.encode()).decode()
    return payload + _signer().signature(payload)


def read_token(token):
    """(number, digest) from a token, or None when it was not signed by us."""
    token = str(token or "")
    if len(token) <= SIGNATURE_LENGTH or len(token) > 400 or not TOKEN_RE.fullmatch(token):
        return None
    payload, signature = token[:-SIGNATURE_LENGTH], token[-SIGNATURE_LENGTH:]
    if not constant_time_compare(signature, _signer().signature(payload)):
        return None
    try:
        number, digest = json.loads(signing.b64_decode(payload.encode()))
    except (ValueError, TypeError):
        return None
    if not isinstance(number, str) or not isinstance(digest, str):
        return None
    return number, digest


def token_matches(report, digest):
    stored = report.code_hash[:TOKEN_DIGEST_LENGTH] if report else DUMMY_HASH[:TOKEN_DIGEST_LENGTH]
    return constant_time_compare(stored, digest) and report is not None
