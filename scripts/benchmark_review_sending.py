"""Benchmark: send an issue of the Rabat Review to N subscribers through a
real SMTP server on loopback, and print messages per second and memory.

    .venv/bin/python scripts/benchmark_review_sending.py --subscribers 10000

A benchmark, not a test: it builds a fresh database (a temporary SQLite file,
or the empty PostgreSQL database given by --database-url), migrates it,
creates an issue in French and English and N confirmed subscribers, starts
an aiosmtpd server in a separate process, and runs the worker's loop
(`newsletter.services.sending.send_batch`, batch after batch, as the task does)
through Django's SMTP backend. It checks that the server received exactly N
messages, one per subscriber, and exits non-zero otherwise.

Memory: tracemalloc's figures for the sending (Python allocations; pass
--no-tracemalloc for the speed without its overhead) at several points of
the run, so that constant memory shows, and the process's peak RSS.
"""

import argparse
import gc
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


# --- The SMTP server, in its own process --------------------------------------------


def smtp_server(pipe) -> None:
    """Accept every message; on "stop", answer (count, distinct recipients)."""
    from aiosmtpd.controller import Controller

    class Counting:
        def __init__(self):
            self.count = 0
            self.recipients = set()

        async def handle_DATA(self, server, session, envelope):
            self.count += 1
            self.recipients.update(envelope.rcpt_tos)
            return "250 Message accepted for delivery"

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    pipe.send(controller.port)
    pipe.recv()
    controller.stop()
    pipe.send((handler.count, len(handler.recipients)))


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- The benchmark --------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument(
        "--database-url",
        help="An empty database to use (default: a temporary SQLite file).",
    )
    parser.add_argument("--no-tracemalloc", action="store_true")
    options = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    server_pipe, child_pipe = context.Pipe()
    server = context.Process(target=smtp_server, args=(child_pipe,), daemon=True)
    server.start()
    port = server_pipe.recv()

    with tempfile.TemporaryDirectory() as workdir:
        os.environ["DJANGO_SETTINGS_MODULE"] = "rabat.settings.test"
        os.environ["DATABASE_URL"] = (
            options.database_url or f"sqlite:///{Path(workdir) / 'benchmark.sqlite3'}"
        )
        os.environ.setdefault("SITE_URL", "https://www.processusderabat.net")
        sys.path.insert(0, str(BASE_DIR))
        try:
            code = run(options, port=port, media=Path(workdir) / "media")
        finally:
            server_pipe.send("stop")
            received, distinct = server_pipe.recv()
            server.join(timeout=10)
    expected = options.subscribers
    print(f"SMTP server received:    {received} messages, {distinct} recipients")
    if received != expected or distinct != expected:
        print(f"FAILED: expected {expected} messages to {expected} recipients")
        return 1
    return code


def run(options, *, port: int, media: Path) -> int:
    import django
    from django.conf import settings

    # This script is the worker: starting the campaign queues nothing.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MEDIA_ROOT = str(media)

    from django.core.management import call_command

    print(f"Database: {settings.DATABASES['default']['ENGINE']}; migrating...")
    call_command("migrate", verbosity=0)

    from django.db import connection
    from django.utils import timezone

    from newsletter import selectors
    from newsletter.models import (
        Article,
        DeliveryStatus,
        Issue,
        Subscriber,
        SubscriberStatus,
    )
    from newsletter.services import sending

    issue = Issue.objects.create(
        number=1,
        period_fr="Juillet\u2013septembre 2013",
        period_en="July\u2013September 2013",
        title_fr="La réunion thématique de Dakar",
        title_en="The Dakar thematic meeting",
        introduction_fr="Bienvenue dans ce **numéro** de la Revue de Rabat.",
        introduction_en="Welcome to this **issue** of the Rabat Review.",
        published_at=timezone.now(),
    )
    paragraph_fr = "Les partenaires du Processus de Rabat se sont réunis. " * 20
    paragraph_en = "The partners of the Rabat Process met in Dakar. " * 20
    for position in range(3):
        Article.objects.create(
            issue=issue,
            position=position,
            title_fr=f"Article {position} en français",
            title_en=f"Article {position} in English",
            body_fr=f"{paragraph_fr}\n\n[Le site](https://www.processusderabat.net/)",
            body_en=f"{paragraph_en}\n\n[The site](https://www.processusderabat.net/)",
        )
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"subscriber{n:06}@example.org",
                language=("fr", "en")[n % 2],
                status=SubscriberStatus.CONFIRMED,
                consented_at=now,
                confirmed_at=now,
            )
            for n in range(options.subscribers)
        ),
        batch_size=1000,
    )

    if not options.no_tracemalloc:
        tracemalloc.start()
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)
    started = time.perf_counter()
    created = sending.campaign_start(campaign=campaign)
    start_seconds = time.perf_counter() - started
    print(f"campaign_start:          {created} deliveries in {start_seconds:.2f} s")
    if not options.no_tracemalloc:
        start_peak = tracemalloc.get_traced_memory()[1]
        print(f"  tracemalloc peak:      {start_peak / 2**20:.1f} MiB")
        tracemalloc.reset_peak()

    samples = []
    sent = 0
    started = time.perf_counter()
    next_sample = options.subscribers / 10
    while claimed := sending.send_batch(
        campaign_id=campaign.pk, batch_size=options.batch_size
    ):
        sent += claimed
        if sent >= next_sample and not options.no_tracemalloc:
            gc.collect()  # live memory, not cycles the collector has yet to free
            current, peak = tracemalloc.get_traced_memory()
            samples.append((sent, current, peak))
            next_sample += options.subscribers / 10
    seconds = time.perf_counter() - started

    counts = selectors.campaign_counts(campaign)
    print(f"Deliveries sent:         {counts['by_status'][DeliveryStatus.SENT]}")
    print(f"Sending time:            {seconds:.1f} s")
    print(f"Messages per second:     {sent / seconds:.0f}")
    if samples:
        print("tracemalloc during the sending (messages: current / peak so far):")
        for count, current, peak in samples:
            print(f"  {count:>7}: {current / 2**20:6.1f} MiB / {peak / 2**20:6.1f} MiB")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"Peak RSS of the process: {maxrss / 1024:.0f} MiB")
    connection.close()
    return 0 if counts["by_status"][DeliveryStatus.SENT] == options.subscribers else 1


if __name__ == "__main__":
    sys.exit(main())
