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


def run():
    with bench_database("guoping_bench_pages"):
        setup_django()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("build_demo_site", verbosity=0)
        build_seconds = time.perf_counter() - started
        print(f"Demo site built in {build_seconds:.1f} s (both languages, with the search index)")

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


if __name__ == "__main__":
    run()
