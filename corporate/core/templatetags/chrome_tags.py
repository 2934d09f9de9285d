"""``{% chrome_slot "name" %}``: the templates feature apps register for a slot of the site
chrome (see corporate/core/chrome.py)."""

from django import template
from django.utils.safestring import mark_safe

from corporate.core.chrome import includes_for

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome_slot(context, slot):
    engine = context.template.engine
    parts = []
    for item in includes_for(slot):
        with context.push():
            parts.append(engine.get_template(item.template).render(context))
    return mark_safe("".join(parts))
