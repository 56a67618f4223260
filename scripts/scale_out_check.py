"""Scale-out check: two web nodes behind a load balancer, proven with real parts.

    .venv/bin/python scripts/scale_out_check.py      # or: make scale-out-check

Starts, on this machine, with production settings:
- Redis (its own `redis-server`, on a free port) as the cache;
- moto in server mode as an S3-compatible store, the default storage
  (django-storages, AWS_STORAGE_BUCKET_NAME);
- a fresh PostgreSQL database (on the server at --postgres-url), migrated,
  with the demo data;
- two gunicorn web nodes on two ports, each with its access log;
- nginx in front, over TLS: the load balancer (round-robin) and the caching
  reverse proxy (`proxy_cache`, honouring the portal's Cache-Control);
- two `db_worker` processes, each writing its emails to its own folder
  (Django's file-based backend).

Then checks, as a user would, over HTTPS through nginx (the nodes' access
logs tell which node answered which request: each request carries an
X-Check-Id header that the logs record):
- logged in through one node, the session holds on the other;
- a contact photo and a forum attachment uploaded through one node download
  through the other (and are in the bucket, not on a local disk);
- the failed-login limit counts across nodes;
- a page rendered by both nodes shows an admin save at once on both;
- the proxy serves a cached anonymous page without reaching Django, and
  shows the admin's save within PUBLIC_PAGE_CACHE_SECONDS;
- a Rabat Review campaign to 1,000 subscribers, sent by the two workers,
  reaches each subscriber exactly once.

Prints PASS or FAIL per check and exits non-zero if any failed. Installs
nginx and redis-server from Debian's packages, and the Python packages of
requirements-dev.txt, when missing. Stops every process it started.
"""

import argparse
import contextlib
import email
import hashlib
import io
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_PASSWORD = "RabatDemo2026!"
MEMBER = "focal-point@example.org"
GUESSED = "thematic-contact@example.org"
SECRETARIAT = "secretariat@example.org"
BUCKET = "rabat-scale-out-check"
CHECK_HEADER = "X-Check-Id"
NODES = ("node1", "node2")
# gunicorn's access log line: the request, its status and the check id.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s check=%({x-check-id}i)s'
ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<target>\S+) [^"]*" (?P<status>\d{3}) \S+ '
    r"check=(?P<check>\S+)"
)
# Django's file-based email backend separates the messages of a file so.
MAIL_SEPARATOR = "-" * 79


# --- Pure helpers (tests/test_scale_out_check.py) -------------------------------


@dataclass(frozen=True)
class Hit:
    """One request in a node's access log."""

    method: str
    path: str
    status: int
    check_id: str


def parse_access_log(text: str) -> list[Hit]:
    """The requests of a gunicorn access log written in ACCESS_LOG_FORMAT."""
    hits = []
    for line in text.splitlines():
        match = ACCESS_LINE.search(line)
        if match:
            hits.append(
                Hit(
                    method=match["method"],
                    path=urlsplit(match["target"]).path,
                    status=int(match["status"]),
                    check_id=match["check"],
                )
            )
    return hits


def node_of(check_id: str, logs: dict[str, list[Hit]]) -> str | None:
    """Which node answered the request sent with `check_id` (None: none)."""
    for node, hits in logs.items():
        if any(hit.check_id == check_id for hit in hits):
            return node
    return None


