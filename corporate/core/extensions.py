"""How feature apps extend core's page types without core naming them.

- ``allow_subpage_types(parent, *labels)``: a feature app's page type may be created under a
  core page type (Wagtail checks the parent's ``subpage_types`` too), e.g. the capability
  catalogue under a StandardPage. Called from the feature app's ``AppConfig.ready``.
- Page sections: a feature app registers a function with the Wagtail hook
  ``"corporate_page_sections"``; it is called as ``fn(request, page)`` by the
  ``{% page_sections page %}`` tag at the end of core's page templates and returns HTML (or
  "") — e.g. the certificates on the About page, the parameters of an accreditation area.
"""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks

PAGE_SECTIONS_HOOK = "corporate_page_sections"


def allow_subpage_types(parent, *labels):
    current = list(parent.subpage_types or [])
    parent.subpage_types = current + [label for label in labels if label not in current]
    parent._clean_subpage_models = None  # Wagtail caches the resolved list


def render_page_sections(request, page):
    parts = [fn(request, page) for fn in hooks.get_hooks(PAGE_SECTIONS_HOOK)]
    parts = [part for part in parts if part]
    if not parts:
        return ""
    return format_html_join("", "{}", ((mark_safe(part),) for part in parts))  # noqa: S308 (sections render through templates)
