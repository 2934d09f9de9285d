from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Base page, the shared block library, site chrome and the company profile.

    The label stays ``corporate`` (the app's name before the split into apps): its tables,
    content types, permissions and migration history keep their names."""

    name = "corporate.core"
    label = "corporate"
    verbose_name = _("Company site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from corporate.core.seo.site_url import apply_configured_site_url

        # A deployment's SITE_URL becomes the Site's address (absolute URLs are built from it).
        post_migrate.connect(apply_configured_site_url, sender=self)

        from wagtail.signals import page_published, post_page_move

        from corporate.core.seo import push

        # New and moved addresses go to Baidu and IndexNow (off without credentials).
        page_published.connect(push.on_page_published, dispatch_uid="corporate-search-push")
        post_page_move.connect(push.on_page_moved, dispatch_uid="corporate-search-push-move")

        from corporate.core import site_cache
        from corporate.core.localize_gaps import (
            locale_lookups,
            rich_text_parser,
            routing,
            site_lookup,
            view_restrictions,
        )

        # Locale lookups are read once per request; the Site, view restrictions and routes
        # once per change of the site.
        locale_lookups.install()
        view_restrictions.install()
        routing.install()
        site_lookup.install()
        # Two editors' forms rendered at once must not share one HTML parser.
        rich_text_parser.install()

        # Cached menu, home page, profile and translations go stale on every publish.
        site_cache.connect()

        from corporate.core.images import register_faster_avif

        register_faster_avif()