def review_recipients(directory: Path, *, sender: str) -> Counter:
    """How many messages from `sender` each address received, in the files
    that Django's file-based email backend wrote to `directory`."""
    received = Counter()
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_text(encoding="utf-8").split(f"\n{MAIL_SEPARATOR}\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.lstrip("\n"))
            if sender not in (message["From"] or ""):
                continue
            received.update(
                address.strip().lower()
                for address in (message["To"] or "").split(",")
                if address.strip()
            )
    return received


def form_fields(form) -> list[tuple[str, str]]:
    """What a browser sends for `form` (a BeautifulSoup tag) as it stands,
    without its buttons and files: checked boxes, selected options, text."""
    fields = []
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "input":
            kind = element.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    fields.append((name, element.get("value", "on")))
                continue
            fields.append((name, element.get("value", "")))
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and not element.has_attr("multiple"):
                chosen = options[:1]
            fields.extend(
                (name, option.get("value", option.get_text())) for option in chosen
            )
        else:
            # Browsers drop the newline that follows <textarea>.
            fields.append((name, element.get_text().removeprefix("\n")))
    return fields


def with_values(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """`fields` with the named ones set to `values` (added if absent)."""
    kept = [(name, value) for name, value in fields if name not in values]
    return kept + list(values.items())


def nginx_config(
    *, workdir: Path, port: int, nodes: list[int], certificate: Path, key: Path
) -> str:
    """nginx as the load balancer (round-robin over the nodes) and the
    caching reverse proxy, over TLS; as the README's deployment section."""
    servers = "\n".join(f"        server 127.0.0.1:{node};" for node in nodes)
    # Started by root, nginx's workers would run as nobody, without access to
    # this script's private folder: they run as the user who runs it.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return f"""\
{user}
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {workdir}/nginx-access.log;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    # Pages the portal marks public (anonymous visitors) are kept for their
    # max-age; private ones (members, staff) never: the portal's headers decide.
    proxy_cache_path {workdir}/nginx-cache levels=1:2 keys_zone=rabat:10m
                     max_size=200m inactive=10m use_temp_path=off;
    upstream rabat {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        client_max_body_size 30m;
        location / {{
            proxy_pass http://rabat;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_cache rabat;
            proxy_cache_key $scheme$http_host$request_uri;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
}}
"""


# --- Processes ---------------------------------------------------------------------


class Processes:
    """The processes this script started, each in its own process group,
    stopped (by their ids) on leaving."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.started: list[tuple[str, subprocess.Popen]] = []
        self.services: set[str] = set()

    def start(self, name, command, *, env=None, cwd=BASE_DIR, service=True):
        """Start `command`; a `service` must keep running (check_alive)."""
        log = (self.workdir / f"{name}.out").open("wb")
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append((name, process))
        if service:
            self.services.add(name)
        return process

    def check_alive(self) -> None:
        for name, process in self.started:
            if name in self.services and process.poll() is not None:
                output = (self.workdir / f"{name}.out").read_text(errors="replace")
                raise RuntimeError(f"{name} stopped:\n{output[-3000:]}")

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _name, process in self.started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, ready, *, processes: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        processes.check_alive()
        try:
            if ready():
                return
        except Exception as error:  # not up yet: try again
            last = error
        time.sleep(0.3)
    raise RuntimeError(f"{what} not ready after {timeout:.0f} s ({last!r})")


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def run(command: list[str], *, env=None) -> str:
    began = time.monotonic()
    result = subprocess.run(
        command, env=env, cwd=BASE_DIR, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed:\n"
            f"{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    if VERBOSE:
        print(f"  {' '.join(command[:4])}: {time.monotonic() - began:.1f} s")
    return result.stdout


VERBOSE = os.environ.get("SCALE_OUT_VERBOSE") == "1"


def install_missing() -> None:
    """nginx and redis-server from Debian's packages, the Python packages of
    requirements-dev.txt (moto, django-storages...), when missing."""
    packages = [
        package
        for package, program in (("nginx", "nginx"), ("redis-server", "redis-server"))
        if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists()
    ]
    if packages:
        print(f"Installing {', '.join(packages)} (apt-get)...")
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=apt_env, check=False)
        run(["apt-get", "install", "-y", "-qq", *packages], env=apt_env)
    try:
        import boto3  # noqa: F401
        import bs4  # noqa: F401
        import moto  # noqa: F401
        import requests  # noqa: F401
        import storages  # noqa: F401
    except ImportError:
        print("Installing requirements-dev.txt (pip)...")
        run([PYTHON, "-m", "pip", "install", "-q", "-r", "requirements-dev.txt"])


def program(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


# --- Setting up the data (run in a subprocess, with Django) --------------------------


def prepare(output: Path, subscribers: int) -> None:
    """In the deployment's database: the Secretariat's authenticator, the
    confirmed subscribers (exactly `subscribers` of them) and an issue of the
    Review ready to send. Writes what the checks need to `output` as JSON."""
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings

    from newsletter.models import Issue, Subscriber, SubscriberStatus
    from rabat.models import Page, User

    secretariat = User.objects.get(email=SECRETARIAT)
    secret = generate_totp_secret()
    Authenticator.objects.filter(
        user=secretariat, type=Authenticator.Type.TOTP
    ).delete()
    TOTP.activate(secretariat, secret)

    missing = subscribers - Subscriber.objects.confirmed().count()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader-{number:04d}@scale-out.example.org",
            language="fr" if number % 3 else "en",
            status=SubscriberStatus.CONFIRMED,
        )
        for number in range(missing)
    )
    issue = Issue.objects.create(
        number=Issue.objects.count() + 100,
        period_fr="Numéro de vérification",
        period_en="Check issue",
        title_fr="Deux nœuds, deux workers",
        title_en="Two nodes, two workers",
        introduction_fr="Bonjour.",
        introduction_en="Hello.",
    )
    issue.articles.create(
        position=1, title_fr="Un article", title_en="An article", body_fr="Texte."
    )
    output.write_text(
        json.dumps(
            {
                "totp_secret": secret,
                "issue": issue.pk,
                "subscribers": sorted(
                    address.lower()
                    for address in Subscriber.objects.confirmed().values_list(
                        "email", flat=True
                    )
                ),
                "review_from": settings.REVIEW_FROM_EMAIL,
                "pages": dict(Page.objects.values_list("slug", "pk")),
            }
        )
    )


def queue_again(issue_id: int, count: int) -> None:
    """Queue `count` more batches of the issue's campaign, as the sweep does
    for a campaign it finds idle, or a queue that delivers a task twice: the
    two workers then send the same campaign at the same time."""
    import django

    django.setup()
    from newsletter.models import Campaign
    from newsletter.services.sending import enqueue_campaign

    campaign = Campaign.objects.get(issue_id=issue_id)
    for _ in range(count):
        enqueue_campaign(campaign_id=campaign.pk)


def totp_code(secret: str) -> None:
    """Print the current TOTP code of `secret`, with allauth's helpers."""
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    print(format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time()))))


