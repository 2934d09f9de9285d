"""The results page (/search/, /en/search/) and the header's suggestions (…/search/suggest/)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from modelsearch.backends import get_search_backend
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from corporate.core.templatetags.corporate_tags import locale_home
from search import query_log
from search.excerpts import decorate_results
from search.promotions import promotions_for
from search.query import (
    MAX_QUERY_LENGTH,
    FetchedPage,
    clean_query,
    fetch_page,
    find_pages,
    searchable_pages,
)

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 8


def active_locale():
    """The Locale of the language being served, or None when that language has no Locale yet.
    (Locale.get_active() would fall back to Chinese, which must never appear under /en/.)"""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    return Locale.objects.filter(language_code=code).first()


def main_sections(request):
    home = locale_home(request)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().specific())


def parse_page_number(value):
    """A page number ≥ 1, or None for anything else (abc, -1, 1.5, 0)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


def paginate(results, number):
    """A paginator over ``results`` that has read page ``number`` and the total already."""
    rows, total = fetch_page(results, number, RESULTS_PER_PAGE)
    offset = (number - 1) * RESULTS_PER_PAGE
    return Paginator(FetchedPage(rows, total, offset), RESULTS_PER_PAGE)


def extra_sections(request, text, locale):
    """Sections that feature apps add to the first results page, through the Wagtail hook
    ``site_search_sections`` (``fn(request, query, locale)`` → HTML or None), e.g. the matching
    rows of the capability catalogue, which are records rather than pages."""
    sections = (fn(request, text, locale) for fn in hooks.get_hooks("site_search_sections"))
    return [section for section in sections if section]


@require_GET
def search(request):
    locale = active_locale()
    query = clean_query(request.GET.get("q", ""))
    notices = []
    status = 200
    context = {"search_query": query.text, "notices": notices, "max_length": MAX_QUERY_LENGTH}

    if query.truncated:
        notices.append(
            _("Your search was longer than %(max)d characters; the first %(max)d were used.")
            % {"max": MAX_QUERY_LENGTH}
        )
    if query.had_control_characters:
        notices.append(_("Invisible control characters were removed from your search."))

    if not query:
        if request.GET.get("q") is not None:
            # The box was submitted empty (or with only spaces or control characters).
            status = 400
            notices.append(_("Please type one or more words to search for."))
        context["sections"] = main_sections(request)
        return TemplateResponse(request, "search/search.html", context, status=status)

    promotions = promotions_for(query.text, locale) if locale else []
    promoted_ids = [p["page"].pk for p in promotions if p["page"] is not None]
    queryset = searchable_pages(locale).exclude(pk__in=promoted_ids)
    results = find_pages(query.text, locale, queryset=queryset)

    raw_page = request.GET.get("page", "1")
    number = parse_page_number(raw_page)
    if number is None:
        status = 400
        notices.append(
            _("“%(page)s” is not a page number; here is the first page of results.")
            % {"page": raw_page[:20]}
        )
        number = 1
    paginator = paginate(results, number)
    if number > paginator.num_pages:
        status = 404
        notices.append(
            ngettext(
                "There is no page %(page)d: the results fit on %(pages)d page. Here is the first.",
                "There is no page %(page)d: the results fit on %(pages)d pages. Here is the first.",
                paginator.num_pages,
            )
            % {"page": number, "pages": paginator.num_pages}
        )
        number = 1
        paginator = paginate(results, number)
    page_obj = paginator.page(number)

    if number == 1 and status == 200 and locale is not None:
        query_log.record(query.text, locale, paginator.count + len(promotions))

    if results.related and paginator.count:
        # Nothing had every piece of the query: these pages have most of them.
        context["related_notice"] = _("No exact match; showing related results")
    terms = results.terms
    context.update(
        {
            "extra_sections": extra_sections(request, query.text, locale) if number == 1 else [],
            "results": page_obj,
            "items": decorate_results(list(page_obj.object_list), terms, request),
            "result_count": paginator.count + len(promotions),
            "promotions": promotions,
            "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
        }
    )
    if not context["items"] and not promotions:
        context["sections"] = main_sections(request)
    return TemplateResponse(request, "search/search.html", context, status=status)


@require_GET
def suggest(request):
    """Up to eight pages of the active language whose title matches what is typed so far."""
    locale = active_locale()
    query = clean_query(request.GET.get("q", ""))
    suggestions = []
    if locale is not None and query and (len(query.text) >= 2 or not query.text.isascii()):
        pages = get_search_backend().autocomplete(query.text, searchable_pages(locale))
        pages = list(pages[:MAX_SUGGESTIONS])
        for item in decorate_results(pages, [], request, with_excerpts=False):
            suggestions.append(
                {
                    "title": item["title"],
                    "url": item["url"],
                    "section": item["section"].title if item["section"] else "",
                }
            )
    message = (
        ngettext("%(count)d suggestion", "%(count)d suggestions", len(suggestions))
        % {"count": len(suggestions)}
        if suggestions
        else _("No suggestions")
    )
    return JsonResponse({"query": query.text, "suggestions": suggestions, "message": message})
