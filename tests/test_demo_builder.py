"""build_demo_site is idempotent and --reset rebuilds. Transactional, so it lives apart from the
modules that share a demo site inside one rolled-back transaction (tests/conftest.py)."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

# Minutes in the suite: scheduled first, so that both processes end together (conftest).
pytestmark = pytest.mark.heavy(minutes=3)


@pytest.mark.django_db(transaction=True)
def test_running_twice_changes_nothing_and_reset_rebuilds():
    # The Traditional step's own idempotence is tests/test_traditional.py's (a minute per build).
    call_command("build_demo_site", verbosity=0, no_index=True, no_traditional=True)
    pages = list(Page.objects.order_by("path").values_list("id", "path", "title", "live"))
    revisions = Revision.objects.count()
    call_command("build_demo_site", verbosity=0, no_index=True, no_traditional=True)
    assert list(Page.objects.order_by("path").values_list("id", "path", "title", "live")) == pages
    assert Revision.objects.count() == revisions

    call_command("build_demo_site", verbosity=0, reset=True, no_index=True, no_traditional=True)
    rebuilt = list(Page.objects.order_by("path").values_list("title", "live"))
    assert rebuilt == [(title, live) for _id, _path, title, live in pages]
    assert set(Page.objects.values_list("id", flat=True)) != {p[0] for p in pages}