# --- The user's side ------------------------------------------------------------------


class Portal:
    """The portal as its users reach it: HTTPS through nginx."""

    def __init__(self, *, base_url: str, certificate: Path, workdir: Path, env):
        self.base_url = base_url
        self.certificate = certificate
        self.workdir = workdir
        self.env = env

    def session(self):
        import requests

        session = requests.Session()
        # Loopback only: no proxy, and this certificate rather than a CA
        # bundle named in the environment.
        session.trust_env = False
        session.verify = str(self.certificate)
        return session

    def logs(self) -> dict[str, list[Hit]]:
        return {
            node: parse_access_log(
                (self.workdir / f"{node}-access.log").read_text(errors="replace")
            )
            for node in NODES
        }

    def node_of(self, check_id: str, *, wait: float = 2) -> str | None:
        """The node that answered (None: nginx answered from its cache)."""
        # gunicorn writes its access line once the response is sent.
        deadline = time.monotonic() + wait
        while True:
            node = node_of(check_id, self.logs())
            if node or time.monotonic() >= deadline:
                return node
            time.sleep(0.1)

    def request(self, session, method: str, path: str, **kwargs):
        """Send a request (with an id for the access logs); returns the
        response, with `.check_id` set."""
        check_id = uuid.uuid4().hex
        headers = {CHECK_HEADER: check_id, **kwargs.pop("headers", {})}
        if method == "POST":
            # As a browser does: Django checks the origin of HTTPS posts.
            headers.setdefault("Origin", self.base_url)
            headers.setdefault("Referer", urljoin(self.base_url, path))
        response = session.request(
            method, urljoin(self.base_url, path), headers=headers, timeout=60, **kwargs
        )
        response.check_id = check_id
        return response

    def get(self, session, path: str, **kwargs):
        return self.request(session, "GET", path, **kwargs)

    def submit(self, session, page, *, selector="main form[method='post']", **kw):
        """Post the form of `page` (a response) as it stands, with `data`
        overriding its fields and `files` attached, to its action."""
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(page.text, "html.parser")
        form = soup.select_one(selector)
        if form is None:
            raise RuntimeError(f"no form {selector!r} at {page.url}")
        data = with_values(form_fields(form), **kw.pop("data", {}))
        action = urljoin(page.url, form.get("action") or page.url)
        return self.request(session, "POST", action, data=data, **kw)

    def log_in(self, session, address: str, password: str = DEMO_PASSWORD):
        page = self.get(session, "/en/accounts/login/")
        return self.submit(session, page, data={"login": address, "password": password})

    def log_in_with_totp(self, session, address: str, secret: str):
        response = self.log_in(session, address)
        if "/2fa/authenticate/" not in response.url:
            raise RuntimeError(f"no two-factor step after the login: {response.url}")
        code = run(
            [PYTHON, __file__, "totp", secret], env={**self.env, **DEV_SETTINGS}
        ).strip()
        response = self.submit(session, response, data={"code": code})
        if "/2fa/" in response.url or "/login/" in response.url:
            raise RuntimeError(f"two-factor login refused: {response.url}")
        return response


