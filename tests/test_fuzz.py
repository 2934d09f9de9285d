"""Bad input never makes a 500: a body in another charset is a 400 (with a 400 page that does not
read the body again), impossible years in the news archive are 404s, and a few hundred fuzzed
requests over every public URL pattern and the inquiry form find no 5xx (tests/fuzz.py; `make
fuzz` sends thousands against a served site)."""

import pytest
from django.test import Client

from tests.fuzz import ClientTransport, Fuzzer

# Minutes in the suite: scheduled first, so that both processes end together (conftest).
pytestmark = [pytest.mark.django_db, pytest.mark.heavy(minutes=1)]

LATIN_1 = "application/x-www-form-urlencoded; charset=latin-1"


def client():
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", "utf-16", "gbk", "no-such-charset"])
def test_a_form_body_in_another_charset_is_a_400(inquiry_site_zh, charset):
    from corporate.inquiries.models import InquirySubmission

    contact = inquiry_site_zh["contact"]
    browser = client()
    browser.get(contact.url)
    token = browser.cookies["csrftoken"].value
    body = f"name=M%FCller&phone=13812345678&consent=on&csrfmiddlewaretoken={token}".encode()
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    for path in (contact.url, "/", "/en/", "/search/?q=x", "/admin/login/"):
        response = browser.generic("POST", path, body, content_type=content_type)
        assert response.status_code == 400, (path, charset)
        html = response.content.decode()
        assert "UTF-8" in html and "<html" in html
    assert InquirySubmission.objects.count() == 0
    # UTF-8, said or not, is read as usual.
    for declared in ("", "; charset=utf-8", "; charset=UTF-8"):
        response = browser.generic(
            "POST",
            contact.url,
            body,
            content_type=f"application/x-www-form-urlencoded{declared}",
        )
        assert response.status_code == 400  # the form itself is incomplete: field errors
        assert "has-error" in response.content.decode()


@pytest.mark.parametrize("year", ["0", "0000", "10000", "99999", "99999999999999999999999"])
def test_years_outside_1_to_9999_are_404(site_tree, year):
    for prefix in ("", "/en"):
        response = client().get(f"{prefix}/news/year/{year}/")
        assert response.status_code == 404


def test_a_few_hundred_fuzzed_requests_find_no_5xx(demo_site, capsys):
    fuzzer = Fuzzer(ClientTransport(client()), seed=20261201, budget=400, max_urls=60).run()
    with capsys.disabled():
        print("\n[figure] " + fuzzer.report().replace("\n", "\n[figure] "))
    assert len(fuzzer.urls) > 40
    assert fuzzer.forms, "the inquiry form was not found"
    assert fuzzer.failures == []
    assert sum(fuzzer.statuses.values()) >= 400
