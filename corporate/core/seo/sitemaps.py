"""One sitemap index for every language, one sitemap per locale, and robots.txt.

/sitemap.xml is the index; it lists /sitemap-<language>.xml for every locale that has pages
(a later locale appears by itself). Each <url> is a live, public page that editors did not
hide (``noindex``), with <xhtml:link> alternates for its indexable translations and x-default
(the default language's page), and <lastmod> from its last publication. The <link
rel="alternate"> tags in a page's head come from the same function (``alternates``).

Wagtail's own sitemap walks the default site's root only, which is the Chinese tree."""

from collections import defaultdict
from contextlib import suppress

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from wagtail.models import Locale, Page

from corporate.core import site_cache

from .config import seo_settings
from .formats import hreflang, iso
from .site_url import absolute_url

URLS_PER_SITEMAP = 50_000  # the protocol's limit per file
XML = "application/xml; charset=utf-8"


def is_indexable(page):
    """False for pages editors hid from search engines (``SeoMixin.noindex``)."""
    return not getattr(page, "noindex", False)


def _site_roots(site):
    """The site's root page and its translations (each locale's home)."""
    if site is None:
        return Page.objects.none()
    return site.root_page.get_translations(inclusive=True)


def indexable_pages(site=None):
    """Live, public, unexpired, indexable pages (specific) of every locale's tree of the site,
    in tree order."""
    site = site or site_cache.default_site()
    roots = list(_site_roots(site))
    if not roots:
        return []
    in_trees = Q()
    for root in roots:
        in_trees |= Q(path__startswith=root.path)
    now = timezone.now()
    pages = (
        Page.objects.live()
        .public()
        .filter(in_trees)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .select_related("locale")
        .order_by("path")
        .defer_streamfields()
        .specific()
    )
    return [page for page in pages if is_indexable(page)]


class SitemapEntry:
    __slots__ = ("location", "lastmod", "alternates")

    def __init__(self, location, lastmod, alternates):
        self.location = location
        self.lastmod = lastmod
        self.alternates = alternates


def alternates(translations, request=None):
    """[(hreflang, url)] of a page's indexable translations in language order, then
    ('x-default', url of the default language's page); empty when there is only one."""
    by_language = {page.locale.language_code: page for page in translations}
    found = []
    for code in [code for code, _name in settings.LANGUAGES] + sorted(by_language):
        page = by_language.pop(code, None)
        if page is None:
            continue
        url = page.get_full_url(request)
        if url:
            found.append((hreflang(code), url))
    if len(found) < 2:
        return []
    default = dict(found).get(hreflang(settings.LANGUAGE_CODE))
    if default:
        found.append(("x-default", default))
    return found


def sitemap_entries(request=None, site=None):
    """{language code: [SitemapEntry]} for every locale with indexable pages, the default
    language first."""
    pages = indexable_pages(site)
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    order = [code for code, _name in settings.LANGUAGES]
    codes = sorted(
        {page.locale.language_code for page in pages},
        key=lambda code: (order.index(code) if code in order else len(order), code),
    )
    entries = {code: [] for code in codes}
    for page in pages:
        full_url = page.get_full_url(request)
        # Wagtail's get_sitemap_urls: a page type may list other addresses (a routable page
        # whose root redirects lists the route it leads to) or none.
        for info in page.get_sitemap_urls(request):
            location = info.get("location")
            if not location:
                continue
            page_alternates = (
                alternates(by_key[page.translation_key], request) if location == full_url else []
            )
            entries[page.locale.language_code].append(
                SitemapEntry(location, iso(info.get("lastmod")), page_alternates)
            )
    return entries


def section_path(language_code):
    return reverse("sitemap_section", kwargs={"language": language_code})


def _xml_response(template, context):
    response = HttpResponse(render_to_string(template, context), content_type=XML)
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_control(max_age=600, public=True)
def sitemap_index(request):
    sections = []
    for code, entries in sitemap_entries(request).items():
        lastmods = [entry.lastmod for entry in entries if entry.lastmod]
        pages = max(1, -(-len(entries) // URLS_PER_SITEMAP))
        for number in range(1, pages + 1):
            location = absolute_url(section_path(code), request)
            if number > 1:
                location += f"?p={number}"
            sections.append({"location": location, "lastmod": max(lastmods, default=None)})
    return _xml_response("seo/sitemap_index.xml", {"sections": sections})


@cache_control(max_age=600, public=True)
def sitemap_section(request, language):
    if not Locale.objects.filter(language_code=language).exists():
        raise Http404("No such language")
    entries = sitemap_entries(request).get(language, [])
    paginator = Paginator(entries, URLS_PER_SITEMAP)
    try:
        page = paginator.page(request.GET.get("p") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such sitemap page") from error
    return _xml_response("seo/sitemap.xml", {"entries": page.object_list})


def sitemap_in_language_prefix(request):
    """/en/sitemap.xml (where crawlers and people guess it): the one index."""
    return HttpResponsePermanentRedirect(reverse("sitemap"))


def _disallowed_paths():
    paths = []
    for name in ("wagtailadmin_home", "admin:index"):
        with suppress(NoReverseMatch):  # Django's own admin may not be routed
            paths.append(reverse(name))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return list(dict.fromkeys(paths))


def robots_lines(request=None):
    seo = seo_settings(request)
    lines = ["User-agent: *"]
    if not seo.allow_indexing:
        lines.append("Disallow: /")
    else:
        for path in _disallowed_paths() + seo.robots_disallowed_paths():
            lines.append(f"Disallow: {path}")
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'), request)}"]
    return lines


@cache_control(max_age=600, public=True)
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines(request)) + "\n", content_type="text/plain")
