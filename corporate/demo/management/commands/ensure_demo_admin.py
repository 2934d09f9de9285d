"""Create (or reset) the demo administrator and print the login. For the run command only."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from corporate.core.seo.site_url import apply_site_url


class Command(BaseCommand):
    help = "Create or reset the demo superuser 'admin' and print its login (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEMO_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--site-url",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="Address the site is served at: the Site is set to it, and the links printed.",
        )

    def handle(self, *args, username, site_url, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_admin is for the development server only (DEBUG=True).")
        # Absolute URLs (canonical, sitemap, share links, QR codes, e-mails) are built from the
        # Site: make it the address the development server is about to serve.
        try:
            apply_site_url(site_url)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@guoping-testing.example"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        base = site_url.rstrip("/")
        line = "=" * 60
        self.stdout.write(
            f"\n{line}\n  Site:     {base}/   (English: {base}/en/)\n"
            f"  Admin:    {base}/admin/\n  Username: {username}\n  Password: {password}\n"
            f"  ({'created' if created else 'password reset'}; set DEMO_ADMIN_PASSWORD to choose it)\n{line}\n"
        )