DEV_SETTINGS = {"DJANGO_SETTINGS_MODULE": "rabat.settings.dev"}


def soup(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.text, "html.parser")


# --- The checks ----------------------------------------------------------------


class CheckFailed(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def logged_in(response) -> bool:
    return response.status_code == 200 and "/accounts/login/" not in response.url


def other_node_serves(portal: Portal, session, path: str, *, not_node: str, check):
    """GET `path` until the node other than `not_node` answers (round-robin:
    the next request or the one after); `check(response)` must hold on each."""
    served = []
    for _ in range(4):
        response = portal.get(session, path)
        node = portal.node_of(response.check_id)
        check(response)
        served.append(node)
        if node and node != not_node:
            return node
    raise CheckFailed(f"{path} never reached the other node (served by {served})")


def check_session(portal: Portal, state: dict) -> str:
    session = portal.session()
    response = portal.log_in(session, MEMBER)
    login_node = portal.node_of(response.check_id)
    expect(logged_in(response), f"login failed: {response.status_code} {response.url}")
    expect(login_node in NODES, "the login reached no node")

    def dashboard_shown(response):
        expect(logged_in(response), f"dashboard refused: {response.url}")
        expect("Mariama" in response.text, "the dashboard is not the member's")

    node = other_node_serves(
        portal, session, "/en/focal-points/", not_node=login_node, check=dashboard_shown
    )
    state["member"] = session
    return f"logged in through {login_node}, dashboard served by {node} too"


def check_uploads(portal: Portal, state: dict) -> str:
    from PIL import Image
    from pypdf import PdfWriter

    session = state.get("member") or portal.session()
    if "member" not in state:
        portal.log_in(session, MEMBER)

    # A contact photo, on the member's own card.
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 60, 30)).save(picture, "PNG")
    profile = portal.get(session, "/en/focal-points/profile/")
    saved = portal.submit(
        session,
        profile,
        selector="main form[enctype='multipart/form-data']",
        files={"new_photo": ("portrait.png", picture.getvalue(), "image/png")},
    )
    upload_node = portal.node_of(saved.check_id)
    expect(saved.status_code == 200, f"profile save: {saved.status_code}")
    photos = [
        img["src"].replace("/photo/thumbnail/", "/photo/full/")
        for img in soup(saved).select("img")
        if "/photo/thumbnail/" in img.get("src", "")
    ]
    errors = [
        tag.get_text(" ", strip=True)
        for tag in soup(saved).select(".invalid-feedback, .alert-danger")
    ]
    expect(
        bool(photos), f"no photo on the card after the upload ({saved.url}: {errors})"
    )

    def is_photo(response):
        expect(response.status_code == 200, f"photo: {response.status_code}")
        with Image.open(io.BytesIO(response.content)) as image:
            expect(image.size == (640, 480), f"photo of {image.size}")

    photo_node = other_node_serves(
        portal, session, photos[0], not_node=upload_node, check=is_photo
    )

    # A forum attachment, on a new topic.
    document = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"Scale-out check {uuid.uuid4().hex}"})
    writer.write(document)
    pdf = document.getvalue()
    index = soup(portal.get(session, "/en/focal-points/forums/"))
    forum = next(
        link["href"]
        for link in index.select("main a[href*='/focal-points/forums/']")
        if re.search(r"/forums/[\w-]+/$", link["href"])
        and "/search/" not in link["href"]
        and "/moderation/" not in link["href"]
    )
    new_topic = portal.get(session, urljoin(forum, "new/"))
    expect(new_topic.status_code == 200, f"new topic: {new_topic.status_code}")
    posted = portal.submit(
        session,
        new_topic,
        selector="main form[enctype='multipart/form-data']",
        data={"title": "Two nodes", "body": "The minutes, attached."},
        files={"attachments": ("minutes.pdf", pdf, "application/pdf")},
    )
    post_node = portal.node_of(posted.check_id)
    expect("/topics/" in posted.url, f"topic not created: {posted.url}")
    attachments = [
        link["href"]
        for link in soup(posted).select("a[href*='/attachments/']")
        if link.get("href")
    ]
    expect(bool(attachments), "no attachment on the new topic")

    def is_document(response):
        expect(response.status_code == 200, f"attachment: {response.status_code}")
        expect(
            hashlib.sha256(response.content).digest() == hashlib.sha256(pdf).digest(),
            "the attachment downloaded is not the one uploaded",
        )

    attachment_node = other_node_serves(
        portal, session, attachments[0], not_node=post_node, check=is_document
    )

    # In the bucket, and nowhere on the disk.
    keys = state["bucket_keys"]()
    expect(
        any(key.startswith("contacts/") or "photo" in key for key in keys),
        f"no photo in the bucket ({len(keys)} objects)",
    )
    expect(any(key.endswith(".pdf") for key in keys), "no PDF in the bucket")
    on_disk = [path for path in state["media_root"].rglob("*") if path.is_file()]
    expect(not on_disk, f"files on the local disk: {on_disk[:3]}")
    return (
        f"photo uploaded through {upload_node}, downloaded through {photo_node}; "
        f"attachment posted through {post_node}, downloaded through "
        f"{attachment_node}, same bytes; {len(keys)} objects in the bucket, "
        "none in MEDIA_ROOT"
    )


