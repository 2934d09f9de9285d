"""Search engines as they read the demo site: the sitemap index and robots.txt, parsed and
cross-checked against the live pages; each page's title, description, share card and JSON-LD
in both languages; pages editors hide (noindex) left out everywhere."""

import json
import urllib.robotparser
from urllib.parse import urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from corporate.core.models import CompanyProfile, SeoSettings
from corporate.inquiries.models import ContactPage
from news.models import NewsArticlePage
from tests.helpers import translated

# Minutes in the suite: scheduled early, so that both processes end together (conftest).
pytestmark = pytest.mark.heavy(minutes=2)

HOST = "http://localhost"
OG_LOCALES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW", "en": "en_US"}
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ARTICLE_TITLE = "山东完善制度提高生态环境执法效能"


def parse_xml(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def path_of(url):
    assert url.startswith(HOST + "/"), url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def read_sitemaps(client):
    """{loc: {'lastmod': str, 'alternates': {hreflang: href}, 'section': language}}."""
    index = parse_xml(client.get("/sitemap.xml"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    urls = {}
    sections = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    for section in sections:
        urlset = parse_xml(client.get(path_of(section)))
        for url in urlset.findall("sm:url", NS):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in urls, f"{loc} listed twice"
            urls[loc] = {
                "lastmod": url.findtext("sm:lastmod", namespaces=NS),
                "alternates": {
                    link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
                },
                "section": section,
            }
    return sections, urls


def indexable_live_pages():
    """What the sitemap must hold, read straight from the database."""
    pages = Page.objects.filter(depth__gte=2).live().public().specific()
    return [page for page in pages if not getattr(page, "noindex", False)]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


# -- sitemap and robots.txt ----------------------------------------------------------------


def test_sitemap_index_lists_every_indexable_page_of_both_languages(demo_site):
    client = Client()
    sections, urls = read_sitemaps(client)
    assert [path_of(s) for s in sections] == [
        "/sitemap-zh-hans.xml",
        "/sitemap-zh-hant.xml",
        "/sitemap-en.xml",
    ]
    expected = {HOST + page.url: page for page in indexable_live_pages()}
    assert set(urls) == set(expected)
    assert any("/en/" in url for url in urls) and any("/en/" not in url for url in urls)
    for url, entry in urls.items():
        page = expected[url]
        # lastmod is the last publication, in the site's time zone.
        local = page.last_published_at.astimezone(ZoneInfo(settings.TIME_ZONE))
        assert entry["lastmod"] == local.replace(microsecond=0).isoformat()
        assert entry["section"].endswith(f"-{page.locale.language_code}.xml")
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().specific()
            if not getattr(p, "noindex", False)
        }
        if len(translations) > 1:
            hreflangs = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
            assert entry["alternates"] == {
                **{hreflangs.get(code, code): HOST + p.url for code, p in translations.items()},
                "x-default": HOST + translations["zh-hans"].url,
            }
        else:
            assert entry["alternates"] == {}


def test_sitemap_alternates_match_the_pages_hreflang_links(demo_site):
    client = Client()
    _sections, urls = read_sitemaps(client)
    for url in list(urls)[::7]:  # a sample across both languages
        soup = head(client, path_of(url))
        links = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        assert links == urls[url]["alternates"], url
        assert soup.select_one('link[rel="canonical"]')["href"] == url


def test_noindex_pages_are_left_out_of_the_sitemap_and_say_so(
    demo_site, django_capture_on_commit_callbacks
):
    client = Client()
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    contact = ContactPage.objects.get(locale__language_code="zh-hans")
    # Publishing regenerates the Traditional copies (a task run when the transaction commits).
    with django_capture_on_commit_callbacks(execute=True):
        for page in (article, contact):
            page.noindex = True
            page.save_revision().publish()
    traditional = Locale.objects.get(language_code="zh-hant")
    hidden = [article, contact, article.get_translation(traditional)]
    hidden.append(contact.get_translation(traditional))
    _sections, urls = read_sitemaps(client)
    english_article = article.get_translation(Locale.objects.get(language_code="en"))
    for page in hidden:
        assert HOST + page.url not in urls
    # The English article is still indexable, without a hreflang pointing at the hidden page.
    assert urls[HOST + english_article.url]["alternates"] == {}
    for page in hidden:
        soup = head(client, page.url)
        assert meta(soup, name="robots") == "noindex"
        assert not soup.select('link[rel="alternate"][hreflang]')
    soup = head(client, english_article.url)
    assert meta(soup, name="robots") is None
    assert not soup.select('link[rel="alternate"][hreflang]')


def test_robots_txt_from_site_settings_and_the_sitemap_it_names(demo_site):
    client = Client()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.site_maps() == [f"{HOST}/sitemap.xml"]
    for path in ("/admin/", "/admin/pages/", "/search/?q=土壤", "/en/search/?q=soil"):
        assert not robots.can_fetch("*", HOST + path), path
    # Every page of the sitemap may be crawled.
    _sections, urls = read_sitemaps(client)
    blocked = [url for url in urls if not robots.can_fetch("*", url)]
    assert blocked == []

    settings = SeoSettings.for_site(demo_site)
    settings.robots_disallow = "/downloads/drafts/\n"
    settings.save()
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    assert not robots.can_fetch("*", f"{HOST}/downloads/drafts/a.pdf")
    assert robots.can_fetch("*", f"{HOST}/about/")

    settings.allow_indexing = False
    settings.save()
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" in text
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    assert not robots.can_fetch("*", f"{HOST}/about/")


def test_sitemap_under_a_language_prefix_leads_to_the_index(demo_site):
    response = Client().get("/en/sitemap.xml")
    assert response.status_code == 301
    assert response["Location"] == "/sitemap.xml"
    assert Client().get("/sitemap-xx.xml").status_code == 404
    assert Client().get("/sitemap-en.xml?p=9").status_code == 404


# -- head: title, description, share card, JSON-LD ------------------------------------------


@pytest.mark.parametrize(
    "language, home_title, about_title",
    [
        (
            "zh-hans",
            "山东国评检测服务有限公司 – 公正、科学、准确、高效的第三方环境检测",
            "关于我们 – 国评检测",
        ),
        (
            "en",
            "Shandong Guoping Testing Service Co., Ltd. – Impartial, rigorous, accurate and "
            "efficient third-party environmental testing",
            "About Us – Guoping Testing",
        ),
    ],
)
def test_titles_name_the_company(demo_site, language, home_title, about_title):
    prefix = "" if language == "zh-hans" else "/en"
    client = Client()
    assert head(client, f"{prefix}/").title.string == home_title
    assert head(client, f"{prefix}/about/").title.string == about_title


def test_every_page_has_a_description_and_a_share_card(demo_responses):
    problems = []
    for page in indexable_live_pages():
        # A routable page whose root redirects (report verification) is read where it leads.
        response = demo_responses.get(page.url, follow=True)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        language = page.locale.language_code
        description = meta(soup, name="description")
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        checks = {
            "description": bool(description),
            "og:title": meta(soup, property="og:title"),
            "og:description": meta(soup, property="og:description") == description,
            "og:url": meta(soup, property="og:url") == canonical,
            "canonical": canonical.startswith(HOST + page.url),
            "og:locale": meta(soup, property="og:locale") == OG_LOCALES[language],
            "og:locale:alternate": {
                tag["content"] for tag in soup.find_all("meta", property="og:locale:alternate")
            }
            == {OG_LOCALES[code] for code in OG_LOCALES if code != language},
            "og:image": (meta(soup, property="og:image") or "").startswith(HOST + "/media/"),
            "og:image size": (
                meta(soup, property="og:image:width"),
                meta(soup, property="og:image:height"),
            )
            == ("1200", "630"),
            "twitter:card": meta(soup, name="twitter:card") == "summary_large_image",
            "itemprop name": meta(soup, itemprop="name") == meta(soup, property="og:title"),
            "itemprop description": meta(soup, itemprop="description") == description,
            "itemprop image": (meta(soup, itemprop="image") or "").startswith(HOST + "/media/"),
        }
        failed = [name for name, ok in checks.items() if not ok]
        if failed:
            problems.append((page.url, failed))
    assert problems == []


def test_share_images_are_real_renditions_of_the_right_size(demo_site, client):
    soup = head(client, "/services/soil-testing/")
    for prop, size in (
        (("property", "og:image"), (1200, 630)),
        (("itemprop", "image"), (600, 600)),
    ):
        url = meta(soup, **{prop[0]: prop[1]})
        path = settings.MEDIA_ROOT / path_of(url).removeprefix(settings.MEDIA_URL)
        with PILImage.open(path) as image:
            assert image.size == size and image.format == "JPEG"
            assert min(image.size) >= 300


def test_description_falls_back_to_the_summary_then_the_first_paragraph(demo_site, client):
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    assert not article.search_description
    assert meta(head(client, article.url), name="description") == article.summary
    about = Page.objects.get(url_path__endswith="/about/", locale__language_code="zh-hans")
    about = about.specific
    about.search_description = ""
    about.intro = ""
    about.save_revision().publish()
    first = next(b for b in about.body if b.block_type == "paragraph")
    text = " ".join(BeautifulSoup(first.value.source, "html.parser").get_text().split())
    description = meta(head(client, about.url), name="description")
    assert len(description) <= 160
    assert text.startswith(description.removesuffix("…"))


def test_og_image_falls_back_from_the_sharing_image_to_the_main_image_to_the_site_default(
    demo_site, client
):
    card = "fill-1200x630-c50|format-jpeg|jpegquality-82"
    default = SeoSettings.for_site(demo_site).default_share_image
    service = NewsArticlePage.objects.filter(
        locale__language_code="zh-hans", hero_image__isnull=False
    ).exclude(hero_image=default)[0]
    chosen = get_image_model().objects.exclude(pk__in=[service.hero_image_id, default.pk]).first()

    def og_image(page):
        return meta(head(client, page.url), property="og:image")

    assert og_image(service) == HOST + service.hero_image.get_rendition(card).url
    service.og_image = chosen
    service.save_revision().publish()
    assert og_image(service) == HOST + chosen.get_rendition(card).url
    about = Page.objects.get(url_path__endswith="/about/", locale__language_code="zh-hans")
    assert og_image(about) == HOST + default.get_rendition(card).url


def test_news_article_card_and_structured_data(demo_site, client):
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    for page in (article, article.get_translation(Locale.objects.get(language_code="en")).specific):
        soup = head(client, page.url)
        assert meta(soup, property="og:type") == "article"
        assert meta(soup, property="article:published_time").startswith("2021-06-01T")
        assert meta(soup, property="article:section") == str(page.category)
        nodes = json_ld(soup)
        news = nodes["NewsArticle"]
        for required in (
            "headline",
            "datePublished",
            "dateModified",
            "image",
            "author",
            "publisher",
            "description",
            "mainEntityOfPage",
            "inLanguage",
        ):
            assert news.get(required), required
        assert news["headline"] == page.title
        assert news["datePublished"].startswith("2021-06-01T")
        assert all(url.startswith(HOST + "/media/") for url in news["image"])
        assert news["publisher"] == {"@id": f"{HOST}/#organization"}
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert [c["position"] for c in crumbs] == [1, 2, 3]
        assert crumbs[-1]["item"] == HOST + page.url
        assert crumbs[1]["item"] == HOST + page.get_parent().url
    # Other pages are websites, without article tags.
    soup = head(client, "/about/")
    assert meta(soup, property="og:type") == "website"
    assert meta(soup, property="article:published_time") is None
    assert "NewsArticle" not in json_ld(soup)


@pytest.mark.parametrize("prefix, language", [("", "zh-hans"), ("/en", "en")])
def test_organization_structured_data(demo_site, client, prefix, language):
    nodes = json_ld(head(client, f"{prefix}/"))
    organization = nodes["Organization"]
    company = CompanyProfile.objects.get(locale__language_code=language)
    others = CompanyProfile.objects.exclude(locale__language_code=language)
    assert organization["@id"] == f"{HOST}/#organization"
    assert organization["name"] == company.name
    names = [n["@value"] for n in organization["alternateName"] if isinstance(n, dict)]
    assert {other.name for other in others} <= set(names)  # the name in the other languages
    assert organization["address"]["streetAddress"] == company.address
    assert organization["address"]["addressCountry"] == "CN"
    assert organization["telephone"] == company.phone
    assert organization["url"] == f"{HOST}{prefix}/"
    assert organization["logo"]["url"].startswith(HOST + "/media/")
    cma_name = translated("CMA certificate number", language)
    assert (
        cma_name
        == {"zh-hans": "检验检测机构资质认定证书编号（CMA）", "en": "CMA certificate number"}[
            language
        ]
    )
    assert organization["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "CMA",
        "name": cma_name,
        "value": company.cma_number,
    }
    website = nodes["WebSite"]
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{HOST}{prefix}/search/?q={{search_term_string}}"
    assert "BreadcrumbList" not in nodes  # not on the home page


def test_structured_data_cannot_break_out_of_its_script(demo_site, client):
    article = NewsArticlePage.objects.get(title=ARTICLE_TITLE)
    article.title = "</script><script>alert(1)</script>"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["@graph"][-1]["headline"] == article.title


def test_footer_shows_the_public_security_filing_beside_the_icp_number(demo_site, client):
    for prefix in ("", "/en"):
        soup = head(client, f"{prefix}/")
        link = soup.select_one("a.psb-link")
        assert link.get_text(strip=True) == "鲁公网安备37000000000000号"
        assert link["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=37000000000000"
        assert link.find("img")["src"].endswith("psb-beian.svg")
        icp = soup.select_one("a.icp-link")
        assert icp["href"] == "https://beian.miit.gov.cn/"
