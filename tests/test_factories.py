"""Every page type has a factory (torchbox.com's rule): adding a page type without one fails here."""

from wagtail.models import Page, get_page_models

from tests.factories import PAGE_FACTORIES


def test_every_page_type_has_a_factory():
    project_models = [
        model
        for model in get_page_models()
        if model is not Page
        and model._meta.app_label
        in {
            "corporate",
            "inquiries",
            "home",
            "news",
            "reports",
            "capabilities",
            "cases",
            "downloads",
        }
    ]
    missing = [model.__name__ for model in project_models if model not in PAGE_FACTORIES]
    assert missing == []
    assert len(project_models) >= 9


def test_factories_build_live_pages(site_tree):
    for name, page in site_tree.items():
        assert page.live, name
        assert page.locale.language_code == "zh-hans"