def check_rate_limit(portal: Portal, state: dict) -> str:
    session = portal.session()
    page = portal.get(session, "/en/accounts/login/")
    nodes = []
    for _ in range(5):
        # The same form sent again and again: the posts alternate between nodes.
        response = portal.submit(
            session, page, data={"login": GUESSED, "password": "not-the-password"}
        )
        nodes.append(portal.node_of(response.check_id))
        expect("/accounts/login/" in response.url, f"wrong login: {response.url}")
    expect(set(nodes) == set(NODES), f"the failed logins reached only {set(nodes)}")
    response = portal.submit(
        session, page, data={"login": GUESSED, "password": DEMO_PASSWORD}
    )
    last_node = portal.node_of(response.check_id)
    expect(
        "Too many failed attempts" in response.text,
        "the sixth attempt was not stopped",
    )
    dashboard = portal.get(session, "/en/focal-points/")
    expect(not logged_in(dashboard), "logged in despite the limit")
    counters = state["redis_keys"]("*allauth:rl:allauth.account:login_failed:*")
    expect(counters > 0, "no failed-login counter in Redis")
    spread = Counter(nodes)
    return (
        f"5 failed logins ({spread['node1']} on node1, {spread['node2']} on node2), "
        f"the 6th, with the right password, refused by {last_node}; "
        f"{counters} failed-login counters in Redis"
    )


def admin_page_save(portal: Portal, state: dict, *, slug: str, title: str) -> None:
    """The Secretariat changes the English title of a page in the admin."""
    session = state["admin"]
    form = portal.get(session, f"/en/admin/rabat/page/{state['pages'][slug]}/change/")
    saved = portal.submit(
        session,
        form,
        selector="form#page_form",
        data={"title_en": title, "_save": "Save"},
    )
    expect(
        saved.status_code == 200 and "/change/" not in saved.url,
        f"admin save refused: {saved.url}",
    )


def admin_session(portal: Portal, state: dict):
    if "admin" not in state:
        session = portal.session()
        portal.log_in_with_totp(session, SECRETARIAT, state["totp_secret"])
        state["admin"] = session
    return state["admin"]


