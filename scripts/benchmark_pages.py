"""Benchmark: the portal's pages under gunicorn, as server CPU per request
against a bare Django "hello" and "Fortunes" in the same run, with
django-machina's topic page side by side.

    .venv/bin/python scripts/benchmark_pages.py            # or: make bench
    .venv/bin/python scripts/benchmark_pages.py --quick --pages topic,directory

A benchmark, not a test (issue 13). It:

1. builds a scaled PostgreSQL database, `rabat_bench_scaled` (kept between
   runs; `--rebuild` drops it): migrations, `manage.py load_demo` for the
   base content and the demo accounts, then in bulk (bulk_create) 100,000
   contacts with their roles, countries and themes, 10,000 news items, a
   forum of 2,000 more topics (4 posts each), a 200-post and a 2,000-post
   topic, and a meeting with 50 documents. Each part is built only when
   missing, so an interrupted build resumes; then VACUUM ANALYZE, as autovacuum
   would in time;
2. starts three gunicorn servers (gthread, 2 workers x 4 threads): the portal
   under `rabat.settings.prod` (DEBUG off, Redis cache at CACHE_URL, static
   manifest from a collectstatic into .bench/static, fake SECRET_KEY and
   ALLOWED_HOSTS), a bare Django project with `hello`, `hello-cached`
   (cache_page over the same Redis) and `fortunes` (one query to a Fortune
   table of the same database, one template) written into a temporary
   folder, and django-machina (pinned, in its own venv under
   .bench/machina-venv, its own database `rabat_bench_machina`) holding the
   same 200-post topic;
3. counts each page's SQL queries once, in-process with Django's test Client
   and CaptureQueriesContext against the same databases and settings (the
   second of two loads, so a first load's cache fills and session writes are
   not counted), and checks every page answers 200 through gunicorn;
4. drives each page with wrk (apt-get installs it if missing) in interleaved
   rounds (every page once per round, the order shifted each round), after a
   short warm-up; member pages carry the session cookie of the demo Focal
   Point (a session created with the test Client's force_login, stored in
   the database the servers read), and every request says
   `X-Forwarded-Proto: https`, as the TLS proxy of production does;
5. prints for each page the server CPU per request: utime+stime of the
   gunicorn workers (from /proc/<pid>/stat; the master is not counted) from
   idle to idle around the wrk run (the requests wrk leaves running are
   waited for), divided by the requests they served (the lines of their
   access log, which the production units keep too); its median over the
   rounds (and the range), its ratio to Fortunes and to hello, p50/p99
   latency (wrk --latency, medians over the rounds), requests per second, the
   page's size and its query count. SQL time is in the latency, not in the
   CPU figures (the database server is not counted). The figures are also
   written as JSON into .bench/.

The machine's other load shows in the figures: compare ratios within one
run, not milliseconds across runs.
"""

import argparse
import functools
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CACHE_DIR = BASE_DIR / ".bench"
PORTAL_PYTHON = BASE_DIR / ".venv" / "bin" / "python"
MACHINA_VENV = CACHE_DIR / "machina-venv"
# django-machina's last release and what it runs on here, all pinned (the
# same Django, driver, gunicorn and Redis client as the portal).
MACHINA_REQUIREMENTS = [
    "Django==5.2.19",
    "django-machina==1.3.1",
    "django-haystack==3.4.0",
    "django-mptt==0.20.0",
    "django-js-asset==5.0.0",
    "django-widget-tweaks==1.5.1",
    "markdown2==2.5.5",
    "pillow==13.0.0",
    "psycopg[binary]==3.3.9",
    "gunicorn==27.0.1",
    "redis==8.1.0",
]

SCALED_DB = "rabat_bench_scaled"
MACHINA_DB = "rabat_bench_machina"
# Fake values: nothing is served outside the loopback with them.
SECRET_KEY = "benchmark-only-0f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccddeeff"
ALLOWED_HOSTS = "127.0.0.1,localhost,testserver"
FOCAL_POINT = "focal-point@example.org"
FORWARDED_HEADERS = {"X-Forwarded-Proto": "https"}

# What the scaled database holds on top of the demo.
CONTACTS = 100_000
NEWS_ITEMS = 10_000
FILLER_TOPICS = 2_000
POSTS_PER_FILLER_TOPIC = 4
BIG_TOPICS = (200, 2_000)
MEETING_DOCUMENTS = 50
BENCH_USERS = 50
BENCH_DOMAIN = "bench.example.org"
BENCH_FORUM = "general"
BENCH_MEETING_SLUG = "benchmark-meeting-50-documents"
ANONYMOUS_MEETING_SLUG = "dakar-2013-evidence-based-policy-making"
POSTS_PER_PAGE = 20


def big_topic_title(posts: int) -> str:
    return f"Benchmark: a discussion of {posts} posts"


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    server: str  # "bare", "portal" or "machina"
    member: bool = False


PAGES = [
    Page("hello", "hello (bare Django)", "bare"),
    Page("hello-cached", "hello, cache_page over Redis (bare)", "bare"),
    Page("fortunes", "Fortunes (bare Django)", "bare"),
    Page("home", "home, anonymous", "portal"),
    Page("news", "news list", "portal"),
    Page("meetings", "meetings list", "portal"),
    Page("meeting", "a meeting, anonymous", "portal"),
    Page("review", "Review archive", "portal"),
    Page("strategy", "strategy", "portal"),
    Page("themes", "themes", "portal"),
    Page("partners", "partners", "portal"),
    Page("search", 'site search "migration", anonymous', "portal"),
    Page("search-member", 'site search "migration", member', "portal", True),
    Page("dashboard", "member dashboard", "portal", True),
    Page("directory", "contacts directory", "portal", True),
    Page("directory-senegal", "directory ?q=senegal", "portal", True),
    Page("contact", "a contact card", "portal", True),
    Page("forum-index", "forum index", "portal", True),
    Page("forum", "a forum (2,000 topics)", "portal", True),
    Page("topic", "topic of 200 posts, page 1", "portal", True),
    Page("topic-last", "topic of 200 posts, last page", "portal", True),
    Page("machina-topic", "django-machina: same topic, page 1", "machina", True),
    Page("meeting-documents", "a meeting with 50 documents, member", "portal", True),
]
BASELINE = ("hello", "fortunes")


# --- Pure helpers (tests/test_benchmark_pages.py) -------------------------------------


@dataclass(frozen=True)
class ProcStat:
    pid: int
    ppid: int
    cpu_ticks: int  # utime + stime, in clock ticks


def parse_proc_stat(text: str) -> ProcStat:
    """The fields of /proc/<pid>/stat that matter here.

    The command name (2nd field) is in parentheses and may hold spaces and
    parentheses itself: the fields are counted from the last ")".
    """
    pid = int(text.split(" ", 1)[0])
    fields = text[text.rindex(")") + 2 :].split()
    # fields[0] is the state (3rd field): ppid is the 4th, utime the 14th,
    # stime the 15th.
    return ProcStat(
        pid=pid, ppid=int(fields[1]), cpu_ticks=int(fields[11]) + int(fields[12])
    )


