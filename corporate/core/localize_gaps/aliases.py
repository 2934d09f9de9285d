"""Gap: when a locale is set to synchronise from Chinese, wagtail-localize creates the missing
pages there as *aliases* of the Chinese pages, which would serve Chinese text under /en/.

Such an alias answers 404 instead. Delete when wagtail-localize can create untranslated
copies as unpublished drafts instead of aliases (as of 1.14 it always aliases)."""

from django.http import Http404
from wagtail import hooks
from wagtail.models import Page


def is_cross_language_alias(page):
    """True when ``page`` is an alias of a page in another locale."""
    if page.alias_of_id is None:
        return False
    original_locale = (
        Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
    )
    return original_locale is not None and original_locale != page.locale_id


@hooks.register("before_serve_page")
def refuse_cross_language_alias(page, request, serve_args, serve_kwargs):
    """An English page that is only an alias of the Chinese one would show Chinese: 404."""
    if is_cross_language_alias(page):
        raise Http404("This page has not been translated yet.")
