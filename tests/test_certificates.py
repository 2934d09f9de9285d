"""Certificates (资质证书): the certificates page and the certificate list on the About and
Technical Capabilities pages, in both languages; scans watermarked on renditions only; expired
certificates shown as expired; the dashboard warns 90 days before expiry; site search."""

import datetime
import hashlib
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageChops
from wagtail.images import get_image_model
from wagtail.models import Page

from corporate.capabilities.image_operations import watermark
from tests import factories
from tests.helpers import has_han, make_site_tree, translate, translated

pytestmark = pytest.mark.django_db

ENGLISH = {
    "网站首页": "Home",
    "关于我们": "About us",
    "技术实力": "Technical capabilities",
    "资质证书": "Certificates",
    "本实验室的资质认定证书。": "The laboratory's certificates.",
    "检验检测机构资质认定证书": "Certificate of inspection body accreditation (CMA)",
    "山东省市场监督管理局": "Shandong Provincial Administration for Market Regulation",
    "水和废水、环境空气和废气、土壤等。": "Water and wastewater, ambient air and exhaust gas, soil and more.",
    "环境损害司法鉴定许可证": "Licence for forensic appraisal of environmental damage",
}


def to_english(instance, en):
    """The English copy of ``instance`` (ENGLISH where given, placeholders for other Chinese)."""
    if isinstance(instance, Page):
        instance = Page.objects.get(pk=instance.pk).specific
    return translate(instance, en, ENGLISH)


def scan(colour="#ffffff", size=(800, 560)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(title="证书扫描件")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="scan.png")
    image.save()
    return image


@pytest.fixture
def tree(en):
    tree = make_site_tree()
    tree["capabilities"] = factories.StandardPageFactory(
        parent=tree["home"], title="技术实力", slug="capabilities"
    )
    tree["privacy"] = factories.StandardPageFactory(
        parent=tree["home"], title="隐私政策", slug="privacy"
    )
    tree["certificates"] = factories.CertificatesPageFactory(
        parent=tree["capabilities"], slug="certificates"
    )
    page = tree["certificates"]
    page.also_on = [{"type": "page", "value": tree["about"].pk}]
    page.save_revision().publish()
    tree["cma"] = factories.CertificateFactory(
        number="221512340567", scan=scan(), valid_until=datetime.date(2030, 1, 1)
    )
    tree["old"] = factories.CertificateFactory(
        name="环境损害司法鉴定许可证",
        number="371520190042",
        issuer="other",
        valid_from=datetime.date(2019, 1, 1),
        valid_until=datetime.date(2024, 1, 1),
    )
    for key in ("home", "about", "capabilities", "privacy", "certificates", "cma", "old"):
        tree[f"{key}_en"] = to_english(tree[key], en)
    return tree


@pytest.mark.parametrize(
    "url, name, expired",
    [
        ("/capabilities/certificates/", "检验检测机构资质认定证书", "Expired on"),
        (
            "/en/capabilities/certificates/",
            "Certificate of inspection body accreditation (CMA)",
            "Expired on",
        ),
    ],
)
def test_the_certificates_page_lists_the_certificates_of_its_language(
    tree, client, url, name, expired
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="certificate"') == 2
    assert name in html and "221512340567" in html
    assert html.count('data-testid="certificate-expired"') == 1  # the 2024 licence only
    if url.startswith("/en/"):
        main = html.split("<main")[1].split("</main>")[0]
        assert not has_han(main), "Chinese under /en/"


@pytest.mark.parametrize("key", ["about", "capabilities", "about_en", "capabilities_en"])
def test_the_certificates_appear_on_about_and_technical_capabilities(tree, client, key):
    html = client.get(tree[key].url).content.decode()
    assert 'data-testid="certificates-section"' in html
    assert "221512340567" in html


def test_not_on_other_pages(tree, client):
    assert 'data-testid="certificates-section"' not in client.get("/privacy/").content.decode()
    assert 'data-testid="certificates-section"' not in client.get("/en/privacy/").content.decode()


def test_scans_are_watermarked_on_renditions_and_the_original_stays_clean(tree, client):
    image = tree["cma"].scan
    with image.open_file() as handle:
        original = hashlib.sha256(handle.read()).hexdigest()
    html = client.get("/capabilities/certificates/").content.decode()
    rendition = image.get_rendition("width-900|watermark")
    assert rendition.url in html
    plain = image.get_rendition("width-900")
    with rendition.file.open("rb") as a, plain.file.open("rb") as b:
        marked, clean = PILImage.open(a).convert("RGB"), PILImage.open(b).convert("RGB")
        difference = ImageChops.difference(marked, clean).convert("L")
        changed = sum(difference.histogram()[21:])  # pixels that differ by more than 20
    assert changed > 0.05 * marked.width * marked.height  # a visible mark across the scan
    assert clean.getextrema() == ((255, 255), (255, 255), (255, 255))  # still plain white
    with image.open_file() as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original


def test_the_watermark_covers_small_and_large_images():
    for size in ((120, 90), (2400, 1600)):
        marked = watermark(PILImage.new("RGB", size, "#ffffff"))
        assert marked.size == size and marked.getextrema() != ((255, 255), (255, 255), (255, 255))


def test_validity_must_not_end_before_it_starts(tree):
    certificate = tree["cma"]
    certificate.valid_until = datetime.date(2020, 1, 1)
    with pytest.raises(ValidationError) as error:
        certificate.full_clean()
    assert translated("The end of validity is before its start.") in str(error.value)


def test_site_search_finds_certificates_in_their_language(tree, client):
    chinese = client.get("/search/", {"q": "221512340567"}).content.decode()
    assert "/capabilities/certificates/" in chinese
    english = client.get("/en/search/", {"q": "inspection body accreditation"}).content.decode()
    assert "/en/capabilities/certificates/" in english


# -- the dashboard ---------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model, tree):
    user = django_user_model.objects.create_user(username="editor", password="pw-123456")
    user.groups.add(Group.objects.get(name="Editors"))
    client.login(username="editor", password="pw-123456")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_dashboard_warns_90_days_before_a_certificate_expires(tree, editor_client):
    tree["old"].delete()
    cma = tree["cma"]
    cma.valid_until = datetime.date(2026, 6, 30)
    cma.save()
    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, 0), tick=False):  # 91 days before
        html = editor_client.get("/admin/").content.decode()
        assert 'data-testid="certificates-expiring"' not in html
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0), tick=False):  # 90 days before
        html = editor_client.get("/admin/").content.decode()
        assert 'data-testid="certificates-expiring"' in html
        assert "1 certificate expires within 90 days" in html and "221512340567" in html
    with time_machine.travel(datetime.datetime(2026, 7, 1, 12, 0), tick=False):
        html = editor_client.get("/admin/").content.decode()
        assert 'data-testid="certificates-expired"' in html
        assert 'data-testid="certificates-expiring"' not in html
        site = editor_client.get("/capabilities/certificates/").content.decode()
        assert 'data-testid="certificate-expired"' in site


def test_the_english_copies_do_not_double_the_warning(tree, editor_client):
    cma = tree["cma"]
    cma.valid_until = datetime.date.today() + datetime.timedelta(days=60)
    cma.save()
    cma_en = tree["cma_en"]
    cma_en.valid_until = cma.valid_until
    cma_en.save()
    html = editor_client.get("/admin/").content.decode()
    assert "1 certificate expires within 90 days" in html  # the Chinese row, not its translation