_DURATION_UNITS_MS = {
    "us": 0.001,
    "ms": 1.0,
    "s": 1000.0,
    "m": 60_000.0,
    "h": 3_600_000.0,
}


def parse_duration_ms(value: str) -> float:
    """wrk's durations ("512.00us", "3.21ms", "1.02s", "1.50m") in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(match.group(1)) * _DURATION_UNITS_MS[match.group(2)]


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx: int = 0
    socket_errors: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def parse_wrk_output(text: str) -> WrkResult:
    """What `wrk --latency` prints: requests, duration, p50, p99, errors."""
    done = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    p50 = re.search(r"^\s*50(?:\.0+)?%\s+(\S+)", text, re.MULTILINE)
    p99 = re.search(r"^\s*99(?:\.0+)?%\s+(\S+)", text, re.MULTILINE)
    if not (done and p50 and p99):
        raise ValueError(f"unexpected wrk output:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return WrkResult(
        requests=int(done.group(1)),
        seconds=parse_duration_ms(done.group(2)) / 1000,
        p50_ms=parse_duration_ms(p50.group(1)),
        p99_ms=parse_duration_ms(p99.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


# States of /proc/net/tcp in which a server socket still holds a request:
# SYN_RECV, ESTABLISHED, CLOSE_WAIT (the client left, the answer is not sent).
_BUSY_TCP_STATES = {"03", "01", "08"}


def open_connections(proc_net_tcp: str, port: int) -> int:
    """Connections to local `port` still open on the server's side."""
    count = 0
    for line in proc_net_tcp.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 4:
            continue
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] in _BUSY_TCP_STATES:
            count += 1
    return count


def cpu_ms_per_request(ticks: int, requests: int, ticks_per_second: int) -> float:
    return ticks * 1000 / ticks_per_second / requests if requests else float("nan")


def select_pages(pages: list[Page], wanted: str | None) -> list[Page]:
    """Pages whose key holds one of the comma-separated words (all if none),
    always with the baseline pages the ratios need."""
    if not wanted:
        return list(pages)
    words = [word.strip() for word in wanted.split(",") if word.strip()]
    return [
        page
        for page in pages
        if page.key in BASELINE or any(word in page.key for word in words)
    ]


@dataclass
class PageFigures:
    page: Page
    queries: int | None = None
    kilobytes: float | None = None
    alone_ms: float = float("nan")
    cpu_ms: list[float] = field(default_factory=list)
    p50_ms: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)
    per_second: list[float] = field(default_factory=list)
    non_2xx: int = 0
    socket_errors: int = 0

    def add(self, result: WrkResult, cpu_ms: float) -> None:
        if cpu_ms == cpu_ms:  # not NaN: some request was served
            self.cpu_ms.append(cpu_ms)
        if result.requests:  # wrk saw some answer within the run
            self.p50_ms.append(result.p50_ms)
            self.p99_ms.append(result.p99_ms)
        self.per_second.append(result.per_second)
        self.non_2xx += result.non_2xx
        self.socket_errors += result.socket_errors

    @property
    def cpu_median(self) -> float:
        return _median(self.cpu_ms)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ms(value: float) -> str:
    if value != value:  # NaN
        return "-"
    return (
        f"{value:.2f}"
        if value < 10
        else f"{value:.1f}"
        if value < 100
        else f"{value:.0f}"
    )


