"""HTTP benchmark: the site as production serves it, beside a constant Django view.

Production settings (tests/bench/http_settings.py: corporate.settings.production plus a
constant view at /bench/constant/, tests/bench/http_urls.py), PostgreSQL, Redis, gunicorn with
deploy/gunicorn.conf.py and 2 sync workers on 127.0.0.1, and Varnish with deploy/varnish's VCL
in front of it. For the constant view, home, the seed article, the news list and a search,
``wrk -t2 -c16`` measures req/s and p50/p99 latency straight from gunicorn (uncached) and
through Varnish (cached), in interleaved rounds (median of the rounds), so that the load of
the machine weighs on every page alike. Each page's req/s is divided by the constant view's,
served the same way in the same round: those ratios are what the targets of issue 16 are (the
constant view's absolute figures depend on the machine; the ratios much less).

Also: SQL queries per page in both languages (in this process, Django's test client on the
same settings, after a warm-up request), the resident memory of each gunicorn worker after the
runs, and everything again at BENCH_ARTICLES (10,000) news articles, with a deep page of the
news list.

Environment: BENCH_SECONDS (each wrk run, default 5), BENCH_HTTP_ROUNDS (default 3, as issue 16 measured),
BENCH_ARTICLES (default 10000), BENCH_REDIS_URL (default redis://127.0.0.1:6379/3; only keys
under this run's own prefix are written and deleted). Needs wrk and varnishd (`make bench`
installs them from Debian's packages). Everything happens in its own database
(guoping_bench_http, dropped at the end) and temporary directories; every server it starts is
stopped at the end."""

import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote

from tests.bench import bench_database, print_table

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "3"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")  # see ensure_redis
WRK_THREADS, WRK_CONNECTIONS = 2, 16
SEED_SLUG = "shandong-improves-eco-environmental-law-enforcement"
DEEP_PAGE = 500

CONSTANT = "constant view"
# page -> (target share of the constant view uncached, bakerydemo's share, this site's share
# before issue 16, both as issue 16 measured them: wrk -t2 -c16 -d15s, three rounds)
TARGETS = {
    "home": (0.0145, 0.0072, 0.0094),
    "article": (0.028, 0.014, 0.0074),
    "list": (0.020, 0.010, 0.0096),
    "search": (0.013, 0.0064, 0.0075),
}
CACHED_TARGET = 0.7
LIST_GROWTH_TARGET = 0.8


def load_serve():
    """deploy/serve.py (not a package): render, varnish_command, port_open, wait_for, ..."""
    spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load_serve()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- environment and services -----------------------------------------------------------------


def site_environment(tmp, prefix):
    """What production settings need to serve this machine over plain http on 127.0.0.1
    (like `make serve`'s local .env), in a temporary static and media root."""
    return {
        "DJANGO_SETTINGS_MODULE": "tests.bench.http_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "BEHIND_PROXY": "false",
        **serve.PLAIN_HTTP,
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
        "WEB_CONCURRENCY": "2",
    }


# Set in the environment of this run elsewhere, these would reach other servers (purges to
# another Varnish, another search cluster, DeepL).
FOREIGN = ("VARNISH_URL", "SEARCH_BACKEND", "SEARCH_URL", "DEEPL_AUTH_KEY", "BAIDU_PUSH_TOKEN")


def ensure_redis(tmp):
    """REDIS_URL when Redis answers there; otherwise (the default address only) a private
    redis-server on a free port, without persistence, returned to be stopped at the end."""
    global REDIS_URL  # noqa: PLW0603
    address = REDIS_URL.split("//", 1)[1].split("/", 1)[0].rpartition("@")[2]
    host, _, port = address.partition(":")
    if serve.redis_ping(host or "127.0.0.1", int(port or 6379)):
        return None
    if "BENCH_REDIS_URL" in os.environ or not shutil.which("redis-server"):
        raise SystemExit(f"Redis does not answer at {REDIS_URL} (BENCH_REDIS_URL)")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp), "--daemonize", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    serve.wait_for(lambda: serve.redis_ping("127.0.0.1", port), "redis-server", 20)
    REDIS_URL = f"redis://127.0.0.1:{port}/0"
    print(f"No Redis at 127.0.0.1:6379: started a private redis-server on port {port}.")
    return process


