"""Trust-centre benchmark: report verification, the LIMS import, the catalogue search.

Prints, on PostgreSQL, in its own database (guoping_bench_trust, dropped at the end):

1. the LIMS import of 50,000 reports through the admin (upload + dry run, then apply, then the
   same file again), each step's seconds;
2. the lookup time of a wrong code beside an unknown number, 50 tries each through the
   public page (median, p95 and their difference);
3. catalogue search latency over 5,000 generated rows (p50/p95 in ms of one results page:
   the 50 rows and their total), for parameter names, abbreviations and standard codes, and
   the same through the whole page.

It never fails on a time."""

import os
import random
import statistics
import time

from tests.bench import bench_database, percentile, print_table, setup_django

REPORTS = int(os.environ.get("BENCH_REPORTS", "50000"))
CATALOGUE_ROWS = int(os.environ.get("BENCH_CATALOGUE_ROWS", "5000"))
LOOKUP_TRIES = 50
SEARCH_ROUNDS = 20
AREAS = [
    ("水和废水", "water"),
    ("环境空气和废气", "air"),
    ("海水与海洋沉积物", "seawater"),
    ("固体废物", "solid-waste"),
    ("噪声", "noise"),
]
PARAMETERS = [
    "化学需氧量",
    "氨氮",
    "总磷",
    "总氮",
    "铅",
    "镉",
    "汞",
    "砷",
    "苯",
    "甲苯",
    "二氧化硫",
    "氮氧化物",
    "颗粒物",
    "pH值",
    "石油类",
]
QUERIES = [
    "化学需氧量",
    "COD",
    "HJ 828",
    "HJ828-2017",
    "氨氮",
    "铅",
    "二氧化硫",
    "GB 11893",
    "苯",
    "重铬酸盐法",
]


def build_site():
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from tests import factories
    from tests.helpers import make_site_tree

    Locale.objects.get_or_create(language_code="zh-hans")
    tree = make_site_tree()
    tree["areas"] = [tree["area"]] + [
        factories.AccreditationAreaPageFactory(parent=tree["accreditation"], title=title, slug=slug)
        for title, slug in AREAS
    ]
    tree["reports"] = factories.ReportVerificationPageFactory(parent=tree["home"], slug="reports")
    capabilities = factories.StandardPageFactory(
        parent=tree["home"], title="技术实力", slug="capabilities"
    )
    tree["catalogue"] = factories.CataloguePageFactory(parent=capabilities, slug="catalogue")
    get_user_model().objects.create_superuser("bench", "bench@example.com", "bench-pw-123")
    return tree


def lims_csv(count, areas):
    rows = [
        "报告编号,验证码,委托单位,项目/样品,资质领域,签发日期,状态,替代报告,撤销原因,撤销日期,报告语言"
    ]
    for n in range(count):
        status, extra = "有效", ",,"
        if n % 50 == 1:
            status, extra = "已替代", f"GP-2024-{n - 1:06d},,"
        elif n % 97 == 0 and n:
            status, extra = "已撤销", ",样品登记错误,2025-01-20"
        area = areas[n % len(areas)].title
        rows.append(
            f"GP-2024-{n:06d},C{n:07d}X,山东某某{n % 300}化工有限公司,废水检测,{area},2024-{1 + n % 12:02d}-{1 + n % 28:02d},{status},{extra},zh"
        )
    return "\n".join(rows).encode("utf-8")


def timed(label, function, results):
    started = time.perf_counter()
    value = function()
    results.append((label, f"{time.perf_counter() - started:.1f}"))
    return value