def format_table(figures: list[PageFigures]) -> str:
    """A Markdown table of the figures, with ratios to Fortunes and hello."""
    by_key = {figure.page.key: figure for figure in figures}
    fortunes = by_key["fortunes"].cpu_median if "fortunes" in by_key else float("nan")
    hello = by_key["hello"].cpu_median if "hello" in by_key else float("nan")
    lines = [
        "| page | queries | KB | CPU ms/request (range) | x Fortunes | x hello "
        "| alone ms | p50 ms | p99 ms | requests/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for figure in figures:
        label = figure.page.label
        if figure.non_2xx or figure.socket_errors:
            label += f" **{figure.non_2xx} non-2xx, {figure.socket_errors} errors**"
        queries = "-" if figure.queries is None else figure.queries
        size = "-" if figure.kilobytes is None else f"{figure.kilobytes:.1f}"
        if not figure.cpu_ms:
            lines.append(
                f"| {label} | {queries} | {size} | - | - | - "
                f"| {_ms(figure.alone_ms)} | - | - | - |"
            )
            continue
        cpu = figure.cpu_median
        spread = ""
        if len(figure.cpu_ms) > 1:
            spread = f" ({_ms(min(figure.cpu_ms))}-{_ms(max(figure.cpu_ms))})"
        lines.append(
            f"| {label} | {queries} | {size} | {_ms(cpu)}{spread} "
            f"| {cpu / fortunes:.1f} | {cpu / hello:.1f} "
            f"| {_ms(figure.alone_ms)} "
            f"| {_ms(_median(figure.p50_ms))} | {_ms(_median(figure.p99_ms))} "
            f"| {_ms(_median(figure.per_second))} |"
        )
    return "\n".join(lines)


COLLEAGUES = ["Senegal", "Spain", "Mali", "France", "Morocco"]


def post_body(number: int) -> str:
    """The Markdown of a benchmark post: the same in the portal and machina."""
    rng = random.Random(number)
    subjects = [
        "the migration profiles",
        "the Dakar Strategy's follow-up",
        "border management training",
        "the return and reintegration programmes",
        "diaspora investment",
        "the national workshops",
    ]
    paragraphs = [
        f"Thank you for the update on **{rng.choice(subjects)}**. In our ministry "
        f"the working group met on {rng.randint(1, 28)} March and agreed on "
        "three points, which I summarise below.",
        "- collect the data sources in one table;\n"
        "- ask each directorate for a contact;\n"
        f"- report back before the meeting of {rng.choice(['May', 'June', 'July'])}.",
        f"The draft is [on the portal](https://www.processusderabat.net/) and "
        f"_comments are welcome_ until {rng.randint(1, 28)} April.",
        f"As discussed with colleagues from {rng.choice(COLLEAGUES)}, "
        "the `statistics` annex could follow the model of the 2013 profile.",
    ]
    rng.shuffle(paragraphs)
    return f"Post {number}.\n\n" + "\n\n".join(paragraphs[: rng.randint(2, 4)])


# --- Processes and /proc --------------------------------------------------------------


def children_of(parent: int) -> list[int]:
    """The pids whose parent is `parent` (gunicorn's workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = parse_proc_stat((entry / "stat").read_text())
        except (OSError, ValueError):
            continue
        if stat.ppid == parent:
            pids.append(stat.pid)
    return pids


def cpu_ticks(pids: list[int]) -> int:
    return sum(
        parse_proc_stat(Path(f"/proc/{pid}/stat").read_text()).cpu_ticks for pid in pids
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(
    command: list, *, log: Path | None = None, **kwargs
) -> subprocess.CompletedProcess:
    """Run a command; its output goes to `log` when given, shown on failure."""
    if log is None:
        return subprocess.run([str(part) for part in command], check=True, **kwargs)
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(str(part) for part in command)}\n")
        out.flush()
        result = subprocess.run(
            [str(part) for part in command],
            stdout=out,
            stderr=subprocess.STDOUT,
            **kwargs,
        )
    if result.returncode:
        sys.exit(f"failed: {' '.join(map(str, command))} (see {log})")
    return result


def run_step(python: Path, step: str, env: dict, cwd: Path) -> dict:
    """Run one of this script's in-Django steps; it prints its answer as JSON."""
    result = subprocess.run(
        [str(python), str(Path(__file__).resolve()), "--step", step],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        text=True,
    )
    if result.returncode:
        sys.exit(f"step {step} failed")
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return json.loads(line.removeprefix("BENCH-JSON "))
    return {}


@dataclass
class Project:
    """What a server runs, and what its pages are."""

    name: str
    gunicorn: Path
    app: str
    cwd: Path
    env: dict
    targets: dict[str, dict]  # page key: {"path", "queries", "kilobytes"}
    cookie: str | None = None


class Server:
    """A gunicorn serving one project, as in production (gthread, 2 x 4)."""

    def __init__(self, project: Project, *, log: Path):
        self.project = project
        self.name = name = project.name
        self.port = free_port()
        self.log = log.open("a")
        # As the production units do; its lines count the requests served.
        self.access_log = CACHE_DIR / f"access-{name}.log"
        self.access_log.write_bytes(b"")
        self._access_offset = 0
        self._access_lines = 0
        self.process = subprocess.Popen(
            [
                str(project.gunicorn),
                project.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--worker-class",
                "gthread",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                str(self.access_log),
            ],
            cwd=project.cwd,
            env=project.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} server stopped (see {self.log.name})")
            if len(children_of(self.process.pid)) == 2:
                try:
                    check_page(self.url + "/", None)
                    return
                except OSError:
                    pass
            time.sleep(0.3)
        sys.exit(f"{self.name} server did not answer within {timeout} s")

    def cookie_for(self, page: Page) -> str | None:
        return self.project.cookie if page.member else None

    def workers(self) -> list[int]:
        return children_of(self.process.pid)

    def served(self) -> int:
        """The requests served so far: the lines of the access log."""
        with self.access_log.open("rb") as log:
            log.seek(self._access_offset)
            new = log.read()
        complete = new.rfind(b"\n") + 1
        self._access_offset += complete
        self._access_lines += new.count(b"\n", 0, complete)
        return self._access_lines

    def wait_idle(self, timeout: float = 300) -> None:
        """Until the workers finish what they hold (requests wrk left behind):
        no connection open on the port, and the access log written."""
        deadline = time.monotonic() + timeout
        served = self.served()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            connections = open_connections(Path("/proc/net/tcp").read_text(), self.port)
            if not connections and self.served() == served:
                return
            served = self.served()
        print(f"  ({self.name} still busy after {timeout} s)")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


# --- Setting up --------------------------------------------------------


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    print("Installing wrk (apt-get install -y wrk)...")
    run(["apt-get", "install", "-y", "-qq", "wrk"])
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def postgres_url(options, database: str) -> str:
    return f"{options.postgres}/{database}"


def create_database(options, name: str, *, drop: bool) -> None:
    import psycopg

    with psycopg.connect(
        postgres_url(options, "postgres"), autocommit=True
    ) as connection:
        if drop:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def portal_env(options, **extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url(options, SCALED_DB),
        "MEDIA_ROOT": str(CACHE_DIR / "media"),
        "STATIC_ROOT": str(CACHE_DIR / "static"),
        "SECRET_KEY": SECRET_KEY,
        "PYTHONPATH": str(BASE_DIR),
    }
    env["CONN_MAX_AGE"] = str(options.conn_max_age)
    env.update(extra)
    return env


def prod_env(options) -> dict:
    return portal_env(
        options,
        DJANGO_SETTINGS_MODULE="rabat.settings.prod",
        ALLOWED_HOSTS=ALLOWED_HOSTS,
        CACHE_URL=options.redis_url,
        DEBUG="false",
        # --without-page-cache: every anonymous page rendered by the view.
        **({"PAGE_CACHE_SECONDS": "0"} if options.without_page_cache else {}),
    )


def scaled_data_present(options) -> bool:
    """Whether the bulk build finished: the Fortune table is its last part."""
    import psycopg

    try:
        with psycopg.connect(postgres_url(options, SCALED_DB)) as connection:
            return bool(
                connection.execute("SELECT count(*) FROM bench_fortune").fetchone()[0]
            )
    except psycopg.Error:
        return False


def build_portal(options, log: Path) -> None:
    """The scaled database: migrations, the demo, then the bulk data."""
    create_database(options, SCALED_DB, drop=options.rebuild)
    env = portal_env(
        options, DJANGO_SETTINGS_MODULE="rabat.settings.dev", DEBUG="false"
    )
    print(f"Database {SCALED_DB}: migrations, demo data, bulk data (log: {log})...")
    started = time.monotonic()
    run(
        [PORTAL_PYTHON, "manage.py", "migrate", "--noinput"],
        env=env,
        cwd=BASE_DIR,
        log=log,
    )
    if scaled_data_present(options):
        print("  the bulk data is there already (--rebuild builds it again)")
    else:
        run([PORTAL_PYTHON, "manage.py", "load_demo"], env=env, cwd=BASE_DIR, log=log)
        counts = run_step(PORTAL_PYTHON, "build", env, BASE_DIR)
        print(f"  {counts} ({time.monotonic() - started:.0f} s)")
    prod = prod_env(options)
    run(
        [PORTAL_PYTHON, "manage.py", "compilemessages", "--ignore=.venv"],
        env=prod,
        cwd=BASE_DIR,
        log=log,
    )
    run(
        [PORTAL_PYTHON, "manage.py", "collectstatic", "--noinput"],
        env=prod,
        cwd=BASE_DIR,
        log=log,
    )


def write_bare_project(folder: Path) -> None:
    """A bare Django project: hello, hello through cache_page, Fortunes."""
    package = folder / "bare"
    (package / "templates").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(
        textwrap.dedent(
            """\
            import os

            SECRET_KEY = os.environ["SECRET_KEY"]
            DEBUG = False
            ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
            INSTALLED_APPS = ["bare"]
            MIDDLEWARE = []
            ROOT_URLCONF = "bare.urls"
            WSGI_APPLICATION = "bare.wsgi.application"
            TEMPLATES = [
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "APP_DIRS": True,
                }
            ]
            DATABASES = {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": os.environ["BENCH_DB_NAME"],
                    "USER": "postgres",
                    "HOST": os.environ["BENCH_DB_HOST"],
                    "PORT": os.environ["BENCH_DB_PORT"],
                    "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "0")),
                    "CONN_HEALTH_CHECKS": True,
                }
            }
            CACHES = {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": os.environ["CACHE_URL"],
                    "KEY_PREFIX": "bench-bare",
                }
            }
            USE_TZ = True
            DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
            """
        )
    )
    (package / "models.py").write_text(
        textwrap.dedent(
            """\
            from django.db import models


            class Fortune(models.Model):
                message = models.CharField(max_length=2048)

                class Meta:
                    db_table = "bench_fortune"
                    managed = False
            """
        )
    )
    (package / "urls.py").write_text(
        textwrap.dedent(
            """\
            from django.http import HttpResponse
            from django.shortcuts import render
            from django.urls import path
            from django.views.decorators.cache import cache_page

            from bare.models import Fortune


            def hello(request):
                return HttpResponse("Hello, World!", content_type="text/plain")


            def fortunes(request):
                rows = list(Fortune.objects.all())
                rows.append(Fortune(id=0, message="Added at request time."))
                rows.sort(key=lambda fortune: fortune.message)
                return render(request, "fortunes.html", {"fortunes": rows})


            urlpatterns = [
                path("", hello),
                path("hello/", hello),
                path("hello-cached/", cache_page(300)(hello)),
                path("fortunes/", fortunes),
            ]
            """
        )
    )
    (package / "wsgi.py").write_text(
        "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bare.settings")\n'
        "application = get_wsgi_application()\n"
    )
    (package / "templates" / "fortunes.html").write_text(
        "<!DOCTYPE html>\n<html><head><title>Fortunes</title></head><body>\n"
        "<table><tr><th>id</th><th>message</th></tr>\n"
        "{% for fortune in fortunes %}<tr><td>{{ fortune.id }}</td>"
        "<td>{{ fortune.message }}</td></tr>\n{% endfor %}</table></body></html>\n"
    )


