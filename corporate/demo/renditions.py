"""Image renditions made ahead (``build_demo_site --renditions``, which `make run` passes): every
live page is rendered once, in every language, so each <picture> source (AVIF, WebP, JPEG at
each width, corporate/core/images.py) and each share-card image exists before a visitor asks
for it; AVIF is slow to encode."""

import time

from django.test import Client
from wagtail.models import Page, Site


def make_page_renditions():
    """Render every live page once; returns (pages rendered, seconds)."""

    started = time.monotonic()
    site = Site.objects.filter(is_default_site=True).first()
    # A page that fails to render must not stop the build: its rendition is made on first view.
    client = Client(HTTP_HOST=site.hostname if site else "localhost", raise_request_exception=False)
    count = 0
    for page in Page.objects.filter(depth__gte=2).live().public().specific().iterator():
        url = page.get_url()
        if url:
            client.get(url)
            count += 1
    return count, time.monotonic() - started
