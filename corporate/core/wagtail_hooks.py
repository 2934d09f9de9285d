"""Admin hooks of the core app: the workarounds of corporate/core/localize_gaps/ that hook into
Wagtail register themselves when imported here."""

from corporate.core.localize_gaps import (  # noqa: F401
    aliases,
    publish_guard,
    snippet_permissions,
)