def bare_env(options, folder: Path) -> dict:
    host, port = options.postgres.rsplit("@", 1)[-1].split(":")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bare.settings",
        "PYTHONPATH": str(folder),
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": ALLOWED_HOSTS,
        "BENCH_DB_NAME": SCALED_DB,
        "BENCH_DB_HOST": host,
        "BENCH_DB_PORT": port,
        "CACHE_URL": options.redis_url,
        "CONN_MAX_AGE": str(options.conn_max_age),
    }


def ensure_machina_venv(log: Path) -> Path:
    """A venv of its own for django-machina, rebuilt when the pins change."""
    python = MACHINA_VENV / "bin" / "python"
    stamp = MACHINA_VENV / "requirements.txt"
    wanted = "\n".join(MACHINA_REQUIREMENTS) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"Installing django-machina in {MACHINA_VENV}...")
    run([sys.executable, "-m", "venv", "--clear", MACHINA_VENV], log=log)
    stamp.write_text(wanted)
    run([python, "-m", "pip", "install", "--quiet", "-r", stamp], log=log)
    return python


def write_machina_project(folder: Path) -> None:
    """A minimal project around django-machina (its example project's apps)."""
    package = folder / "machina_site"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(
        textwrap.dedent(
            """\
            import os
            from pathlib import Path

            from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

            BASE = Path(__file__).resolve().parent.parent
            SECRET_KEY = os.environ["SECRET_KEY"]
            DEBUG = False
            ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
            INSTALLED_APPS = [
                "django.contrib.auth",
                "django.contrib.contenttypes",
                "django.contrib.sessions",
                "django.contrib.sites",
                "django.contrib.messages",
                "django.contrib.staticfiles",
                "django.contrib.admin",
                "mptt",
                "haystack",
                "widget_tweaks",
                "machina",
                "machina.apps.forum",
                "machina.apps.forum_conversation",
                "machina.apps.forum_conversation.forum_attachments",
                "machina.apps.forum_conversation.forum_polls",
                "machina.apps.forum_feeds",
                "machina.apps.forum_moderation",
                "machina.apps.forum_search",
                "machina.apps.forum_tracking",
                "machina.apps.forum_member",
                "machina.apps.forum_permission",
            ]
            MIDDLEWARE = [
                "django.middleware.common.CommonMiddleware",
                "django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware",
                "django.middleware.clickjacking.XFrameOptionsMiddleware",
                "machina.apps.forum_permission.middleware.ForumPermissionMiddleware",
            ]
            ROOT_URLCONF = "machina_site.urls"
            WSGI_APPLICATION = "machina_site.wsgi.application"
            TEMPLATES = [
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [MACHINA_MAIN_TEMPLATE_DIR],
                    "APP_DIRS": True,
                    "OPTIONS": {
                        "context_processors": [
                            "django.template.context_processors.request",
                            "django.template.context_processors.i18n",
                            "django.contrib.auth.context_processors.auth",
                            "django.contrib.messages.context_processors.messages",
                            "machina.core.context_processors.metadata",
                        ]
                    },
                }
            ]
            DATABASES = {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": os.environ["BENCH_DB_NAME"],
                    "USER": "postgres",
                    "HOST": os.environ["BENCH_DB_HOST"],
                    "PORT": os.environ["BENCH_DB_PORT"],
                    "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "0")),
                    "CONN_HEALTH_CHECKS": True,
                }
            }
            CACHES = {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": os.environ["CACHE_URL"],
                    "KEY_PREFIX": "bench-machina",
                },
                "machina_attachments": {
                    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                    "LOCATION": str(BASE / "attachments-cache"),
                },
            }
            HAYSTACK_CONNECTIONS = {
                "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
            }
            STATIC_URL = "/static/"
            STATIC_ROOT = BASE / "static"
            STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
            STORAGES = {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "django.contrib.staticfiles.storage."
                    "ManifestStaticFilesStorage"
                },
            }
            MEDIA_ROOT = BASE / "media"
            SITE_ID = 1
            USE_TZ = True
            LANGUAGE_CODE = "en"
            DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
            # As many posts a page as the portal's topic page.
            MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 20
            MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = [
                "can_see_forum",
                "can_read_forum",
                "can_start_new_topics",
                "can_reply_to_topics",
                "can_edit_own_posts",
                "can_post_without_approval",
                "can_download_file",
            ]
            """
        )
    )
    (package / "urls.py").write_text(
        "from django.http import HttpResponse\n"
        "from django.urls import include, path\n"
        "from machina import urls as machina_urls\n\n"
        "urlpatterns = [\n"
        '    path("", lambda request: HttpResponse("ok")),\n'
        '    path("forum/", include(machina_urls)),\n'
        "]\n"
    )
    (package / "wsgi.py").write_text(
        "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "machina_site.settings")\n'
        "application = get_wsgi_application()\n"
    )


