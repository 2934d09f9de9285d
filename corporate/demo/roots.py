"""The records migrations create and a flushed database (after a live-server test) no longer
has: the default locale, the root page and the root collection, the Advertising Law terms."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page

from corporate.core.models import AdLawTerm
from corporate.core.seo.adlaw_terms import seed_terms


def ensure_wagtail_roots():
    """Create what is missing; return the root page."""
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not AdLawTerm.objects.exists():
        seed_terms(AdLawTerm)
    return root
