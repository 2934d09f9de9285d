"""The Advertising Law check (《广告法》第九条第（三）项): absolute terms found in every text field
and block, whole-word aware (false friends are no hits), shown beside the field with the words
highlighted, and publishing only after a confirmation that the page's history records."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from corporate.core.models import AdLawTerm
from corporate.core.seo.adlaw import Term, find, scan_page, terms_for
from corporate.core.seo.adlaw_terms import CHINESE_TERMS, ENGLISH_TERMS, seed_terms
from tests.helpers import make_site_tree

CHINESE = [Term(term, tuple(exceptions)) for term, exceptions in CHINESE_TERMS]
ENGLISH = [Term(term, tuple(exceptions)) for term, exceptions in ENGLISH_TERMS]


def found(text, terms):
    return [text[start:end] for start, end, _term in find(text, terms)]


@pytest.mark.parametrize(
    "text, hits",
    [
        ("我们是山东最好的检测机构", ["最好"]),
        ("检测数据准确率行业第一", ["第一"]),
        ("拥有国家级实验室", ["国家级"]),
        ("省内唯一具备该资质的机构", ["唯一"]),
        ("顶级设备，最佳服务", ["顶级", "最佳"]),
        ("企业首选的第三方检测机构", ["首选"]),
        ("最先进的仪器、最权威的报告", ["最先进", "最权威"]),
    ],
)
def test_chinese_absolute_terms_are_found(text, hits):
    assert found(text, CHINESE) == hits


@pytest.mark.parametrize(
    "text",
    [
        "最新动态",  # 最新 is no term
        "2023年第一季度检测报告",
        "第一次采样前请联系我们",
        "对作为第一责任层级的执法事项",  # the seed article
        "样品的唯一性标识",
        "最大限度减少误差",
        "最高允许排放浓度",
        "绝对误差不超过 0.5%",
        "国家级自然保护区内的监测点位",
        "第一批、第一阶段、第一部分",
    ],
)
def test_chinese_false_friends_are_no_hits(text):
    assert found(text, CHINESE) == []


@pytest.mark.parametrize(
    "text, hits",
    [
        ("The best laboratory in Shandong", ["best"]),
        ("We are No. 1 in soil testing", ["No. 1"]),
        ("A national-level testing centre", ["national-level"]),
        ("The only accredited lab in town", ["only"]),
        ("A TOP laboratory", ["TOP"]),
        ("World-class instruments", ["World-class"]),
    ],
)
def test_english_terms_are_found_as_whole_words(text, hits):
    assert found(text, ENGLISH) == hits


@pytest.mark.parametrize(
    "text",
    [
        "Best practice in sampling",
        "It was bestowed on us",
        "Topsoil and subsoil samples",
        "Back to top",
        "Not only water but also air",
        "The form is sent only after you agree",
        "Stop-and-go traffic",
        "No. 12 Jingshi Road",
    ],
)
def test_english_false_friends_are_no_hits(text):
    assert found(text, ENGLISH) == []


@pytest.mark.django_db
def test_the_list_is_seeded_and_editors_manage_it(zh):
    seed_terms(AdLawTerm)
    chinese = {t.term for t in terms_for("zh-hans")}
    assert {"最好", "第一", "国家级", "唯一", "顶级", "最佳", "首选"} <= chinese
    assert {"best", "No. 1", "national-level", "only", "top"} <= {t.term for t in terms_for("en")}
    AdLawTerm.objects.create(term="王牌", language="zh-hans")
    assert found("王牌检测服务", terms_for("zh-hans")) == ["王牌"]
    bad = AdLawTerm(term="第一", language="zh-hans", exceptions="第二季度")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "exceptions" in error.value.message_dict


# -- in the editor ---------------------------------------------------------------------------


@pytest.fixture
def editor(client, django_user_model):
    tree = make_site_tree()
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client, tree, user


def about_form(page, intro, paragraph, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": intro,
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            **extra,
        }
    )


def test_publishing_asks_for_a_confirmation_that_the_history_records(editor):
    client, tree, user = editor
    about = tree["about"]
    url = f"/admin/pages/{about.pk}/edit/"
    data = about_form(
        about, "2023年第一季度，我们完成了内审。", "<p>我们是山东最好的检测机构。</p>"
    )
    data["action-publish"] = "action-publish"

    response = client.post(url, data)
    assert response.status_code == 200  # the editor again, nothing published
    html = response.content.decode()
    assert '<mark class="adlaw-hit">最好</mark>' in html
    assert "第一季度" in html and '<mark class="adlaw-hit">第一</mark>' not in html
    assert "adlaw_confirmed" in html  # the confirmation box is shown now
    # The error beside the body (rendered by the stream editor from JSON) names the word.
    errors = response.context["form"].errors
    assert list(errors) == ["body"] and "“最好”" in errors["body"][0]
    about.refresh_from_db()
    assert "最好" not in Client().get(about.url).content.decode()

    data["adlaw_confirmed"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert "我们是山东最好的检测机构" in Client().get(about.url).content.decode()
    entry = PageLogEntry.objects.get(page=about, action="corporate.adlaw_confirmed")
    assert entry.user == user
    assert entry.data["terms"] == ["最好"]
    history = client.get(f"/admin/pages/{about.pk}/history/").content.decode()
    assert "最好" in history


def test_saving_a_draft_goes_ahead_and_the_editor_shows_the_hits(editor):
    client, tree, _user = editor
    about = tree["about"]
    url = f"/admin/pages/{about.pk}/edit/"
    data = about_form(about, "顶级设备，首选服务。", "<p>普通文字。</p>")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark class="adlaw-hit">顶级</mark>' in html
    assert '<mark class="adlaw-hit">首选</mark>' in html
    about.refresh_from_db()
    assert about.get_latest_revision_as_object().intro == "顶级设备，首选服务。"
    assert not PageLogEntry.objects.filter(page=about, action="corporate.adlaw_confirmed").exists()


def test_clean_pages_publish_without_a_question(editor):
    client, tree, _user = editor
    about = tree["about"]
    data = about_form(about, "我们的最新动态。", "<p>第一次委托请先联系我们。</p>")
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{about.pk}/edit/", data)
    assert response.status_code == 302
    assert not PageLogEntry.objects.filter(page=about, action="corporate.adlaw_confirmed").exists()


def test_every_text_field_and_block_is_scanned(editor):
    _client, tree, _user = editor
    service = tree["service"].specific
    service.summary = "最佳选择"
    service.body = [
        {
            "type": "numbered_points",
            "value": {
                "style": "ordinal",
                "points": [{"lead": "设备顶尖。", "text": "数据唯一可信。"}],
            },
        },
    ]
    service.seo_title = "国家级检测"
    labels = {(hit.field, tuple(hit.terms)) for hit in scan_page(service)}
    assert ("summary", ("最佳",)) in labels
    assert ("seo_title", ("国家级",)) in labels
    assert ("body", ("顶尖",)) in labels
    assert ("body", ("唯一",)) in labels


def test_the_contact_page_is_checked_too(editor):
    client, tree, user = editor
    contact = tree["contact"]
    url = f"/admin/pages/{contact.pk}/edit/"
    data = nested_form_data(
        {
            "title": contact.title,
            "slug": contact.slug,
            "intro": "山东最好的检测机构，欢迎来电。",
            "body": streamfield([]),
            "form_fields": inline_formset([]),
            "thank_you_text": rich_text("<p>谢谢</p>"),
            "to_address": "lab@guoping-testing.example",
            "from_address": "web@guoping-testing.example",
            "subject": "委托",
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200  # refused: the editor again
    assert '<mark class="adlaw-hit">最好</mark>' in response.content.decode()
    assert "最好" not in Client().get(contact.url).content.decode()
    data["adlaw_confirmed"] = "on"
    assert client.post(url, data).status_code == 302
    assert "最好的检测机构" in Client().get(contact.url).content.decode()
    assert PageLogEntry.objects.filter(page=contact, action="corporate.adlaw_confirmed").exists()