def machina_env(options, folder: Path) -> dict:
    env = bare_env(options, folder)
    env.update(DJANGO_SETTINGS_MODULE="machina_site.settings", BENCH_DB_NAME=MACHINA_DB)
    return env


def build_machina(options, log: Path) -> tuple[Path, Path, dict]:
    python = ensure_machina_venv(log)
    folder = CACHE_DIR / "machina-project"
    write_machina_project(folder)
    create_database(options, MACHINA_DB, drop=options.rebuild)
    env = machina_env(options, folder)
    django_admin = MACHINA_VENV / "bin" / "django-admin"
    run([django_admin, "migrate", "--noinput"], env=env, cwd=folder, log=log)
    run([django_admin, "collectstatic", "--noinput"], env=env, cwd=folder, log=log)
    return python, folder, env


# --- Driving the pages ----------------------------------------------------------------


def check_page(url: str, cookie: str | None) -> int:
    """The page's status through gunicorn, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    headers = dict(FORWARDED_HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(
            urllib.request.Request(url, headers=headers), timeout=60
        ) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def latency_alone(url: str, cookie: str | None, times: int = 3) -> float:
    """The median time of `times` requests one after the other, the server
    otherwise idle: what one visitor waits, SQL included."""
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        check_page(url, cookie)
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def wrk(
    binary: str, url: str, *, seconds: float, options, cookie: str | None
) -> WrkResult:
    command = [
        binary,
        f"-t{options.threads}",
        f"-c{options.connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "60s",
        "--latency",
    ]
    for name, value in FORWARDED_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return parse_wrk_output(output)


def measure(
    binary, server: Server, url: str, *, seconds, options, cookie
) -> tuple[WrkResult, float]:
    """wrk's figures, and the workers' CPU per request they served from
    idle to idle: the requests still running when wrk stops are counted
    (CPU and request), none of them leaks into the next page."""
    workers = server.workers()
    server.wait_idle()
    ticks, served = cpu_ticks(workers), server.served()
    result = wrk(binary, url, seconds=seconds, options=options, cookie=cookie)
    server.wait_idle()
    ticks, served = cpu_ticks(workers) - ticks, server.served() - served
    return result, cpu_ms_per_request(ticks, served, os.sysconf("SC_CLK_TCK"))


def parse_options(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Pages: " + ", ".join(page.key for page in PAGES),
    )
    parser.add_argument("--rounds", type=int, default=3, help="default 3")
    parser.add_argument(
        "--duration",
        type=float,
        default=4,
        help="seconds of wrk per page and round (4)",
    )
    parser.add_argument(
        "--warmup", type=float, default=1, help="seconds per page first (1)"
    )
    # Enough to keep both workers busy; more only lengthens the slow pages' queue.
    parser.add_argument("--connections", type=int, default=4, help="wrk -c (4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (2)")
    parser.add_argument(
        "--pages",
        help="comma-separated words: the pages whose key holds one (hello and "
        "Fortunes always run), e.g. topic,directory",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one round of 3 seconds (to rerun a page)"
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="drop and rebuild the benchmark databases",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="CONN_MAX_AGE for every server (default 60, the portal's; 0: a "
        "connection per request)",
    )
    parser.add_argument(
        "--without-page-cache",
        action="store_true",
        help="turn the server-side cache of anonymous pages off "
        "(PAGE_CACHE_SECONDS=0): what a page costs when it is not in it (the "
        "content fragments, which members get too, stay)",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.rounds < 1 or options.duration <= 0:
        parser.error("--rounds and --duration must be positive")
    if options.quick:
        options.rounds, options.duration = 1, 3
    return options


def prepare_projects(options, pages: list[Page], workdir: Path, log: Path):
    """The databases, the three projects, their pages' addresses and counts."""
    build_portal(options, log)
    write_bare_project(workdir)
    bare = bare_env(options, workdir)
    answer = run_step(PORTAL_PYTHON, "prepare-bare", bare, workdir)
    gunicorn = BASE_DIR / ".venv" / "bin" / "gunicorn"
    projects = [Project("bare", gunicorn, "bare.wsgi", workdir, bare, answer["pages"])]
    prod = prod_env(options)
    answer = run_step(PORTAL_PYTHON, "prepare-portal", prod, BASE_DIR)
    projects.append(
        Project("portal", gunicorn, "rabat.wsgi", BASE_DIR, prod, **_targets(answer))
    )
    if any(page.server == "machina" for page in pages):
        python, folder, env = build_machina(options, log)
        answer = run_step(python, "prepare-machina", env, folder)
        projects.append(
            Project(
                "machina",
                MACHINA_VENV / "bin" / "gunicorn",
                "machina_site.wsgi",
                folder,
                env,
                **_targets(answer),
            )
        )
    return projects


def _targets(answer: dict) -> dict:
    return {"targets": answer["pages"], "cookie": answer["cookie"]}


def main() -> int:
    options = parse_options()
    if options.step:
        return STEPS[options.step]()
    pages = select_pages(PAGES, options.pages)
    CACHE_DIR.mkdir(exist_ok=True)
    log = CACHE_DIR / "benchmark.log"
    binary = ensure_wrk()
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="rabat-bench-"))
    servers = {}
    try:
        projects = prepare_projects(options, pages, workdir, log)
        import redis

        redis.Redis.from_url(options.redis_url).flushdb()
        print(f"Data ready in {time.monotonic() - started:.0f} s.")
        servers = {project.name: Server(project, log=log) for project in projects}
        for server in servers.values():
            server.wait_ready()
        figures = drive(binary, pages, servers, options)
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    report(figures, servers, options)
    print(f"Total {time.monotonic() - started:.0f} s.")
    return 0


def report(figures: list[PageFigures], servers: dict, options) -> None:
    """The table on the standard output, every figure in .bench/results-*.json."""
    print()
    print(machine_description())
    print(
        f"{options.rounds} rounds x {options.duration:g} s per page, "
        f"wrk -t{options.threads} -c{options.connections}; CPU of the 2 gunicorn "
        "workers per request (median over the rounds).\n"
    )
    print(format_table(figures))
    result_file = CACHE_DIR / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    pages = []
    for figure in figures:
        target = servers[figure.page.server].project.targets[figure.page.key]
        pages.append(
            {"key": figure.page.key, "url": target["path"]}
            | {
                name: getattr(figure, name)
                for name in (
                    "queries",
                    "kilobytes",
                    "alone_ms",
                    "cpu_ms",
                    "p50_ms",
                    "p99_ms",
                    "per_second",
                    "non_2xx",
                    "socket_errors",
                )
            }
        )
    options = {key: value for key, value in vars(options).items() if key != "step"}
    result_file.write_text(
        json.dumps(
            {"machine": machine_description(), "options": options, "pages": pages},
            indent=2,
        )
    )
    print(f"\nFigures in {result_file}")


