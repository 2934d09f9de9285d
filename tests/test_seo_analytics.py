"""Analytics and the WeChat share card: off by default; when site settings turn them on, the
consent banner in both languages (analytics loaded only by consent.js after the visitor
accepts), exactly the configured origins for the Content Security Policy, and the settings
form refusing what cannot work."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from corporate.core.models import AnalyticsProvider, SeoSettings
from corporate.core.seo.thirdparty import csp_sources
from tests import factories

pytestmark = pytest.mark.django_db

TONGJI_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def settings_(site_tree):
    return SeoSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def english_home(site_tree, en):
    home = site_tree["home"].copy_for_translation(en)
    home.title = "Home"
    home.hero_headline = "Environmental testing"
    home.hero_intro = "Water, air and soil."
    home.save_revision().publish()
    return home


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def script_sources(soup):
    return [script.get("src", "") for script in soup.find_all("script")]


def test_no_analytics_and_no_third_party_by_default(site_tree, settings_, client):
    soup = soup_of(client, "/")
    assert soup.find(id="consent-banner") is None
    assert not any("baidu" in src or "wx.qq.com" in src for src in script_sources(soup))
    assert "hm.baidu.com" not in str(soup)
    assert csp_sources(seo_settings=settings_) == {}


@pytest.mark.parametrize(
    "url, language, accept",
    [("/", "zh-hans", "Accept analytics"), ("/en/", "en", "Accept analytics")],
)
def test_baidu_tongji_waits_for_consent(
    site_tree, english_home, settings_, client, url, language, accept
):
    privacy = factories.StandardPageFactory(
        parent=site_tree["home"], title="隐私政策", slug="privacy-policy"
    )
    settings_.analytics_provider = AnalyticsProvider.BAIDU
    settings_.baidu_tongji_id = TONGJI_ID
    settings_.privacy_page = privacy
    settings_.full_clean()
    settings_.save()
    soup = soup_of(client, url)
    banner = soup.find(id="consent-banner")
    assert banner is not None and banner.has_attr("hidden")  # consent.js shows it
    assert banner["data-src"] == f"https://hm.baidu.com/hm.js?{TONGJI_ID}"
    assert banner["data-provider"] == "baidu"
    buttons = {b["data-consent"]: b.get_text(strip=True) for b in banner.find_all("button")}
    assert set(buttons) == {"granted", "denied"}
    if language == "en":
        assert buttons["granted"] == accept
        assert "Baidu Tongji" in banner.get_text()
    else:
        assert "百度统计" in banner.get_text() or "Baidu Tongji" in banner.get_text()
        assert banner.find("a")["href"] == privacy.url
    # Not loaded by the page itself: only consent.js, after the visitor accepts.
    sources = script_sources(soup)
    assert not any("hm.baidu.com" in src for src in sources)
    assert any(src.endswith("corporate/consent.js") for src in sources)
    reset = soup.find(attrs={"data-consent-reset": True})
    assert reset is not None and reset.has_attr("hidden")
    origin = "https://hm.baidu.com"
    assert csp_sources(seo_settings=settings_) == {
        "script-src": [origin],
        "img-src": [origin],
        "connect-src": [origin],
    }


def test_another_providers_script_and_the_wechat_card_allow_their_origins(
    site_tree, settings_, client
):
    settings_.analytics_provider = AnalyticsProvider.SCRIPT
    settings_.analytics_script_url = "https://stats.example.net/track.js"
    settings_.wechat_app_id = "wx0123456789abcdef"
    settings_.wechat_signature_url = "https://sign.example.net/jssdk"
    settings_.full_clean()
    settings_.save()
    assert csp_sources(seo_settings=settings_) == {
        "script-src": ["https://stats.example.net", "https://res.wx.qq.com"],
        "img-src": ["https://stats.example.net"],
        "connect-src": ["https://stats.example.net", "https://sign.example.net"],
    }
    soup = soup_of(client, site_tree["article"].url)
    wechat = soup.find("script", src=lambda src: src and src.endswith("wechat-share.js"))
    assert wechat["data-app-id"] == "wx0123456789abcdef"
    assert wechat["data-signature-url"] == "https://sign.example.net/jssdk"
    assert wechat["data-sdk"] == "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"
    assert wechat["data-title"] == site_tree["article"].title
    assert wechat["data-link"] == "http://localhost" + site_tree["article"].url


def csp_directives(response):
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_the_page_policy_allows_exactly_the_configured_origins(site_tree, settings_, client):
    before = csp_directives(client.get("/"))
    assert not any("baidu" in " ".join(values) for values in before.values())
    settings_.analytics_provider = AnalyticsProvider.BAIDU
    settings_.baidu_tongji_id = TONGJI_ID
    settings_.full_clean()
    settings_.save()
    after = csp_directives(client.get("/"))
    for directive in ("script-src", "img-src", "connect-src"):
        assert after[directive] == [*before[directive], "https://hm.baidu.com"]
    assert after["default-src"] == before["default-src"]
    admin = client.get("/admin/login/")
    assert "hm.baidu.com" not in admin.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "values, field",
    [
        ({"analytics_provider": "baidu", "baidu_tongji_id": ""}, "baidu_tongji_id"),
        ({"analytics_provider": "baidu", "baidu_tongji_id": "hm.js?123"}, "baidu_tongji_id"),
        ({"analytics_provider": "script", "analytics_script_url": ""}, "analytics_script_url"),
        (
            {
                "analytics_provider": "script",
                "analytics_script_url": "http://stats.example.net/a.js",
            },
            "analytics_script_url",
        ),
        ({"wechat_app_id": "wx01"}, "wechat_signature_url"),
        ({"robots_disallow": "downloads/"}, "robots_disallow"),
    ],
)
def test_settings_refuse_what_cannot_work(site_tree, settings_, values, field):
    for name, value in values.items():
        setattr(settings_, name, value)
    with pytest.raises(ValidationError) as error:
        settings_.full_clean()
    assert field in error.value.message_dict


def test_editors_change_the_settings_in_the_admin(site_tree, settings_, client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("wagtailsettings:edit", args=["corporate", "seosettings", settings_.site_id])
    response = client.get(url)
    assert response.status_code == 200
    data = {
        "allow_indexing": "on",
        "robots_disallow": "",
        "analytics_provider": "baidu",
        "baidu_tongji_id": "not-an-id",
        "analytics_script_url": "",
        "wechat_app_id": "",
        "wechat_signature_url": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    settings_.refresh_from_db()
    assert settings_.analytics_provider == ""
    response = client.post(url, {**data, "baidu_tongji_id": TONGJI_ID})
    assert response.status_code == 302
    settings_.refresh_from_db()
    assert settings_.analytics_provider == "baidu" and settings_.baidu_tongji_id == TONGJI_ID
