"""Shared fixtures. Tests run against PostgreSQL (DATABASE_URL); see corporate/settings/test.py.

- ``site_tree``: a small Chinese site (home, about, accreditation, services, news, contact) built
  with the factories, with the default Site pointing at it.
- ``demo_site``: the full demo site (both languages) built by ``build_demo_site`` once per
  test module; slower.
- ``browser``: a headless Debian Chromium driven by Playwright (see tests/browser/conftest.py).
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Site

from corporate.core.models import CompanyProfile
from corporate.demo.roots import ensure_wagtail_roots
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths (and the rate limiter counts) in the cache, which a test's
    rollback does not undo: start every test with an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def zh(db):
    return Locale.objects.get_or_create(language_code="zh-hans")[0]


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def make_site_tree():
    """Build a small Chinese tree and point the default Site at it."""
    root = ensure_wagtail_roots()
    for page in root.get_children():
        page.delete()
    CompanyProfile.objects.all().delete()
    home = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    factories.CompanyProfileFactory()
    tree = {"home": home}
    tree["about"] = factories.StandardPageFactory(
        parent=home, title="关于我们", slug="about", show_in_menus=True
    )
    tree["news"] = factories.NewsIndexPageFactory(parent=home, slug="news", show_in_menus=True)
    tree["accreditation"] = factories.AccreditationIndexPageFactory(
        parent=home, slug="accreditation", show_in_menus=True
    )
    tree["area"] = factories.AccreditationAreaPageFactory(
        parent=tree["accreditation"], title="土壤和水系沉积物", slug="soil"
    )
    tree["services"] = factories.ServiceIndexPageFactory(
        parent=home, slug="services", show_in_menus=True
    )
    tree["service"] = factories.ServicePageFactory(
        parent=tree["services"], title="土壤检测", slug="soil-testing"
    )
    tree["contact"] = factories.ContactPageFactory(parent=home, slug="contact", show_in_menus=True)
    tree["article"] = factories.NewsArticlePageFactory(
        parent=tree["news"], title="山东完善制度提高生态环境执法效能", slug="enforcement"
    )
    return tree


@pytest.fixture
def site_tree(zh):
    return make_site_tree()


def build_demo():
    call_command("build_demo_site", verbosity=0)


@pytest.fixture(scope="module")
def _demo_db(django_db_setup, django_db_blocker):
    """The demo site, built once per test module that asks for it, inside a transaction that is
    rolled back after the module's last test: each test runs in a savepoint within it, and the
    other modules start from an empty site (so ``site_tree`` need not delete a demo first).

    Transactional tests (live_server) cannot share it: browser tests call ``build_demo()``."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def demo_site(_demo_db, db):
    return Site.objects.get(is_default_site=True)