def bench_import(client, areas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from corporate.imports.models import ImportRun
    from corporate.reports.models import TestReport

    data = lims_csv(REPORTS, areas)
    steps = []

    def dry_run():
        response = client.post(
            "/admin/imports/reports/",
            {"file": SimpleUploadedFile("lims.csv", data), "progress_token": "bench"},
        )
        assert response.status_code == 302, response.status_code
        return ImportRun.objects.order_by("-created_at").first()

    run = timed(f"upload + dry run, {REPORTS:,} rows", dry_run, steps)
    assert run.counts["create"] == REPORTS, run.counts
    response = timed(
        "apply (one transaction)",
        lambda: client.post(f"/admin/imports/reports/{run.pk}/apply/", {"progress_token": "bench"}),
        steps,
    )
    assert response.status_code == 302
    assert TestReport.objects.count() == REPORTS
    again = timed("same file again: upload + dry run", dry_run, steps)
    assert again.counts["unchanged"] == REPORTS and again.counts["create"] == 0, again.counts
    print_table(
        f"LIMS import of {REPORTS:,} reports through the admin (seconds)", ["step", "s"], steps
    )
    from django.core.cache import cache

    print(f"Progress shown while it ran, last state: {cache.get('imports-progress:bench')}")


def bench_lookups(client):
    from django.test import override_settings

    timings = {"wrong code": [], "unknown number": []}
    with override_settings(REPORTS_LOOKUP_RATE_LIMIT=(10**6, 600)):
        for _ in range(3):  # warm up
            client.post("/reports/verify/", {"number": "GP-2024-000010", "code": "WRONG"})
        order = ["wrong code", "unknown number"] * LOOKUP_TRIES
        random.Random(1).shuffle(order)
        for n, kind in enumerate(order):
            number = f"GP-2024-{n % 1000 + 10:06d}" if kind == "wrong code" else f"GP-2099-{n:06d}"
            started = time.perf_counter()
            response = client.post("/reports/verify/", {"number": number, "code": "WRONG-CODE"})
            timings[kind].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 404
    rows = [
        (kind, len(values), f"{statistics.median(values):.2f}", f"{percentile(values, 0.95):.2f}")
        for kind, values in timings.items()
    ]
    print_table(
        "Lookup of a wrong code vs an unknown number (ms, whole request)",
        ["answer", "tries", "median", "p95"],
        rows,
    )
    difference = statistics.median(timings["wrong code"]) - statistics.median(
        timings["unknown number"]
    )
    print(f"Median difference (wrong code − unknown number): {difference:+.2f} ms")


def bench_catalogue(client, areas):
    from modelsearch.backends import get_search_backend
    from wagtail.models import Locale

    from corporate.capabilities import catalogue
    from corporate.capabilities.models import CapabilityEntry

    zh = Locale.objects.get(language_code="zh-hans")
    rng = random.Random(7)
    entries = []
    for n in range(CATALOGUE_ROWS):
        parameter = PARAMETERS[n % len(PARAMETERS)] + (
            "" if n < len(PARAMETERS) else f"（方法{n}）"
        )
        code = (
            "HJ 828-2017"
            if n == 0
            else f"{rng.choice(['HJ', 'GB', 'GB/T'])} {1000 + n}-{rng.randint(1990, 2024)}"
        )
        entries.append(
            CapabilityEntry(
                locale=zh,
                area_id=areas[n % len(areas)].pk,
                parameter=parameter,
                aliases="COD" if n == 0 else "",
                method_code=code,
                method_title=f"水质 {parameter}的测定 {rng.choice(['重铬酸盐法', '分光光度法', '气相色谱法', '原子荧光法'])}",
                detection_limit="4 mg/L",
                sort_order=n,
            )
        )
    started = time.perf_counter()
    created = CapabilityEntry.objects.bulk_create(entries, batch_size=1000)
    backend = get_search_backend()
    for start in range(0, len(created), 1000):
        backend.add_bulk(CapabilityEntry, created[start : start + 1000])
    print(
        f"\n{CATALOGUE_ROWS:,} catalogue rows created and indexed in {time.perf_counter() - started:.1f} s"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    rows = []
    every = []
    for query in QUERIES:
        catalogue.fetch(catalogue.search(zh, query), 1)  # warm
        timings = []
        for _ in range(SEARCH_ROUNDS):
            started = time.perf_counter()
            page = catalogue.fetch(catalogue.search(zh, query), 1)
            timings.append((time.perf_counter() - started) * 1000)
        every.extend(timings)
        rows.append(
            (
                query,
                page.total,
                f"{statistics.median(timings):.1f}",
                f"{percentile(timings, 0.95):.1f}",
            )
        )
    print_table(
        f"Catalogue search, one results page (50 rows + total), {SEARCH_ROUNDS} rounds each (ms)",
        ["query", "matches", "p50", "p95"],
        rows,
    )
    print(
        f"All catalogue searches: p50 {statistics.median(every):.1f} ms, p95 {percentile(every, 0.95):.1f} ms (target p95 ≤ 30 ms)"
    )
    whole = []
    for query in QUERIES:
        for _ in range(5):
            started = time.perf_counter()
            response = client.get("/capabilities/catalogue/", {"q": query})
            whole.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    print(
        f"The whole catalogue page with a query: p50 {statistics.median(whole):.1f} ms, p95 {percentile(whole, 0.95):.1f} ms"
    )


def run():
    with bench_database("guoping_bench_trust"):
        setup_django()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"Load average at the start (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
        tree = build_site()
        admin = Client()
        admin.login(username="bench", password="bench-pw-123")
        bench_import(admin, tree["areas"])
        bench_lookups(Client())
        bench_catalogue(Client(), tree["areas"])


if __name__ == "__main__":
    run()
