"""Site chrome as visitors and other features rely on it: landmarks, skip link, the main menu,
breadcrumbs, header search, footer with company data and ICP link, and the 404 page, in
Chinese and English."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from corporate.core.models import CompanyProfile
from tests import factories
from tests.expected import MENU

HAN = re.compile(r"[\u3400-\u9fff]")

ENGLISH_TITLES = {
    "网站首页": "Home",
    "关于我们": "About Us",
    "新闻动态": "News",
    "资质领域": "Accreditation Scope",
    "服务范围": "Services",
    "服务流程": "Service Process",
    "技术实力": "Technical Capabilities",
    "联系我们": "Contact Us",
    "土壤和水系沉积物": "Soil and aquatic sediments",
    "土壤检测": "Soil testing",
    "山东完善制度提高生态环境执法效能": "Shandong improves eco-environmental law enforcement",
    "隐私政策": "Privacy Policy",
}


def _publish(page):
    page.save_revision().publish()
    return page


def _translate(page, en):
    """An English copy of a Chinese page, with English text where the chrome shows it."""
    copy = page.specific.copy_for_translation(en)
    copy.title = ENGLISH_TITLES[page.title]
    for field, text in {
        "hero_headline": "Environmental testing you can rely on",
        "hero_intro": "Water, air and soil testing.",
        "intro": "Introduction.",
        "summary": "Summary.",
    }.items():
        if hasattr(copy, field):
            setattr(copy, field, text)
    if hasattr(copy, "body"):
        copy.body = factories.paragraph("English text.")
    if hasattr(copy, "standards"):
        copy.standards = [
            {"type": "standard", "value": {"code": "GB 36600-2018", "name": "Soil quality"}}
        ]
    copy.save()
    return _publish(copy)


def build_bilingual_site():
    """The eight menu sections in page-tree order, an area, a service and an article, a page
    kept out of the menu, and a company profile per language; the whole tree in English too."""
    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    if Page.get_first_root_node() is None:  # a transactional (live_server) test flushed it
        Page.add_root(instance=Page(title="Root", slug="root", locale=zh, live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    CompanyProfile.objects.all().delete()
    home = factories.HomePageFactory(parent=root, slug="home", title="网站首页")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)

    tree = {"home": home}
    menu_pages = [
        ("about", factories.StandardPageFactory, "关于我们"),
        ("news", factories.NewsIndexPageFactory, "新闻动态"),
        ("accreditation", factories.AccreditationIndexPageFactory, "资质领域"),
        ("services", factories.ServiceIndexPageFactory, "服务范围"),
        ("process", factories.StandardPageFactory, "服务流程"),
        ("capabilities", factories.StandardPageFactory, "技术实力"),
        ("contact", factories.ContactPageFactory, "联系我们"),
    ]
    for slug, factory, title in menu_pages:
        tree[slug] = factory(parent=home, title=title, slug=slug, show_in_menus=True)
    tree["privacy"] = factories.StandardPageFactory(
        parent=home, title="隐私政策", slug="privacy-policy", show_in_menus=False
    )
    tree["area"] = factories.AccreditationAreaPageFactory(
        parent=tree["accreditation"], title="土壤和水系沉积物", slug="soil-and-sediments"
    )
    tree["service"] = factories.ServicePageFactory(
        parent=tree["services"], title="土壤检测", slug="soil-testing"
    )
    tree["article"] = factories.NewsArticlePageFactory(
        parent=tree["news"], title="山东完善制度提高生态环境执法效能", slug="enforcement"
    )

    english = {}
    for key in [
        "home",
        *[slug for slug, _f, _t in menu_pages],
        "privacy",
        "area",
        "service",
        "article",
    ]:
        english[key] = _translate(tree[key], en)

    zh_profile = factories.CompanyProfileFactory(tagline="公正、科学、准确、高效")
    en_profile = zh_profile.copy_for_translation(en)
    en_profile.name = "Shandong Guoping Testing Service Co., Ltd."
    en_profile.short_name = "Guoping Testing"
    en_profile.tagline = "Impartial, scientific, accurate, efficient"
    en_profile.address = "1 Example Road, Jinan, Shandong (sample address)"
    en_profile.save()
    return {"zh-hans": tree, "en": english, "profiles": {"zh-hans": zh_profile, "en": en_profile}}


@pytest.fixture(scope="module")
def _bilingual_db(django_db_setup, django_db_blocker):
    """Built once for this module inside a transaction that is rolled back at its end; each
    test runs in a savepoint of its own (pytest-django's ``db``), so changes do not leak."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_bilingual_site()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def bilingual_site(_bilingual_db, db):
    return _bilingual_db


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
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client, url)
    conditions = [q["sql"].partition(" WHERE ")[2] for q in queries.captured_queries]
    menu_reads = [c for c in conditions if '"show_in_menus"' in c]
    translation_reads = [c for c in conditions if page.translation_key.hex in c]
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
