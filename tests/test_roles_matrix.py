"""Every cell of README's "Who may do what" table, tried through the admin over HTTP.

A right marked ✓ must succeed (200 or a redirect) and make its change; one marked ✗ must be
refused (403, or Wagtail's "no permission" redirect to the dashboard) and change nothing. The
table is read from README.md, so the documentation and the roles cannot drift apart."""

import io
import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, ModelLogEntry, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    Translation,
    TranslationSource,
)

from corporate.core.models import CompanyProfile, StandardPage
from corporate.inquiries.models import InquirySubmission
from corporate.translations.roles import EDITORS, INQUIRY_HANDLERS, TRANSLATORS, setup_groups
from tests import factories
from tests.admin_forms import edit_form_data
from tests.helpers import make_site_tree, translate_tree

README = Path(__file__).resolve().parents[1] / "README.md"
# Wagtail's own message (a variable, so that makemessages does not copy it into locale/).
WAGTAIL_DENIED = "Sorry, you do not have permission to access this area."
ROLES = {"Editors": EDITORS, "Translators": TRANSLATORS, "Inquiry handlers": INQUIRY_HANDLERS}


def read_matrix():
    """[(right, {group name: allowed})] from README's table."""
    text = README.read_text()
    block = text.split("<!-- roles-matrix -->")[1].split("<!-- /roles-matrix -->")[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in block.strip().splitlines()
    ]
    header, rows = rows[0], rows[2:]
    groups = [ROLES[re.sub(r"\s*\(.*\)", "", name)] for name in header[1:]]
    return [(row[0], dict(zip(groups, (c == "✓" for c in row[1:]), strict=True))) for row in rows]


MATRIX = read_matrix()


# -- the world: a small translated site, three users, two inquiries --------------------------


def build_world():
    tree = make_site_tree()
    en = Locale.objects.get_or_create(language_code="en")[0]
    zh = Locale.objects.get(language_code="zh-hans")
    tree["privacy"] = factories.StandardPageFactory(
        parent=tree["home"], title="隐私政策", slug="privacy-policy"
    )
    tree["process"] = factories.StandardPageFactory(
        parent=tree["home"], title="服务流程", slug="service-process"
    )
    # An image on the article: a synchronised field the English copy could override.
    article = tree["article"].specific
    article.hero_image = wagtail_factories.ImageFactory()
    article.save_revision().publish()
    english = translate_tree(tree, en, skip={"process"})
    setup_groups()
    User = Page.owner.field.related_model
    admin = User.objects.create_superuser("matrix-admin", "admin@example.com", "pw")
    users = {}
    for name in ROLES.values():
        user = User.objects.create_user(username=f"matrix-{name}", password="pw")
        user.groups.add(Group.objects.get(name=name))
        users[name] = user.pk
    inquiries = [
        InquirySubmission.objects.create(page=tree["contact"], form_data={"name": "张三"}),
        InquirySubmission.objects.create(
            page=english["contact"], form_data={"name": "Jane"}, language="en"
        ),
    ]
    return {
        "zh": {key: page.pk for key, page in tree.items()},
        "en": {key: page.pk for key, page in english.items()},
        "en_locale": en.pk,
        "zh_locale": zh.pk,
        "admin_pk": admin.pk,
        "users": users,
        "inquiries": [i.pk for i in inquiries],
    }


@pytest.fixture(scope="module")
def _matrix_db(django_db_setup, django_db_blocker, _db_states):
    """Built once for the module in a transaction rolled back at its end (like ``demo_site``);
    each test runs in a savepoint inside it. Built on the migrated database (the baseline
    state), which each test then finds already there (tests/conftest.py)."""
    with django_db_blocker.unblock():
        _db_states.use("baseline")
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def world(_matrix_db, db):
    ids = _matrix_db
    admin = Client()
    admin.force_login(Page.owner.field.related_model.objects.get(pk=ids["admin_pk"]))
    return SimpleNamespace(admin=admin, **ids)


def page(pk):
    return Page.objects.get(pk=pk).specific


def translation_of(pk):
    target = page(pk)
    return Translation.objects.get(
        source__object_id=target.translation_key, target_locale_id=target.locale_id
    )


def put(client, url, value):
    """wagtail-localize's editor saves one string (or override) with a form-encoded PUT."""
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def string_segment(translation, text):
    return (
        StringSegment.objects.filter(source=translation.source, string__data=text)
        .select_related("string")
        .get()
    )


# -- the rights ------------------------------------------------------------------------------
# Each takes the world and the role's client, makes its request(s) and returns
# (last response, whether the change happened).


def add_chinese_page(w, client):
    url = reverse("wagtailadmin_pages:add", args=("corporate", "standardpage", w.zh["home"]))
    data = edit_form_data(w.admin, url, StandardPage(), form_id="page-edit-form")
    data.update({"title": "新页面", "slug": "matrix-new", "action-publish": "action-publish"})
    response = client.post(url, data)
    return response, StandardPage.objects.filter(slug="matrix-new").live().exists()


