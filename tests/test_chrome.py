"""Site chrome as visitors and other features rely on it: landmarks, skip link, the main menu,
breadcrumbs, header search, footer with company data and ICP link, and the 404 page, in
Chinese and English."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from corporate.core.models import CompanyProfile
from tests.expected import MENU
from tests.helpers import ENGLISH_TITLES, HAN


@pytest.fixture
def bilingual_site(chrome_site):
    """``tests.helpers.build_bilingual_site()``, built once per session (tests/conftest.py); each
    test's changes are rolled back."""
    return chrome_site


def profile_of(site, lang):
    """The company profile as stored now (a test may have changed it)."""
    return CompanyProfile.objects.get(pk=site["profiles"][lang].pk)


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node):
    return " ".join(node.get_text(" ", strip=True).split())


LANGS = ["zh-hans", "en"]
PAGES = ["home", "about", "area", "service", "article", "contact"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", PAGES)
def test_every_page_has_landmarks_and_a_skip_link_first(bilingual_site, client, lang, key):
    soup = soup_of(client, bilingual_site[lang][key].url)

    first_link = soup.body.find("a")
    assert "skip-link" in first_link["class"]
    assert first_link["href"] == "#main"
    assert text_of(first_link) == {"zh-hans": "跳到主要内容", "en": "Skip to main content"}[lang]

    main = soup.find("main")
    assert main["id"] == "main"
    assert len(soup.find_all("main")) == 1
    assert soup.find("header", class_="site-header") is not None
    assert soup.find("footer", class_="site-footer") is not None
    navs = soup.find_all("nav")
    assert navs and all(nav.get("aria-label") or nav.get("aria-labelledby") for nav in navs)
    assert soup.find("nav", attrs={"aria-label": {"zh-hans": "主菜单", "en": "Main menu"}[lang]})
    assert soup.html["lang"] == {"zh-hans": "zh-Hans", "en": "en"}[lang]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_main_menu_lists_the_eight_sections_in_page_tree_order(bilingual_site, client, lang):
    soup = soup_of(client, bilingual_site[lang]["about"].url)
    menu = soup.find("nav", class_="site-nav").find("ul", id="main-menu")
    links = menu.find_all("a")
    assert [text_of(link) for link in links] == MENU[lang]
    tree = bilingual_site[lang]
    expected_urls = [
        tree[key].url
        for key in [
            "home",
            "about",
            "news",
            "accreditation",
            "services",
            "process",
            "capabilities",
            "contact",
        ]
    ]
    assert [link["href"] for link in links] == expected_urls
    # The page out of the menu (privacy policy) is not listed.
    assert ENGLISH_TITLES["隐私政策"] not in text_of(menu)
    assert "隐私政策" not in text_of(menu)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_main_menu_marks_the_current_section(bilingual_site, client, lang):
    soup = soup_of(client, bilingual_site[lang]["area"].url)
    current = soup.find("ul", id="main-menu").find_all("a", attrs={"aria-current": "page"})
    assert [text_of(link) for link in current] == [MENU[lang][3]]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_menu_toggle_controls_the_main_menu(bilingual_site, client, lang):
    soup = soup_of(client, bilingual_site[lang]["home"].url)
    toggle = soup.find("button", class_="menu-toggle")
    assert toggle["aria-expanded"] == "false"
    assert soup.find(id=toggle["aria-controls"]) is soup.find("ul", id="main-menu")
    assert text_of(toggle) == {"zh-hans": "菜单", "en": "Menu"}[lang]
    # Without JavaScript the menu is in the page, not behind the button.
    assert "no-js" in soup.html["class"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, label, crumbs",
    [
        ("zh-hans", "当前位置", ["首页", "资质领域", "土壤和水系沉积物"]),
        ("en", "You are here:", ["Home", "Accreditation Scope", "Soil and aquatic sediments"]),
    ],
)
def test_breadcrumbs_show_the_path_from_home(bilingual_site, client, lang, label, crumbs):
    tree = bilingual_site[lang]
    soup = soup_of(client, tree["area"].url)
    trail = soup.find("nav", class_="breadcrumbs")
    assert trail["aria-label"] == {"zh-hans": "面包屑导航", "en": "Breadcrumb"}[lang]
    assert text_of(trail.find(class_="breadcrumbs__label")).startswith(label)
    items = trail.find("ol").find_all("li")
    assert [text_of(item) for item in items] == crumbs
    assert [a["href"] for a in trail.find_all("a")] == [tree["home"].url, tree["accreditation"].url]
    assert items[-1].find(attrs={"aria-current": "page"}) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_has_no_breadcrumbs(bilingual_site, client, lang):
    soup = soup_of(client, bilingual_site[lang]["home"].url)
    assert soup.find("nav", class_="breadcrumbs") is None


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_header_search_form_for_the_suggestion_script(bilingual_site, client, lang):
    soup = soup_of(client, bilingual_site[lang]["service"].url)
    form = soup.find("form", class_="header-search")
    assert form["role"] == "search"
    assert form["data-suggest-url"].endswith("suggest/")
    field = form.find("input", id="header-search-input")
    assert field["name"] == "q"
    label = form.find("label", attrs={"for": "header-search-input"})
    assert text_of(label) == {"zh-hans": "搜索本站", "en": "Search the site"}[lang]
    assert soup.find(class_="language-switcher") is not None


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_footer_has_copyright_and_the_icp_link(bilingual_site, client, lang):
    profile = profile_of(bilingual_site, lang)
    soup = soup_of(client, bilingual_site[lang]["about"].url)
    footer = soup.find("footer", class_="site-footer")
    icp = footer.find("a", class_="icp-link")
    assert icp["href"] == "https://beian.miit.gov.cn/"
    assert text_of(icp) == profile.icp_number
    assert "noopener" in icp["rel"]
    legal = text_of(footer.find(class_="site-footer__legal"))
    assert {"zh-hans": "版权所有", "en": "All rights reserved"}[lang] in legal
    assert f"Copyright {profile.copyright_since}" in legal
    footer_menu = footer.find("ul", id="footer-menu")
    assert [text_of(a) for a in footer_menu.find_all("a")] == MENU[lang]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_company_details_come_from_the_company_profile_snippet(bilingual_site, client, lang):
    url = bilingual_site[lang]["contact"].url
    profile = profile_of(bilingual_site, lang)
    before = text_of(soup_of(client, url).find("footer"))
    assert profile.address in before
    assert profile.phone in before

    profile.name = {"zh-hans": "国评新名称有限公司", "en": "Guoping Renamed Ltd."}[lang]
    profile.address = {"zh-hans": "青岛市新地址 9 号", "en": "9 New Street, Qingdao"}[lang]
    profile.phone = "0532-1234 5678"  # synchronised field: the same in both languages
    profile.email = "lab@renamed.example"
    profile.icp_number = "鲁ICP备00000000号-2"
    profile.save()

    soup = soup_of(client, url)
    assert text_of(soup.find(class_="brand__name")) == profile.name
    footer = soup.find("footer")
    footer_text = text_of(footer)
    assert profile.address in footer_text
    assert "0532-1234 5678" in footer_text
    assert footer.find("a", href="tel:053212345678") is not None
    assert footer.find("a", href="mailto:lab@renamed.example") is not None
    assert text_of(footer.find("a", class_="icp-link")) == "鲁ICP备00000000号-2"
    assert "0531-0000 0000" not in soup.decode()


@pytest.mark.django_db
def test_english_chrome_shows_no_chinese_except_the_legal_name_and_icp_number(
    bilingual_site, client
):
    soup = soup_of(client, bilingual_site["en"]["service"].url)
    for marked in soup.find_all(attrs={"lang": "zh-Hans"}):
        marked.decompose()  # the language switcher's 简体中文, legal name, ICP number
    for part in [soup.find("header"), soup.find("nav", class_="breadcrumbs"), soup.find("footer")]:
        assert not HAN.search(text_of(part)), text_of(part)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, lang, heading, menu",
    [
        ("/no-such-page/", "zh-Hans", "页面未找到", MENU["zh-hans"]),
        ("/en/no-such-page/", "en", "Page not found", MENU["en"]),
    ],
)
def test_404_page_in_each_language(bilingual_site, client, url, lang, heading, menu):
    soup = soup_of(client, url, status=404)
    assert soup.html["lang"] == lang
    assert text_of(soup.find("h1")) == heading
    assert soup.find("main", id="main") is not None
    search = soup.find("main").find("form", attrs={"role": "search"})
    assert search.find("input")["name"] == "q"
    assert [text_of(a) for a in soup.find("ul", id="error-menu").find_all("a")] == menu
    assert [text_of(a) for a in soup.find("ul", id="main-menu").find_all("a")] == menu
    if lang == "en":
        assert not HAN.search(text_of(soup.find("main")))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_header_footer_and_switcher_read_the_tree_once_per_request(bilingual_site, client, lang):
    """The header and footer menus, the language switcher and the hreflang links share what
    they read (corporate_tags.per_request): the menu's sections are read once, and the page's
    translations once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = bilingual_site[lang]["service"]
    url = page.url
    client.get(url)
    cache.clear()  # what the site cache keeps between requests is read again, once
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client, url)
    conditions = [q["sql"].partition(" WHERE ")[2] for q in queries.captured_queries]
    menu_reads = [c for c in conditions if '"show_in_menus"' in c]
    # Reads of the page's translations, not the service page's latest case studies (which
    # find the cases that chose this page, in any language, by its translation key).
    translation_reads = [
        q["sql"]
        for q in queries.captured_queries
        if page.translation_key.hex in q["sql"] and '"cases_casepage"' not in q["sql"]
    ]
    assert len(menu_reads) == 1
    assert len(translation_reads) == 1
    header = soup.find("ul", id="main-menu").find_all("a")
    footer = soup.find("ul", id="footer-menu").find_all("a")
    assert [text_of(a) for a in header] == [text_of(a) for a in footer] == MENU[lang]
    assert soup.find("link", rel="alternate", hreflang="en")


def test_per_request_computes_once_per_request_and_language():
    from django.test import RequestFactory
    from django.utils import translation

    from corporate.core.templatetags.corporate_tags import per_request

    calls = []
    request = RequestFactory().get("/")
    for lang in ["zh-hans", "zh-hans", "en"]:
        with translation.override(lang):
            per_request(request, "k", lambda: calls.append(translation.get_language()))
    per_request(RequestFactory().get("/"), "k", lambda: calls.append("other request"))
    per_request(None, "k", lambda: calls.append("no request"))
    per_request(None, "k", lambda: calls.append("no request"))
    assert calls == ["zh-hans", "en", "other request", "no request", "no request"]