def check_node_cache(portal: Portal, state: dict) -> str:
    """Each node renders the page (and keeps it, where the portal caches
    pages server-side, in the shared Redis); after an admin save both show
    the new title at once."""
    admin_session(portal, state)
    path = "/en/about/"
    anonymous = portal.session()

    def from_node(port: int):
        # Straight to the node, as nginx would send it.
        return anonymous.get(
            f"http://127.0.0.1:{port}{path}",
            headers={
                "X-Forwarded-Proto": "https",
                "Host": urlsplit(portal.base_url).netloc,
            },
            timeout=30,
        )

    before = f"About, version {uuid.uuid4().hex[:8]}"
    admin_page_save(portal, state, slug="about", title=before)
    for _ in range(2):
        for port in state["node_ports"]:
            response = from_node(port)
            expect(response.status_code == 200, f"{path}: {response.status_code}")
            expect(before in response.text, f"node on {port} shows an old title")
    cached = state["redis_keys"]("*public-page:*")
    after = f"About, version {uuid.uuid4().hex[:8]}"
    admin_page_save(portal, state, slug="about", title=after)
    for port in state["node_ports"]:
        response = from_node(port)
        expect(after in response.text, f"node on {port} still shows the old page")
    kept = (
        f"{cached} page(s) kept in Redis before the save"
        if cached
        else "no server-side page cache in this version: each node rendered it"
    )
    return f"{path} on both nodes twice ({kept}); new title on both at once"


def check_proxy_cache(portal: Portal, state: dict) -> str:
    """nginx answers repeated anonymous requests from its cache, and shows
    an admin's save once the page's max-age has run out, at the latest."""
    admin_session(portal, state)
    path = "/en/strategy/"
    max_age = state["max_age"]
    title = f"Strategy, version {uuid.uuid4().hex[:8]}"
    admin_page_save(portal, state, slug="strategy", title=title)
    anonymous = portal.session()
    responses = [portal.get(anonymous, path)]
    stored_at = time.monotonic()  # nginx stored the first, the others hit it
    responses += [portal.get(anonymous, path) for _ in range(5)]
    for response in responses:
        expect(response.status_code == 200, f"{path}: {response.status_code}")
        expect(title in response.text, "the proxy served an old page")
    expect(
        f"max-age={max_age}" in responses[0].headers.get("Cache-Control", ""),
        f"not cacheable: {responses[0].headers.get('Cache-Control')}",
    )
    time.sleep(1)  # for the nodes' access logs
    reached = [portal.node_of(response.check_id, wait=0) for response in responses]
    django_hits = sum(node is not None for node in reached)
    statuses = [response.headers.get("X-Cache-Status") for response in responses]
    expect(django_hits == 1, f"{django_hits} of 6 requests reached Django")

    # Kept by nginx for max-age from when it was stored: then the save shows.
    primed = portal.get(anonymous, path)
    if primed.headers.get("X-Cache-Status") != "HIT":
        stored_at = time.monotonic()
    new_title = f"Strategy, version {uuid.uuid4().hex[:8]}"
    admin_page_save(portal, state, slug="strategy", title=new_title)
    saved_at = time.monotonic()
    stale = 0
    while True:
        response = portal.get(anonymous, path)
        now = time.monotonic()
        if new_title in response.text:
            break
        stale += 1
        expect(
            now - stored_at <= max_age + 1,
            f"old page still served {now - saved_at:.1f} s after the save",
        )
        time.sleep(0.25)
    return (
        f"6 anonymous GETs of {path}: {django_hits} reached Django "
        f"(nginx: {', '.join(str(status) for status in statuses)}); after an "
        f"admin save, the old page served {stale} more times from nginx's cache, "
        f"the new one {now - saved_at:.1f} s after the save, "
        f"{now - stored_at:.1f} s after nginx stored the old (max-age {max_age} s)"
    )


def check_campaign(portal: Portal, state: dict) -> str:
    session = admin_session(portal, state)
    issue = state["issue"]
    send = portal.get(session, f"/en/admin/newsletter/issue/{issue}/send/")
    expect(send.status_code == 200, f"send page: {send.status_code}")
    total = soup(send).select_one("#recipients .recipient-total")
    expect(
        total is not None and total.get_text(strip=True) == str(state["expected"]),
        f"recipients shown: {total and total.get_text(strip=True)}",
    )
    started = portal.submit(
        session, send, selector="form#send-form, main form[method='post']"
    )
    expect(started.url.endswith("/campaign/"), f"not started: {started.url}")
    run(
        [PYTHON, __file__, "queue-again", str(issue), "3"],
        env={**portal.env, **DEV_SETTINGS},
    )
    deadline = time.monotonic() + 240
    status = ""
    while time.monotonic() < deadline:
        page = soup(
            portal.get(session, f"/en/admin/newsletter/issue/{issue}/campaign/")
        )
        found = page.select_one(".campaign-status strong")
        status = found.get_text(strip=True) if found else ""
        if status == "Sent":
            break
        time.sleep(2)
    expect(status == "Sent", f"campaign {status or 'not found'} after 4 minutes")
    per_worker = {
        worker: review_recipients(
            state["mail_dirs"][worker], sender=state["review_from"]
        )
        for worker in state["mail_dirs"]
    }
    received = sum(per_worker.values(), Counter())
    expected = Counter(state["subscribers"])
    twice = [address for address, count in received.items() if count > 1]
    expect(not twice, f"{len(twice)} subscribers received it twice: {twice[:3]}")
    missing = expected - received
    expect(not missing, f"{len(missing)} subscribers did not receive it")
    strangers = received - expected
    expect(not strangers, f"sent to {len(strangers)} addresses not subscribed")
    split = ", ".join(
        f"{worker} sent {sum(counter.values())}"
        for worker, counter in per_worker.items()
    )
    return (
        f"{sum(received.values())} emails to {len(expected)} subscribers, "
        f"each once, with 3 more batches queued meanwhile ({split})"
    )