def edit_and_publish_chinese_page(w, client):
    about = page(w.zh["about"])
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    data = edit_form_data(w.admin, url, about, form_id="page-edit-form")
    data.update({"title": "关于我们（修改）", "action-publish": "action-publish"})
    response = client.post(url, data)
    return response, page(about.pk).title == "关于我们（修改）"


def unpublish_page(key, language):
    def action(w, client):
        pk = getattr(w, language)[key]
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[pk]), {})
        return response, not page(pk).live

    return action


def move_page(language):
    def action(w, client):
        ids = getattr(w, language)
        response = client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[ids["about"], ids["privacy"]])
        )
        moved = page(ids["about"]).get_parent().pk == ids["privacy"]
        if language == "zh" and moved:
            # The English copy follows its Chinese page.
            assert page(w.en["about"]).get_parent().pk == w.en["privacy"]
        return response, moved

    return action


def delete_page(language):
    def action(w, client):
        pk = getattr(w, language)["article"]
        response = client.post(reverse("wagtailadmin_pages:delete", args=[pk]), {})
        deleted = not Page.objects.filter(pk=pk).exists()
        if language == "zh" and deleted:
            assert not Page.objects.filter(pk=w.en["article"]).exists()
        return response, deleted

    return action


def edit_chinese_snippet(w, client):
    profile = CompanyProfile.objects.get(locale_id=w.zh_locale)
    url = reverse(CompanyProfile.snippet_viewset.get_url_name("edit"), args=[profile.pk])
    data = edit_form_data(w.admin, url, profile)
    data["tagline"] = "新的标语"
    response = client.post(url, data)
    profile.refresh_from_db()
    return response, profile.tagline == "新的标语"


def change_settings(w, client):
    from corporate.translations.roles import settings_models

    models = settings_models()
    if not models:
        pytest.skip("no settings are registered")
    model = models[0]
    site = Page.objects.get(pk=w.zh["home"]).get_site()
    if hasattr(model, "for_site"):
        instance, key = model.for_site(site), site.pk
    else:
        instance = model.load()
        key = instance.pk
    args = [model._meta.app_label, model._meta.model_name, key]
    url = reverse("wagtailsettings:edit", args=args)
    data = edit_form_data(w.admin, url, instance)
    response_user = client.session.get("_auth_user_id")
    response = client.post(url, data)
    # The form is posted as it is: the edit is recorded in Wagtail's log when it is saved.
    saved = ModelLogEntry.objects.filter(
        action="wagtail.edit",
        object_id=str(instance.pk),
        content_type__model=model._meta.model_name,
        user_id=response_user,
    ).exists()
    return response, saved


def upload_image(w, client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "green").save(buffer, "PNG")
    before = get_image_model().objects.count()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "matrix image",
            "file": SimpleUploadedFile("matrix.png", buffer.getvalue(), "image/png"),
            "collection": get_image_model().get_root_collection_id()
            if hasattr(get_image_model(), "get_root_collection_id")
            else "",
        },
    )
    return response, get_image_model().objects.count() == before + 1


def add_redirect(w, client):
    response = client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": "/matrix-old/",
            "site": "",
            "is_permanent": "on",
            "redirect_link": "https://example.com/",
        },
    )
    return response, Redirect.objects.filter(old_path="/matrix-old").exists()


def start_english_copy(w, client):
    pk = w.zh["process"]
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[pk]), {"locales": [w.en_locale]}
    )
    return response, page(pk).has_translation(Locale.objects.get(pk=w.en_locale))


def sync_translated_pages(w, client):
    service = page(w.zh["service"])
    service.summary = "同步用的新摘要。"
    service.save_revision().publish()
    source = TranslationSource.objects.get(object_id=service.translation_key)
    before = source.last_updated_at
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    source.refresh_from_db()
    return response, source.last_updated_at != before


def see_report(w, client):
    response = client.get(reverse("corporate_out_of_date_translations"))
    return response, response.status_code == 200 and b'data-testid="up-to-date"' in (
        response.content
    )


def edit_english_text_of_page(w, client):
    english = page(w.en["service"])
    translation = translation_of(english.pk)
    segment = string_segment(translation, page(w.zh["service"]).title)
    put(
        client,
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "Soil testing (edited)",
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"}
    )
    return response, page(english.pk).title == "Soil testing (edited)"


def edit_english_text_of_snippet(w, client):
    chinese = CompanyProfile.objects.get(locale_id=w.zh_locale)
    english = CompanyProfile.objects.get(locale_id=w.en_locale)
    translation = Translation.objects.get(
        source__object_id=chinese.translation_key, target_locale_id=w.en_locale
    )
    segment = string_segment(translation, chinese.name)
    put(
        client,
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "Guoping Testing (edited)",
    )
    url = reverse(CompanyProfile.snippet_viewset.get_url_name("edit"), args=[english.pk])
    response = client.post(url, {"action": "publish"})
    english.refresh_from_db()
    return response, english.name == "Guoping Testing (edited)"


