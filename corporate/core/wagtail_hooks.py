"""Admin hooks of the core app: the workarounds of corporate/core/localize_gaps/ that hook into
Wagtail register themselves when imported here."""

from wagtail import hooks

from corporate.core.chrome import ChromeInclude
from corporate.core.localize_gaps import (  # noqa: F401
    aliases,
    publish_guard,
    snippet_permissions,
)
from corporate.core.seo import admin_hooks  # noqa: F401  (Advertising Law check, search engine push)


@hooks.register("register_chrome_include")
def back_to_top():
    return ChromeInclude("body_end", "components/back_to_top.html", order=900)
