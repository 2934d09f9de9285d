"""{% page_sections page %}: what feature apps add below a page's own content (see
corporate/core/extensions.py)."""

from django import template

from corporate.core.extensions import render_page_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    return render_page_sections(context.get("request"), page)
