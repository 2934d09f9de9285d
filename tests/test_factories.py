"""Every page type has a factory (torchbox.com's rule): adding a page type without one fails here."""

from tests.factories import PAGE_FACTORIES
from tests.helpers import project_page_models


def test_every_page_type_has_a_factory():
    project_models = project_page_models()
    missing = [model.__name__ for model in project_models if model not in PAGE_FACTORIES]
    assert missing == []
    assert len(project_models) >= 9


def test_factories_build_live_pages(site_tree):
    for name, page in site_tree.items():
        assert page.live, name
        assert page.locale.language_code == "zh-hans"
