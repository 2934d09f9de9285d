"""Pieces of the site chrome that feature apps add to every page (a notice bar, a floating
contact bar) without the core templates naming them: an app registers a ``ChromeInclude`` with
the Wagtail hook ``register_chrome_include``, and ``{% chrome_slot "<slot>" %}`` in a core
template renders the templates registered for that slot, in ``order``, with the page's context.

Slots (in base.html): ``head`` (stylesheets), ``after_header`` (bars under the header) and
``body_end`` (floating controls, their scripts). What a feature app adds inside a page's own
content goes through ``corporate.core.extensions`` (page sections) instead."""

from dataclasses import dataclass

from wagtail import hooks

HOOK_NAME = "register_chrome_include"


@dataclass(frozen=True)
class ChromeInclude:
    slot: str
    template: str
    order: int = 100


def includes_for(slot):
    """The includes registered for ``slot``: each hook function returns one ChromeInclude or a
    list of them."""
    found = []
    for register in hooks.get_hooks(HOOK_NAME):
        result = register()
        found.extend(result if isinstance(result, list | tuple) else [result])
    return sorted((item for item in found if item.slot == slot), key=lambda item: item.order)