def override_synchronised_field(w, client):
    for key in ("contact", "service", "article", "about"):
        translation = translation_of(w.en[key])
        segment = OverridableSegment.objects.filter(source=translation.source).first()
        if segment is not None:
            break
    else:
        pytest.fail("no synchronised field that could be overridden")
    response = put(
        client,
        reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
        str(segment.data_json and json.loads(segment.data_json) or "1"),
    )
    return response, SegmentOverride.objects.filter(context_id=segment.context_id).exists()


def edit_in_wagtails_editor(w, client):
    english = page(w.en["service"])
    Translation.objects.filter(pk=translation_of(english.pk).pk).update(enabled=False)
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    data = edit_form_data(w.admin, url, english, form_id="page-edit-form")
    data.update({"summary": "Edited in Wagtail's editor.", "action-publish": "action-publish"})
    response = client.post(url, data)
    return response, page(english.pk).summary == "Edited in Wagtail's editor."


def stop_translation(w, client):
    translation = translation_of(w.en["service"])
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"}
    )
    translation.refresh_from_db()
    return response, not translation.enabled


def submissions_url(w):
    return reverse("wagtailforms:list_submissions", args=[w.zh["contact"]])


def read_inquiries(w, client):
    response = client.get(submissions_url(w))
    reference = InquirySubmission.objects.get(pk=w.inquiries[0]).reference
    return response, response.status_code == 200 and reference in response.content.decode()


def export_inquiries(w, client):
    response = client.get(submissions_url(w) + "?export=csv")
    if response.status_code != 200 or not hasattr(response, "streaming_content"):
        return response, False
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return response, InquirySubmission.objects.get(pk=w.inquiries[0]).reference in text


def delete_inquiry(w, client):
    pk = w.inquiries[0]
    url = reverse("wagtailforms:delete_submissions", args=[w.zh["contact"]])
    response = client.post(f"{url}?selected-submissions={pk}")
    return response, not InquirySubmission.objects.filter(pk=pk).exists()


def manage_users(w, client):
    response = client.get(reverse("wagtailusers_users:index"))
    return response, response.status_code == 200


ACTIONS = {
    "Add a Chinese page": add_chinese_page,
    "Edit and publish a Chinese page": edit_and_publish_chinese_page,
    "Unpublish a Chinese page": unpublish_page("about", "zh"),
    "Move a Chinese page (its English copy moves with it)": move_page("zh"),
    "Delete a Chinese page (its English copy goes with it)": delete_page("zh"),
    "Edit a Chinese snippet": edit_chinese_snippet,
    "Change site settings": change_settings,
    "Upload images": upload_image,
    "Add redirects": add_redirect,
    "Start the English copy of a Chinese page": start_english_copy,
    "Sync translated pages": sync_translated_pages,
    "See the out-of-date translations report": see_report,
    "Edit and publish the English text of a page": edit_english_text_of_page,
    "Edit and publish the English text of a snippet": edit_english_text_of_snippet,
    "Change a synchronised or non-text field of an English page (slug, image, date, "
    "recipients, form field type)": override_synchronised_field,
    "Edit an English page in Wagtail's own editor (all fields)": edit_in_wagtails_editor,
    "Stop a translation": stop_translation,
    "Unpublish an English page": unpublish_page("about", "en"),
    "Move an English page": move_page("en"),
    "Delete an English page": delete_page("en"),
    "Read inquiries": read_inquiries,
    "Export inquiries": export_inquiries,
    "Delete an inquiry": delete_inquiry,
    "Manage users and groups": manage_users,
}


def test_every_row_of_the_table_has_a_test_and_every_test_a_row():
    assert [right for right, _cells in MATRIX] == list(ACTIONS)


def form_errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return form.errors if form is not None else getattr(response, "status_code", None)


def is_refusal(response):
    if response is None or response.status_code == 403:
        return True
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        with translation.override(response.wsgi_request.LANGUAGE_CODE):
            denied = gettext(WAGTAIL_DENIED).strip()
        return denied in [str(m).strip() for m in get_messages(response.wsgi_request)]
    return False


@pytest.mark.parametrize(
    "right, group, allowed",
    [(right, group, allowed) for right, cells in MATRIX for group, allowed in cells.items()],
)
def test_cell(world, right, group, allowed):
    user = Page.owner.field.related_model.objects.get(pk=world.users[group])
    client = Client()
    client.force_login(user)
    response, changed = ACTIONS[right](world, client)
    if allowed:
        assert response is None or response.status_code in (200, 302)
        assert not is_refusal(response), f"{group} was refused: {right}"
        assert changed, f"{group} may {right}, but nothing changed: {form_errors(response)}"
    else:
        assert response is None or response.status_code in (200, 302, 403, 404)
        assert not changed, f"{group} may not {right}, but it happened"
        if response is not None and response.status_code == 302:
            location = response["Location"]
            assert is_refusal(response) or location.startswith("/admin/"), location