def drive(binary, pages, servers, options) -> list[PageFigures]:
    """Check every page, warm it up, time it alone, then the rounds."""
    figures = {}
    print("Checking each page, warming it up, timing it alone...", flush=True)
    for page in pages:
        server = servers[page.server]
        target = server.project.targets[page.key]
        figures[page.key] = PageFigures(
            page, queries=target["queries"], kilobytes=target["kilobytes"]
        )
        url, cookie = server.url + target["path"], server.cookie_for(page)
        status = check_page(url, cookie)
        if status != 200:
            sys.exit(f"{page.key}: {url} answered {status}, not 200")
        if options.warmup:
            wrk(binary, url, seconds=options.warmup, options=options, cookie=cookie)
        server.wait_idle()
        figures[page.key].alone_ms = latency_alone(url, cookie)
    for round_number in range(options.rounds):
        shift = round_number * len(pages) // options.rounds
        print(f"Round {round_number + 1}/{options.rounds}...", flush=True)
        for page in pages[shift:] + pages[:shift]:
            server = servers[page.server]
            result, cpu_ms = measure(
                binary,
                server,
                server.url + server.project.targets[page.key]["path"],
                seconds=options.duration,
                options=options,
                cookie=server.cookie_for(page),
            )
            figures[page.key].add(result, cpu_ms)
            print(
                f"  {page.key:20} {cpu_ms:8.2f} ms CPU/request  "
                f"p50 {result.p50_ms:8.2f} ms  {result.requests} requests",
                flush=True,
            )
    return [figures[page.key] for page in pages]


