"""Page speed and memory on the demo site: server time per page type (p50/p95), SQL queries
per page, HTML size, and the process's peak memory, in both languages, on PostgreSQL.

Served through Django's test client (the whole middleware and template stack, no network),
with the cache warm as in production after the first request."""

import resource
import statistics
import time

from tests.bench import bench_database, percentile, print_table, setup_django

ROUNDS = 30


def sample_pages():
    """One page of each type in each language, plus the list and search views."""
    from wagtail.models import Page

    chosen = {}
    for page in Page.objects.filter(depth__gte=2).live().specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        chosen.setdefault(key, page.url)
    urls = sorted(chosen.items())
    urls += [
        (("news list, page 2", "zh-hans"), "/news/?page=2"),
        (("news feed", "en"), "/en/news/feed/"),
        (("search 土壤", "zh-hans"), "/search/?q=土壤"),
        (("search soil", "en"), "/en/search/?q=soil"),
    ]
    return urls


def measure(client, url):
    from django.db import connection

    client.get(url)  # warm caches and template loaders
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    # Count with an execute wrapper: Django empties connection.queries when a request starts.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    return response.status_code, timings, len(queries), len(response.content)


# -- image bytes ------------------------------------------------------------------------------

VIEWPORTS = [("desktop 1366 px, 1x", 1366, 1), ("phone 390 px, 3x", 390, 3)]
REM = 16


def slot_width(sizes, viewport):
    """The CSS width a sizes attribute gives an image at ``viewport`` px ("(min-width: 64rem)
    23rem, (min-width: 40rem) 45vw, 100vw")."""
    import re

    def length(text):
        number, unit = re.fullmatch(r"([\d.]+)(rem|px|vw)", text.strip()).groups()
        return float(number) * {"rem": REM, "px": 1, "vw": viewport / 100}[unit]

    for part in (sizes or "100vw").split(","):
        part = part.strip()
        match = re.fullmatch(r"\(min-width:\s*([\d.]+(?:rem|px))\)\s*(.+)", part)
        if match is None:
            return length(part)
        if viewport >= length(match.group(1)):
            return length(match.group(2))
    return viewport


def candidates(srcset):
    """[(width, url)] of a srcset with width descriptors."""
    found = []
    for item in srcset.split(","):
        url, _, descriptor = item.strip().rpartition(" ")
        found.append((int(descriptor.rstrip("w")), url))
    return sorted(found)


def chosen(srcset, sizes, viewport, density):
    """The candidate a browser takes: the narrowest at least slot width x density wide."""
    needed = slot_width(sizes, viewport) * density
    options = candidates(srcset)
    for width, url in options:
        if width >= needed:
            return url
    return options[-1][1]


def file_bytes(url):
    from django.conf import settings

    path = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    return path.stat().st_size


def print_image_weight(client, url):
    """Bytes of the images of a page: before (one JPEG per image at the widest size, as the
    templates used to ask for) and after (the <picture> source a browser picks: AVIF, or WebP,
    or the JPEG fallback, at the width the layout needs), eager and lazy apart."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    pictures = soup.find_all("picture")
    rows = []
    for label, viewport, density in VIEWPORTS:
        totals = {"before": 0, "avif": 0, "webp": 0, "jpeg": 0, "eager avif": 0}
        for picture in pictures:
            img = picture.find("img")
            sizes = img.get("sizes")
            jpeg = candidates(img["srcset"]) if img.get("srcset") else [(0, img["src"])]
            totals["before"] += file_bytes(jpeg[-1][1])
            totals["jpeg"] += file_bytes(
                chosen(img.get("srcset", img["src"] + " 1w"), sizes, viewport, density)
            )
            for source in picture.find_all("source"):
                kind = source["type"].split("/")[1]
                picked = file_bytes(
                    chosen(source["srcset"], source.get("sizes"), viewport, density)
                )
                totals[kind] += picked
                if kind == "avif" and img.get("loading") != "lazy":
                    totals["eager avif"] += picked
        rows.append(
            (
                label,
                len(pictures),
                f"{totals['before'] / 1024:.0f}",
                f"{totals['avif'] / 1024:.0f}",
                f"{totals['webp'] / 1024:.0f}",
                f"{totals['jpeg'] / 1024:.0f}",
                f"{totals['eager avif'] / 1024:.0f}",
                f"{100 * (1 - totals['avif'] / totals['before']):.0f} %"
                if totals["before"]
                else "-",
            )
        )
    print_table(
        f"Images on {url} (KB): before = one JPEG each at the widest size; after = the "
        "<picture> source picked for the viewport",
        ["viewport", "images", "before", "AVIF", "WebP", "JPEG", "AVIF not lazy", "saved"],
        rows,
    )


def print_traditional_regeneration(build_seconds):
    """The Traditional site's full regeneration (``manage.py generate_traditional_site``) from
    nothing, rewritten (``--force``) and when every copy is up to date, beside the build of
    the Chinese and English demo measured just before."""
    from wagtail.models import Page

    from corporate.translations import traditional

    rows = []
    for label, force in (
        ("from nothing", False),
        ("rewrite everything (--force)", True),
        ("nothing changed", False),
    ):
        written, seconds = traditional.regenerate_all(force=force)
        rows.append((label, written, f"{seconds:.1f}", f"{seconds / build_seconds:.2f}"))
    print_table(
        "Traditional site regenerated from the Simplified one (OpenCC through wagtail-localize)",
        ["run", "objects", "seconds", "÷ Chinese + English build"],
        rows,
    )
    pages = Page.objects.filter(locale__language_code=traditional.TRADITIONAL, live=True)
    print(f"Traditional pages live: {pages.count()}")


def run():
    with bench_database("guoping_bench_pages"):
        setup_django()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("build_demo_site", verbosity=0, no_traditional=True)
        build_seconds = time.perf_counter() - started
        print(
            f"Demo site built in {build_seconds:.1f} s (Chinese, and English through "
            "wagtail-localize's PO import; with the search index)"
        )
        print_traditional_regeneration(build_seconds)

        client = Client()
        rows = []
        every = []
        for (label, language), url in sample_pages():
            status, timings, queries, size = measure(client, url)
            every.extend(timings)
            rows.append(
                (
                    label,
                    language,
                    status,
                    f"{statistics.median(timings):.1f}",
                    f"{percentile(timings, 0.95):.1f}",
                    queries,
                    f"{size / 1024:.1f}",
                )
            )
        print_table(
            f"Server time per page ({ROUNDS} requests each, warm cache)",
            ["page", "lang", "status", "p50 ms", "p95 ms", "queries", "KB"],
            rows,
        )
        print(
            f"\nAll pages: p50 {statistics.median(every):.1f} ms, "
            f"p95 {percentile(every, 0.95):.1f} ms over {len(every)} requests."
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Peak memory of this process (build + serving): {peak:.0f} MiB")
        print_image_weight(client, "/")


if __name__ == "__main__":
    run()