CHECKS = [
    ("session holds across nodes", check_session),
    ("uploads through one node download through the other", check_uploads),
    ("login rate limit counts across nodes", check_rate_limit),
    ("page shown by both nodes updated on both after an admin save", check_node_cache),
    (
        "proxy cache: anonymous page without Django, fresh within max-age",
        check_proxy_cache,
    ),
    ("Review campaign by two workers: each subscriber exactly once", check_campaign),
]


# --- The set-up ----------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="A PostgreSQL server where the check may create a database.",
    )
    parser.add_argument("--database", default="rabat_scale_out_check")
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=8,
        help="PUBLIC_PAGE_CACHE_SECONDS of the nodes (the proxy's delay).",
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep the logs' folder afterwards."
    )
    options = parser.parse_args()

    install_missing()
    workdir = Path(tempfile.mkdtemp(prefix="rabat-scale-out-"))
    processes = Processes(workdir)
    stop = {"signal": None}

    def interrupted(number, _frame):
        stop["signal"] = number
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    started = time.monotonic()
    try:
        return deploy_and_check(options, workdir, processes)
    except KeyboardInterrupt:
        print("Interrupted.")
        return 1
    finally:
        processes.stop_all()
        drop_database(options)
        if options.keep:
            print(f"Logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        print(
            f"Stopped every process started; {time.monotonic() - started:.0f} s in all."
        )


def drop_database(options) -> None:
    subprocess.run(
        [
            "dropdb",
            "--if-exists",
            "--force",
            f"--maintenance-db={options.postgres_url}",
            options.database,
        ],
        cwd=BASE_DIR,
        capture_output=True,
        check=False,
    )


