"""Point the default Site at the site's public address, from which every absolute URL is built
(canonical and hreflang links, the sitemap, feeds, share cards, QR codes, e-mails)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from corporate.core.seo.site_url import apply_site_url


class Command(BaseCommand):
    help = "Set the default Site's hostname and port from an address (default: SITE_URL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="e.g. https://www.example.com or http://127.0.0.1:8123"
        )

    def handle(self, *args, url=None, **options):
        url = url or settings.SITE_URL
        if not url:
            raise CommandError("Give the site's address or set SITE_URL.")
        try:
            site = apply_site_url(url)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if site is None:
            raise CommandError("There is no default Site yet (run build_demo_site or migrate).")
        self.stdout.write(f"Site {site.site_name or site.pk}: {site.root_url}")
