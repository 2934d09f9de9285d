"""Two admin sessions at once: one editor's page autosaving while another editor publishes,
through the real edit view, each session on its own database connection (a thread)."""

import threading

from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.admin_forms import edit_form_data


def autosave_and_publish_at_once(user, autosave_page_id, publish_page_id, rounds=15):
    """Run both sessions; return what each request answered and any exception raised."""
    results = {"autosave": [], "publish": [], "errors": []}
    ready = threading.Barrier(2, timeout=60)

    def session(kind, page_id):
        try:
            client = Client()
            client.force_login(user)
            page = Page.objects.get(pk=page_id).specific
            url = reverse("wagtailadmin_pages:edit", args=[page_id])
            data = edit_form_data(client, url, page, form_id="page-edit-form")
            ready.wait()
            for number in range(rounds):
                if kind == "autosave":
                    data["title"] = f"自动保存 {number}"
                    response = client.post(url, data, HTTP_ACCEPT="application/json")
                    payload = response.json()
                    results["autosave"].append(bool(payload.get("success")))
                    # What the admin's autosave sends next: overwrite its own revision.
                    data["overwrite_revision_id"] = str(payload.get("revision_id", ""))
                else:
                    posted = {**data, "title": f"发布 {number}", "action-publish": "publish"}
                    response = client.post(url, posted)
                    results["publish"].append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            results["errors"].append(f"{kind}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=session, args=("autosave", autosave_page_id)),
        threading.Thread(target=session, args=("publish", publish_page_id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def check(results, autosave_page_id, publish_page_id, rounds=15):
    """Every request of both sessions succeeded and the last of each is what is stored."""
    assert results["errors"] == []
    assert results["autosave"] == [True] * rounds
    assert results["publish"] == [302] * rounds
    autosaved = Page.objects.get(pk=autosave_page_id)
    assert autosaved.get_latest_revision().as_object().title == f"自动保存 {rounds - 1}"
    published = Page.objects.get(pk=publish_page_id)
    assert published.title == f"发布 {rounds - 1}" and published.live