def machine_description() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (
        f"Machine: {os.cpu_count()} cores ({model}), "
        f"{int(memory) // 1024 // 1024} GiB, load average {load} at the end; "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


# --- Steps run inside Django (benchmark_pages.py --step NAME) -------------------------


def _answer(data: dict) -> int:
    print("BENCH-JSON " + json.dumps(data))
    return 0


def _count_queries(client, path: str, **headers) -> tuple[int, int, float]:
    """(status, queries, size in KB) of the second of two loads of `path`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    return response.status_code, len(queries), len(response.content) / 1024


def _session_cookie(client, name: str) -> str:
    return f"{name}={client.cookies[name].value}"


def _pages_answer(client, anonymous, paths: dict[str, str]) -> dict:
    pages = {}
    member_keys = {page.key for page in PAGES if page.member}
    for key, path in paths.items():
        status, queries, kilobytes = _count_queries(
            client if key in member_keys else anonymous,
            path,
            **{"x-forwarded-proto": "https"},
        )
        if status != 200:
            sys.exit(f"{key}: {path} answered {status} in-process, not 200")
        pages[key] = {"path": path, "queries": queries, "kilobytes": kilobytes}
    return pages


def step_build() -> int:
    """The bulk data on top of the demo (each part only when missing)."""
    import django

    django.setup()
    from django.db import connection, transaction

    counts = {}
    for name, build in [
        ("users", _build_users),
        ("contacts", _build_contacts),
        ("news", _build_news),
        ("forum", _build_forum),
        ("meeting", _build_meeting),
        ("fortunes", _build_fortunes),
    ]:
        with transaction.atomic():
            counts[name] = build()
    # The bulk-loaded tables vacuumed (their visibility map, which index-only
    # scans need, and the GIN indexes' pending entries merged) and the
    # planner's statistics gathered, as autovacuum would do in time on a
    # live database. Outside a transaction: VACUUM cannot run in one.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return _answer(counts)


def _build_users() -> int:
    from django.contrib.auth.models import Group

    from rabat import roles
    from rabat.models import User

    existing = User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").count()
    if existing >= BENCH_USERS:
        return 0
    users = User.objects.bulk_create(
        User(
            email=f"member{number}@{BENCH_DOMAIN}",
            first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
            last_name=LAST_NAMES[number % len(LAST_NAMES)],
            password="!",
        )
        for number in range(existing, BENCH_USERS)
    )
    group = Group.objects.get(name=roles.FOCAL_POINT)
    group.user_set.add(*users)
    return len(users)


FIRST_NAMES = [
    "Aminata", "Moussa", "Fatou", "Ibrahima", "Awa", "Mamadou", "Aïssatou",
    "Ousmane", "Mariam", "Cheikh", "Kwame", "Ama", "Kofi", "Yaw", "Chidi",
    "Ngozi", "Amadou", "Hélène", "Jean", "Marie", "Pierre", "Sophie", "Luca",
    "Giulia", "Carlos", "Lucía", "Jan", "Anna", "Lars", "Ingrid", "Youssef",
    "Salma", "Karim", "Leïla", "João", "Inês",
]  # fmt: skip
LAST_NAMES = [
    "Diop", "Ndiaye", "Fall", "Traoré", "Keïta", "Coulibaly", "Diallo", "Bah",
    "Mensah", "Owusu", "Okafor", "Adeyemi", "Ouédraogo", "Sawadogo", "Kaboré",
    "Benali", "El Amrani", "Martin", "Bernard", "Dubois", "Lefèvre", "Rossi",
    "Bianchi", "García", "Fernández", "Janssen", "De Vries", "Schmidt",
    "Müller", "Nilsson", "Silva", "Santos", "Haddad", "Mahamat", "Touré",
]  # fmt: skip
POSITIONS = [
    "Director of migration policy", "Head of unit", "Policy officer",
    "Senior adviser", "Consul", "Programme manager", "Statistician",
    "Chargé de mission", "Directeur de la migration", "Conseiller technique",
]  # fmt: skip
ORGANISATIONS = [
    "Ministry of the Interior", "Ministry of Foreign Affairs",
    "Ministère de l'Intérieur", "Ministère des Affaires étrangères",
    "National statistics institute", "Direction des Sénégalais de l'extérieur",
    "Border police", "Agence nationale pour l'emploi", "Ministry of Labour",
]  # fmt: skip


def _build_contacts() -> int:
    import datetime

    from django.utils import timezone

    from contacts.models import Contact, ContactRole, RoleKind
    from rabat.models import Country, Organisation, Theme, User

    if Contact.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exists():
        return 0
    rng = random.Random(13)
    countries = list(Country.objects.order_by("pk"))
    organisations = list(Organisation.objects.order_by("pk"))
    themes = list(Theme.objects.order_by("pk"))
    users = list(User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").order_by("pk"))
    now = timezone.now()
    today = timezone.localdate()
    kinds = [
        (RoleKind.FOCAL_POINT, 10),
        (RoleKind.ALTERNATE_FOCAL_POINT, 10),
        (RoleKind.THEMATIC_CONTACT, 60),
        (RoleKind.STEERING_COMMITTEE, 5),
        (RoleKind.OBSERVER_REPRESENTATIVE, 15),
    ]
    created = 0
    batch = 5_000
    for start in range(0, CONTACTS, batch):
        contacts, role_specs = [], []
        for number in range(start, min(start + batch, CONTACTS)):
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            observer = kind == RoleKind.OBSERVER_REPRESENTATIVE and organisations
            contacts.append(
                Contact(
                    user=users[number] if number < len(users) else None,
                    civility=rng.choice(["mr", "ms", "dr", ""]),
                    first_name=first,
                    last_name=last,
                    position=rng.choice(POSITIONS),
                    organisation=rng.choice(ORGANISATIONS),
                    country=None if observer else countries[number % len(countries)],
                    partner_organisation=rng.choice(organisations)
                    if observer
                    else None,
                    email=f"contact{number}@{BENCH_DOMAIN}",
                    languages=rng.choice([["fr"], ["en"], ["fr", "en"], ["fr", "pt"]]),
                    preferred_language=rng.choice(["fr", "en"]),
                    last_verified_at=now - datetime.timedelta(days=rng.randint(0, 700)),
                )
            )
            began = today - datetime.timedelta(days=rng.randint(30, 3_000))
            former = rng.random() < 0.2
            role_specs.append(
                (
                    kind,
                    rng.choice(themes) if kind == RoleKind.THEMATIC_CONTACT else None,
                    began,
                    began + datetime.timedelta(days=20) if former else None,
                )
            )
        contacts = Contact.objects.bulk_create(contacts)
        ContactRole.objects.bulk_create(
            ContactRole(
                contact=contact,
                kind=kind,
                theme=theme,
                start_date=began,
                end_date=ended,
            )
            for contact, (kind, theme, began, ended) in zip(
                contacts, role_specs, strict=True
            )
        )
        created += len(contacts)
    return created


NEWS_WORDS = [
    ("migration et développement", "migration and development"),
    ("gestion des frontières", "border management"),
    ("profils migratoires", "migration profiles"),
    ("diaspora", "diaspora"),
    ("retour et réintégration", "return and reintegration"),
    ("protection internationale", "international protection"),
    ("traite des êtres humains", "trafficking in human beings"),
    ("mobilité des jeunes", "youth mobility"),
]


def _build_news() -> int:
    import datetime

    from django.utils import timezone

    from rabat.models import Country, NewsItem, Theme

    if NewsItem.objects.filter(slug__startswith="bench-").exists():
        return 0
    rng = random.Random(10)
    themes = list(Theme.objects.order_by("pk"))
    countries = list(Country.objects.order_by("pk"))
    now = timezone.now()
    items = []
    for number in range(NEWS_ITEMS):
        french, english = rng.choice(NEWS_WORDS)
        country = rng.choice(countries)
        items.append(
            NewsItem(
                slug=f"bench-news-{number}",
                title_fr=f"Atelier sur la {french} ({country.name_fr}, n° {number})",
                title_en=f"Workshop on {english} ({country.name_en}, no. {number})",
                summary_fr=f"Les points focaux se sont réunis sur la {french}.",
                summary_en=f"The Focal Points met on {english}.",
                body_fr=f"Les participants ont échangé sur la **{french}**.\n\n"
                + post_body(number),
                body_en=f"Participants discussed **{english}**.\n\n"
                + post_body(number),
                published_at=now - datetime.timedelta(hours=rng.randint(24, 24 * 3650)),
            )
        )
    items = NewsItem.objects.bulk_create(items, batch_size=2_000)
    NewsItem.themes.through.objects.bulk_create(
        NewsItem.themes.through(newsitem_id=item.pk, theme_id=rng.choice(themes).pk)
        for item in items
    )
    NewsItem.countries.through.objects.bulk_create(
        NewsItem.countries.through(
            newsitem_id=item.pk, country_id=rng.choice(countries).pk
        )
        for item in items
    )
    return len(items)


def _build_forum() -> int:
    """2,000 topics of 4 posts in the general forum, and the two big topics."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from forums.models import Forum, Post, Topic
    from rabat.markdown import render_markdown
    from rabat.models import User

    forum = Forum.objects.get(slug=BENCH_FORUM)
    if Topic.objects.filter(forum=forum, title=big_topic_title(BIG_TOPICS[0])).exists():
        return 0
    authors = list(User.objects.filter(email__endswith="@example.org").order_by("pk"))
    authors += list(User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}"))
    now = timezone.now()
    specs = [
        (
            f"Exchange {number}: {NEWS_WORDS[number % len(NEWS_WORDS)][1]}",
            POSTS_PER_FILLER_TOPIC,
        )
        for number in range(FILLER_TOPICS)
    ] + [(big_topic_title(count), count) for count in BIG_TOPICS]
    topics = Topic.objects.bulk_create(
        Topic(
            forum=forum,
            title=title,
            author=authors[number % len(authors)],
            reply_count=count - 1,
            last_post_at=now - datetime.timedelta(minutes=len(specs) - number),
            last_poster=authors[(number + count - 1) % len(authors)],
        )
        for number, (title, count) in enumerate(specs)
    )
    posts = 0
    # Their HTML stored as the posting service stores it (the pages show it).
    html = functools.cache(render_markdown)
    for number, (topic, (_, count)) in enumerate(zip(topics, specs, strict=True)):
        bodies = [
            post_body(position if count in BIG_TOPICS else number * 10 + position)
            for position in range(count)
        ]
        created = Post.objects.bulk_create(
            Post(
                topic=topic,
                author=authors[(number + position) % len(authors)],
                body=body,
                body_html=html(body),
            )
            for position, body in enumerate(bodies)
        )
        posts += len(created)
    # Posts in order, a minute apart, the last one at the topic's last activity.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE forums_post AS post SET created_at = topic.last_post_at"
            " - (SELECT count(*) FROM forums_post AS later"
            "    WHERE later.topic_id = post.topic_id AND later.id > post.id)"
            "   * interval '1 minute'"
            " FROM forums_topic AS topic"
            " WHERE topic.id = post.topic_id AND topic.id >= %s",
            [topics[0].pk],
        )
        cursor.execute(
            "UPDATE forums_topic AS topic SET created_at = first.created_at"
            " FROM (SELECT topic_id, min(created_at) AS created_at FROM forums_post"
            "       GROUP BY topic_id) AS first"
            " WHERE first.topic_id = topic.id AND topic.id >= %s",
            [topics[0].pk],
        )
    return posts


