from django import template

from corporate.notices.models import Notice

register = template.Library()


@register.simple_tag
def current_notices():
    """The notices of the active language shown now."""
    return list(Notice.objects.current())