def flush_prefix(prefix):
    """Delete this run's keys (cache and sessions) from Redis; other keys stay."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for i in range(0, len(keys), 1000):
        client.delete(*keys[i : i + 1000])
    client.close()
    return len(keys)


class Servers:
    """gunicorn on 127.0.0.1:<free port> and Varnish on another in front of it."""

    def __init__(self, tmp, env):
        self.tmp, self.env = tmp, env
        self.gunicorn = self.varnish = None
        self.app_port = self.cache_port = None
        self.logs = []

    def start(self, label):
        self.app_port, self.cache_port = free_port(), free_port()
        gunicorn_log = self.tmp / f"gunicorn-{label}.log"
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.app_port}",
            "--no-control-socket",
            # No recycling during a run: a worker restarting every 2,000 requests would cost
            # the fast constant view far more than the pages, and change RSS between runs.
            "--max-requests",
            "0",
            "corporate.wsgi:application",
        ]
        self.gunicorn = self.spawn(command, gunicorn_log)
        self.wait(self.gunicorn, self.app_port, "gunicorn", gunicorn_log)

        varnish_dir = self.tmp / f"varnish-{label}"
        varnish_dir.mkdir()
        vcl = serve.render_varnish(varnish_dir, f"127.0.0.1:{self.app_port}")
        varnish_log = self.tmp / f"varnish-{label}.log"
        command = serve.varnish_command(vcl, f"127.0.0.1:{self.cache_port}", varnish_dir / "n")
        self.varnish = self.spawn(command, varnish_log)
        self.wait(self.varnish, self.cache_port, "Varnish", varnish_log)

    def spawn(self, command, log_path):
        log = open(log_path, "ab")  # noqa: SIM115 - lives as long as the child
        self.logs.append(log)
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @staticmethod
    def wait(process, port, name, log_path):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{name} exited:\n{log_path.read_text(errors='replace')[-3000:]}"
                )
            if serve.port_open("127.0.0.1", port):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within 60 s")

    def stop(self):
        for process in (self.varnish, self.gunicorn):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.varnish, self.gunicorn):
            if process is None:
                continue
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.varnish = self.gunicorn = None
        for log in self.logs:
            log.close()
        self.logs = []

    def urls(self, path):
        return (
            f"http://127.0.0.1:{self.app_port}{path}",
            f"http://127.0.0.1:{self.cache_port}{path}",
        )

    def worker_rss(self):
        """{worker pid: VmRSS in MiB} of the gunicorn master's children, and the master's."""
        master = self.gunicorn.pid
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except OSError:
            children = [
                pid for pid in os.listdir("/proc") if pid.isdigit() and stat_ppid(pid) == master
            ]
        return {int(pid): rss_mib(pid) for pid in children}, rss_mib(master)


def stat_ppid(pid):
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# -- requests and wrk --------------------------------------------------------------------------


def fetch(url):
    """(status, headers) of a GET with only a Host header, as wrk sends it."""
    rest = url.removeprefix("http://")
    hostport, _, path = rest.partition("/")
    host, port = hostport.split(":")
    conn = HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request("GET", "/" + path, headers={"Host": hostport})
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def check_urls(servers, pages):
    """Every address answers 200 straight and through Varnish; what Varnish says the second
    time (HIT when the page comes from the cache) is returned per page."""
    cache_state = {}
    for name, path in pages:
        direct, cached = servers.urls(path)
        for url in (direct, cached):
            status, _headers = fetch(url)
            if status != 200:
                raise RuntimeError(f"{name}: {url} answered {status}, not 200")
        status, headers = fetch(cached)
        state = headers.get("x-cache", "?")
        if "age" in headers and state == "HIT":
            state += f" (Age {headers['age']})"
        cache_state[name] = state
    return cache_state


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text.strip()).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url, seconds, connections=WRK_CONNECTIONS):
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    # As a browser asks: every browser accepts gzip, which Varnish stores (deploy/varnish).
    command += ["--timeout", "30s", "-H", "Accept-Encoding: gzip", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"Requests/sec:\s*([\d.]+)", output)
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE)
    if not (found and p50 and p99):
        raise RuntimeError(f"Could not read wrk's output for {url}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(found.group(1)),
        "p50": to_ms(p50.group(1)),
        "p99": to_ms(p99.group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0),
        "socket": socket_errors.group(1) if socket_errors else "",
    }


def measure(servers, pages):
    """Median over ROUNDS rounds of wrk per page, straight and through Varnish; each round
    starts with the constant view. Ratios are per round (÷ that round's constant view), then
    the median."""
    runs = {(name, mode): [] for name, _ in pages for mode in ("direct", "cached")}
    ratios = {(name, mode): [] for name, _ in pages for mode in ("direct", "cached")}
    for _name, path in pages:  # warm both workers (templates, renditions); check_urls filled
        wrk(servers.urls(path)[0], 1, connections=4)  # the cache
    for _round in range(ROUNDS):
        this_round = {}
        for name, path in pages:
            for mode, url in zip(("direct", "cached"), servers.urls(path), strict=True):
                result = wrk(url, SECONDS)
                if result["errors"]:
                    raise RuntimeError(f"{name} {mode}: {result['errors']} answers not 2xx/3xx")
                this_round[(name, mode)] = result
                runs[(name, mode)].append(result)
        for (name, mode), result in this_round.items():
            ratios[(name, mode)].append(result["rps"] / this_round[(CONSTANT, mode)]["rps"])
    summary = {}
    for key, results in runs.items():
        summary[key] = {
            "rps": statistics.median(r["rps"] for r in results),
            "p50": statistics.median(r["p50"] for r in results),
            "p99": statistics.median(r["p99"] for r in results),
            "ratio": statistics.median(ratios[key]),
            "socket": "; ".join(sorted({r["socket"] for r in results if r["socket"]})),
        }
    return summary


# -- the site ----------------------------------------------------------------------------------


def page_addresses(deep_page=None):
    """[(name, zh path, en path)] of the pages measured (the constant view first)."""
    from wagtail.models import Locale

    from news.models import NewsArticlePage, NewsIndexPage

    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    article = NewsArticlePage.objects.get(slug=SEED_SLUG, locale=zh)
    en_article = article.get_translation_or_none(en)
    news_zh = NewsIndexPage.objects.get(locale=zh).url
    news_en = NewsIndexPage.objects.get(locale=en).url
    rows = [
        (CONSTANT, "/bench/constant/", None),
        ("home", "/", "/en/"),
        ("article", article.url, en_article.url if en_article else None),
        ("list", news_zh, news_en),
        ("search", "/search/?q=" + quote("土壤"), "/en/search/?q=soil"),
    ]
    if deep_page:
        rows.append((f"list ?page={deep_page}", f"{news_zh}?page={deep_page}", None))
    return rows


def count_queries(addresses):
    """{(page, language): SQL queries} of one request after a warm-up one, in this process
    (the constant view's are the middleware's, on every request)."""
    from django.db import connection
    from django.test import Client

    client = Client()
    counts = {}
    for name, zh_path, en_path in addresses:
        for language, path in (("zh", zh_path), ("en", en_path)):
            if path is None:
                continue
            client.get(path)
            queries = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code} in this process")
            counts[(name, language)] = len(queries)
    return counts


def zh_article_count():
    from wagtail.models import Locale

    from news.models import NewsIndexPage

    index = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="zh-hans"))
    return index.articles().count()


def add_articles(count):
    """``count`` more Chinese articles under the news index (tests/bench/search.py's bulk
    insert), in the search index, then VACUUM ANALYZE as autovacuum would soon do.

    They are dated before the demo's oldest article, so that the first page of the list and
    the home page's news show the same articles (with their images) as at the demo's 14: what
    changes is the size of the archive, not what the first page shows."""
    import datetime

    from django.db.models import F, Min
    from wagtail.models import Locale

    from news.models import NewsArticlePage
    from tests.bench.search import analyze, create_articles, index_articles

    zh = Locale.objects.get(language_code="zh-hans")
    oldest = NewsArticlePage.objects.filter(locale=zh).aggregate(Min("date"))["date__min"]
    started = time.perf_counter()
    ids = create_articles(count)
    if ids and oldest is not None:
        newest = NewsArticlePage.objects.filter(pk__in=ids).order_by("-date")[0].date
        shift = (newest - oldest).days + 1
        NewsArticlePage.objects.filter(pk__in=ids).update(
            date=F("date") - datetime.timedelta(days=max(shift, 0))
        )
    created = time.perf_counter() - started
    indexed = index_articles("default", ids)
    analyze()
    return created, indexed


# -- output ------------------------------------------------------------------------------------


def verdict(value, target):
    return "met" if value >= target else "NOT met"


def report(title, summary, cache_state, counts, rss, addresses):
    names = [name for name, _zh, _en in addresses]
    constant_direct = summary[(CONSTANT, "direct")]["rps"]
    constant_cached = summary[(CONSTANT, "cached")]["rps"]
    rows = []
    for name in names:
        direct, cached = summary[(name, "direct")], summary[(name, "cached")]
        target = TARGETS.get(name)
        if name == CONSTANT:
            direct_target = cached_target = met = "-"
        else:
            direct_target = f"≥ {target[0]} (bd {target[1]})" if target else "-"
            cached_target = f"≥ {CACHED_TARGET}"
            met = " / ".join(
                [
                    verdict(direct["ratio"], target[0]) if target else "-",
                    verdict(cached["ratio"], CACHED_TARGET),
                ]
            )
        rows.append(
            (
                name,
                f"{direct['rps']:.1f}",
                f"{direct['p50']:.1f}",
                f"{direct['p99']:.1f}",
                f"{direct['ratio']:.4f}",
                direct_target,
                f"{cached['rps']:.0f}",
                f"{cached['p50']:.2f}",
                f"{cached['p99']:.2f}",
                f"{cached['ratio']:.3f}",
                cached_target,
                cache_state.get(name, "?"),
                met,
                counts.get((name, "zh"), "-"),
                counts.get((name, "en"), "-"),
            )
        )
    print_table(
        title,
        [
            "page",
            "uncached req/s",
            "p50 ms",
            "p99 ms",
            "÷ constant",
            "target (bakerydemo)",
            "cached req/s",
            "p50 ms",
            "p99 ms",
            "÷ constant",
            "target",
            "X-Cache",
            "met (uncached / cached)",
            "SQL zh",
            "SQL en",
        ],
        rows,
    )
    print(
        f"Constant view: {constant_direct:.0f} req/s from gunicorn, {constant_cached:.0f} req/s "
        f"through Varnish. Uncached ÷ constant is req/s ÷ the constant view's from gunicorn; "
        f"cached ÷ constant is ÷ the constant view's through Varnish (per round, median)."
    )
    for name in names:
        for mode in ("direct", "cached"):
            if summary[(name, mode)]["socket"]:
                print(f"wrk socket errors, {name} {mode}: {summary[(name, mode)]['socket']}")
    pages = ", ".join(
        f"{name} {zh}" + (f" (en {en})" if en else "")
        for name, zh, en in addresses
        if name != CONSTANT
    )
    print(f"Pages: {pages}.")
    workers, master = rss
    print(
        "RSS per gunicorn worker after the runs: "
        + ", ".join(f"pid {pid} {mib:.0f} MiB" for pid, mib in sorted(workers.items()))
        + f" (master {master:.0f} MiB)"
    )


def phase(servers, label, addresses):
    pages = [(name, zh) for name, zh, _en in addresses]
    servers.start(label)
    cache_state = check_urls(servers, pages)
    counts = count_queries(addresses)
    summary = measure(servers, pages)
    rss = servers.worker_rss()
    return summary, cache_state, counts, rss


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    if not Path(shutil.which("varnishd") or "/usr/sbin/varnishd").exists():
        raise SystemExit("varnishd is missing: `make serve-deps` installs it")
    overall = time.perf_counter()
    print("Load average (1, 5, 15 min) at the start: " + load_average())
    tmp = Path(tempfile.mkdtemp(prefix="guoping-bench-http-"))
    prefix = f"guoping-bench-http-{os.getpid()}"
    private_redis = ensure_redis(tmp)
    try:
        measure_everything(tmp, prefix)
    finally:
        if private_redis is not None:
            private_redis.terminate()
            private_redis.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    print("Load average (1, 5, 15 min) at the end: " + load_average())
    print(f"\nHTTP benchmark took {time.perf_counter() - overall:.0f} s in all.")


def measure_everything(tmp, prefix):
    with bench_database("guoping_bench_http") as database_url:
        env = site_environment(tmp, prefix)
        for key in FOREIGN:
            os.environ.pop(key, None)
        os.environ.update(env)
        # This process builds the demo: search index updates and the like run in the request
        # (the task worker's job in production, where gunicorn only queues them).
        os.environ["TASKS_BACKEND"] = "immediate"
        server_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        server_env.update(env, DATABASE_URL=database_url, TASKS_BACKEND="database")
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from news.models import ARTICLES_PER_PAGE

        servers = Servers(tmp, server_env)
        try:
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            call_command("build_demo_site", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            print(
                f"Demo site built and static files collected in "
                f"{time.perf_counter() - started:.0f} s; settings {settings.SETTINGS_MODULE}, "
                f"gunicorn 2 sync workers, wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} "
                f"-d{SECONDS}s, {ROUNDS} rounds (median)."
            )
            flush_prefix(prefix)
            before = zh_article_count()
            addresses = page_addresses()
            first = phase(servers, "demo", addresses)
            report(
                f"At {before} Chinese news articles (the demo)",
                *first,
                addresses,
            )
            servers.stop()

            extra = max(0, ARTICLES - before)
            created, indexed = add_articles(extra)
            flush_prefix(prefix)
            after = zh_article_count()
            print(
                f"\n{extra} articles added in {created:.1f} s (dated before the demo's, so the "
                f"first list page and the home page show the same articles as before), indexed "
                f"in {indexed:.1f} s; Redis cache of this run flushed, gunicorn and Varnish "
                f"started afresh."
            )
            pages_in_list = -(-after // ARTICLES_PER_PAGE)
            deep = min(DEEP_PAGE, pages_in_list)
            big_addresses = page_addresses(deep_page=deep if deep > 1 else None)
            second = phase(servers, "articles", big_addresses)
            report(f"At {after} Chinese news articles", *second, big_addresses)
            servers.stop()

            # The two tables come minutes apart, under whatever else loads the machine then:
            # the list's share of the constant view is compared, raw req/s beside it.
            small, big = first[0], second[0]

            def growth(mode):
                share = big[("list", mode)]["ratio"] / small[("list", mode)]["ratio"]
                return share, big[("list", mode)]["rps"] / small[("list", mode)]["rps"]

            share, raw = growth("direct")
            print(
                f"\nnews list at {after} articles ÷ at {before}: {share:.2f} "
                f"(target ≥ {LIST_GROWTH_TARGET}: {verdict(share, LIST_GROWTH_TARGET)}; "
                f"uncached, as shares of the constant view; raw req/s ÷ req/s {raw:.2f})"
            )
            share, raw = growth("cached")
            print(
                f"(through Varnish, for reference: {share:.2f} as shares of the constant view, "
                f"{raw:.2f} raw)"
            )
        finally:
            servers.stop()
            try:
                flush_prefix(prefix)
            except Exception as error:  # noqa: BLE001 - cleanup; the run's error matters more
                print(f"Could not delete this run's Redis keys ({prefix}:*): {error}")


if __name__ == "__main__":
    run()