def _build_meeting() -> int:
    import datetime

    from django.utils import timezone

    from meetings.models import (
        DocumentKind,
        DocumentVisibility,
        Meeting,
        MeetingDocument,
    )
    from rabat.models import Country, Theme

    if Meeting.objects.filter(slug=BENCH_MEETING_SLUG).exists():
        return 0
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        slug=BENCH_MEETING_SLUG,
        title_fr="Réunion thématique de référence (50 documents)",
        title_en="Benchmark thematic meeting (50 documents)",
        meeting_type="thematic",
        status="confirmed",
        start_date=today + datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=41),
        time_zone="Africa/Dakar",
        city_fr="Dakar",
        city_en="Dakar",
        host_country=Country.objects.filter(iso_code="SN").first(),
        summary_fr="Une réunion avec **50 documents**.",
        summary_en="A meeting with **50 documents**.",
    )
    meeting.themes.set(Theme.objects.all()[:3])
    kinds = list(DocumentKind)
    visibilities = [DocumentVisibility.PUBLIC, DocumentVisibility.MEMBERS]
    MeetingDocument.objects.bulk_create(
        MeetingDocument(
            meeting=meeting,
            title_fr=f"Document de travail {number}",
            title_en=f"Working document {number}",
            kind=kinds[number % len(kinds)],
            language=["fr", "en", "fr-en"][number % 3],
            visibility=visibilities[number % 2],
            file=f"meetings/documents/benchmark-{number}.pdf",
            original_name=f"document-{number}.pdf",
            content_type="application/pdf",
            size=10_000 + number * 1_000,
            position=number,
        )
        for number in range(MEETING_DOCUMENTS)
    )
    return MEETING_DOCUMENTS


FORTUNES = [
    "A meeting without minutes never happened.",
    "The agenda is always one item too long.",
    "Every acronym hides a working group.",
    "Consensus is a decision nobody objects to yet.",
    "The Steering Committee meets on Thursdays.",
    "A focal point is where all the emails converge.",
    "Statistics are the plural of anecdote, sometimes.",
    "The coffee break is where things get decided.",
    "<script>alert('this should be escaped');</script>",
    "Translation: the same words, twice the length.",
    "フレームワークのベンチマーク",
    "The last slide is always the conclusion.",
]


def _build_fortunes() -> int:
    """The bare project's Fortune table, in the same database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_fortune"
            " (id serial PRIMARY KEY, message varchar(2048) NOT NULL)"
        )
        cursor.execute("SELECT count(*) FROM bench_fortune")
        if cursor.fetchone()[0]:
            return 0
        cursor.executemany(
            "INSERT INTO bench_fortune (message) VALUES (%s)",
            [[text] for text in FORTUNES],
        )
    return len(FORTUNES)


def step_prepare_bare() -> int:
    import django

    django.setup()
    from django.test import Client

    paths = {
        "hello": "/hello/",
        "hello-cached": "/hello-cached/",
        "fortunes": "/fortunes/",
    }
    return _answer({"pages": _pages_answer(Client(), Client(), paths)})


def step_prepare_portal() -> int:
    """The pages' addresses, a member's session and the query counts."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from contacts.models import Contact
    from forums.models import Topic
    from rabat.models import User

    topic = Topic.objects.get(title=big_topic_title(BIG_TOPICS[0]))
    contact = (
        Contact.objects.current()
        .filter(email__endswith=f"@{BENCH_DOMAIN}", country__isnull=False)
        .order_by("pk")[CONTACTS // 2]
    )
    last_page = -(-BIG_TOPICS[0] // POSTS_PER_PAGE)
    paths = {
        "home": reverse("rabat:home"),
        "news": reverse("rabat:news_list"),
        "meetings": reverse("meetings:list"),
        "meeting": reverse("meetings:detail", kwargs={"slug": ANONYMOUS_MEETING_SLUG}),
        "review": reverse("newsletter:archive"),
        "strategy": reverse("rabat:strategy"),
        "themes": reverse("rabat:themes"),
        "partners": reverse("rabat:partners"),
        "search": reverse("rabat:search") + "?q=migration",
        "search-member": reverse("rabat:search") + "?q=migration",
        "dashboard": reverse("contacts:dashboard"),
        "directory": reverse("contacts:list"),
        "directory-senegal": reverse("contacts:list") + "?q=senegal",
        "contact": reverse("contacts:detail", kwargs={"pk": contact.pk}),
        "forum-index": reverse("forums:index"),
        "forum": reverse("forums:forum", kwargs={"slug": BENCH_FORUM}),
        "topic": reverse("forums:topic", kwargs={"pk": topic.pk}),
        "topic-last": reverse("forums:topic", kwargs={"pk": topic.pk})
        + f"?page={last_page}",
        "meeting-documents": reverse(
            "meetings:detail", kwargs={"slug": BENCH_MEETING_SLUG}
        ),
    }
    member = Client()
    member.force_login(User.objects.get(email=FOCAL_POINT))
    cookie = _session_cookie(member, settings.SESSION_COOKIE_NAME)
    return _answer({"pages": _pages_answer(member, Client(), paths), "cookie": cookie})


def step_prepare_machina() -> int:
    """django-machina's forum with the same 200-post topic, a member's session."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from machina.core.db.models import get_model
    from machina.models.fields import render_func

    forum_model = get_model("forum", "Forum")
    topic_model = get_model("forum_conversation", "Topic")
    post_model = get_model("forum_conversation", "Post")
    count = BIG_TOPICS[0]
    title = big_topic_title(count)
    with transaction.atomic():
        authors = list(
            User.objects.filter(username__startswith="member").order_by("pk")
        )
        if not authors:
            authors = [
                User.objects.create_user(
                    f"member{number}", f"member{number}@{BENCH_DOMAIN}"
                )
                for number in range(BENCH_USERS)
            ]
        if not topic_model.objects.filter(subject=title).exists():
            forum = forum_model.objects.create(
                name="General forum", type=forum_model.FORUM_POST
            )
            topic = topic_model.objects.create(
                forum=forum,
                poster=authors[0],
                subject=title,
                slug="benchmark-a-discussion",
                type=topic_model.TOPIC_POST,
                status=topic_model.TOPIC_UNLOCKED,
            )
            posts = []
            for position in range(count):
                post = post_model(
                    topic=topic,
                    poster=authors[position % len(authors)],
                    subject=title,
                    content=post_body(position),
                )
                post._content_rendered = render_func(post_body(position))
                posts.append(post)
            post_model.objects.bulk_create(posts)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {post_model._meta.db_table} SET created = now()"
                    " - (%s - id) * interval '1 minute' WHERE topic_id = %s",
                    [posts[-1].pk, topic.pk],
                )
            topic.update_trackers()
    topic = topic_model.objects.get(subject=title)
    path = reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )
    member = Client()
    member.force_login(authors[1])
    cookie = _session_cookie(member, settings.SESSION_COOKIE_NAME)
    return _answer(
        {
            "pages": _pages_answer(member, Client(), {"machina-topic": path}),
            "cookie": cookie,
        }
    )


STEPS = {
    "build": step_build,
    "prepare-bare": step_prepare_bare,
    "prepare-portal": step_prepare_portal,
    "prepare-machina": step_prepare_machina,
}


if __name__ == "__main__":
    sys.exit(main())