def deploy_and_check(options, workdir: Path, processes: Processes) -> int:
    import boto3
    import redis

    redis_port, moto_port, lb_port = free_port(), free_port(), free_port()
    node_ports = [free_port(), free_port()]
    media_root = workdir / "media"
    media_root.mkdir()
    mail_dirs = {
        "worker1": workdir / "mail-worker1",
        "worker2": workdir / "mail-worker2",
    }
    base_url = f"https://127.0.0.1:{lb_port}"

    print("Starting Redis, moto (S3), a fresh PostgreSQL database...")
    processes.start(
        "redis",
        [
            program("redis-server"),
            "--bind",
            "127.0.0.1",
            "--port",
            str(redis_port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
    )
    processes.start(
        "moto",
        [
            str(Path(PYTHON).with_name("moto_server")),
            "-H",
            "127.0.0.1",
            "-p",
            str(moto_port),
        ],
    )
    drop_database(options)
    run(["createdb", f"--maintenance-db={options.postgres_url}", options.database])
    database_url = f"{options.postgres_url.rstrip('/')}/{options.database}"
    wait_for("Redis", lambda: port_open(redis_port), processes=processes)
    wait_for("moto", lambda: port_open(moto_port), processes=processes)
    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{moto_port}",
        region_name="us-east-1",
        aws_access_key_id="check",
        aws_secret_access_key="check",
    )
    s3.create_bucket(Bucket=BUCKET)

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "AWS_", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="rabat.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=base_url,
        DATABASE_URL=database_url,
        CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{moto_port}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="check",
        AWS_SECRET_ACCESS_KEY="check",
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(workdir / "static"),
        EMAIL_URL=f"filemail://{workdir / 'mail-web'}",
        TRUSTED_PROXY_COUNT="1",
        PUBLIC_PAGE_CACHE_SECONDS=str(options.page_cache_seconds),
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    manage = [PYTHON, "manage.py"]
    # The static files' manifest, which production settings need, meanwhile.
    collectstatic = processes.start(
        "collectstatic",
        [*manage, "collectstatic", "--noinput", "-v", "0"],
        env=env,
        service=False,
    )
    print("Migrating, loading the demo data (files into the bucket)...")
    run([*manage, "migrate", "--noinput", "-v", "0"], env=env)
    run([*manage, "compilemessages", "--ignore=.venv", "-v", "0"], env=env)
    run([*manage, "load_demo"], env={**env, **DEV_SETTINGS})
    prepared = workdir / "prepared.json"
    run(
        [PYTHON, __file__, "prepare", str(prepared), str(options.subscribers)],
        env={**env, **DEV_SETTINGS},
    )
    data = json.loads(prepared.read_text())

    certificate, key = workdir / "tls.crt", workdir / "tls.key"
    run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ]
    )
    if collectstatic.wait() != 0:
        raise RuntimeError("collectstatic failed")
    print("Starting two web nodes, two workers, nginx...")
    for node, port in zip(NODES, node_ports, strict=True):
        processes.start(
            node,
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "rabat.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--access-logfile",
                str(workdir / f"{node}-access.log"),
                "--access-logformat",
                ACCESS_LOG_FORMAT,
                "--control-socket",
                str(workdir / f"{node}.ctl"),
            ],
            env=env,
        )
    for worker, directory in mail_dirs.items():
        processes.start(
            worker,
            [*manage, "db_worker", "--interval", "0.5", "--worker-id", worker],
            env={**env, "EMAIL_URL": f"filemail://{directory}"},
        )
    config = workdir / "nginx.conf"
    config.write_text(
        nginx_config(
            workdir=workdir,
            port=lb_port,
            nodes=node_ports,
            certificate=certificate,
            key=key,
        )
    )
    processes.start("nginx", [program("nginx"), "-c", str(config), "-g", "daemon off;"])

    portal = Portal(
        base_url=base_url, certificate=certificate, workdir=workdir, env=env
    )
    probe = portal.session()
    for port in node_ports:
        wait_for(
            f"node on {port}", lambda port=port: port_open(port), processes=processes
        )
    wait_for(
        "nginx",
        lambda: probe.get(f"{base_url}/healthz", timeout=5).status_code == 200,
        processes=processes,
    )
    print(f"Ready: nginx on {base_url}, nodes on {node_ports}\n")

    cache = redis.Redis(port=redis_port)

    def bucket_keys() -> list[str]:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    state = {
        **data,
        "expected": options.subscribers,
        "node_ports": node_ports,
        "media_root": media_root,
        "mail_dirs": mail_dirs,
        "max_age": options.page_cache_seconds,
        "bucket_keys": bucket_keys,
        "redis_keys": lambda pattern: sum(1 for _ in cache.scan_iter(pattern)),
    }
    failures = 0
    for name, check in CHECKS:
        check_started = time.monotonic()
        try:
            detail = check(portal, state)
        except (CheckFailed, RuntimeError, StopIteration) as error:
            failures += 1
            print(f"FAIL  {name}: {error or type(error).__name__}")
        else:
            print(f"PASS  {name}: {detail}")
        print(f"      ({time.monotonic() - check_started:.1f} s)")
    print()
    if failures:
        print(f"{failures} of {len(CHECKS)} checks failed.")
        for name in (*NODES, "worker1", "worker2", "nginx"):
            output = (workdir / f"{name}.out").read_text(errors="replace")
            if "Traceback" in output or "error" in output.lower():
                print(f"--- {name} (end)\n{output[-2000:]}")
        return 1
    print(f"All {len(CHECKS)} checks passed.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["prepare"]:
        sys.path.insert(0, str(BASE_DIR))
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["queue-again"]:
        sys.path.insert(0, str(BASE_DIR))
        queue_again(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["totp"]:
        sys.path.insert(0, str(BASE_DIR))
        totp_code(sys.argv[2])
    else:
        sys.exit(main())
