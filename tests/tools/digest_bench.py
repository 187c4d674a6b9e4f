"""What a digest run costs: a synthetic kennisbank of a few hundred items (all published in
the period), 1,000 users with about five follows each (two themes, a gemeente, a Knoop, a
search), and one `send_digests` run, its tasks run here as the worker would run them. Prints
the seconds and the database queries, in total and per user (docs/performance.md).

    python -m tests.tools.run digest_bench --users 1000 --items 300
"""

import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from kennisbank.accounts.roles import NETWERKPARTNER
from kennisbank.follows.digest import due_users
from kennisbank.follows.tasks import send_digest_task
from kennisbank.models import DigestSettings, Follow, Gemeente, KennisItem, Knoop, Thema
from tests.tools import benchmark
from tests.tools.bench import postgres_database

SEARCHES = ["q=statushouders", "q=opvang&type=parel", "q=woningen", "q=onderwijs", "q=zorg"]


class Command(BaseCommand):
    help = "Time one digest run for many users on a fresh database (docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1000)
        parser.add_argument("--items", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, **options):
        if connection.vendor == "postgresql":
            with postgres_database():
                self.bench(options)
        else:
            self.bench(options)

    def bench(self, options):
        call_command("migrate", verbosity=0, interactive=False)
        if KennisItem.objects.exists():
            raise CommandError("This database already holds items; use a fresh one.")
        benchmark.load_corpus(options["items"], options["seed"], out=self.stdout.write)
        call_command("update_index", verbosity=0)
        self.make_users(options["users"], random.Random(options["seed"]))

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            until = timezone.now().isoformat()
            queries = []
            with connection.execute_wrapper(
                lambda execute, *args: queries.append(1) or execute(*args)
            ):
                start = time.perf_counter()
                users = list(due_users())
                for user_id in users:  # what the worker runs for each queued task
                    send_digest_task.call(user_id, until)
                seconds = time.perf_counter() - start
        sent = len(mail.outbox)
        self.stdout.write(
            f"{connection.vendor}: {len(users)} users due, {sent} digests sent "
            f"({sum(len(m.body) for m in mail.outbox) // max(sent, 1)} characters of text each) "
            f"in {seconds:.1f} s: {seconds / len(users) * 1000:.0f} ms and "
            f"{len(queries) / len(users):.1f} queries per user ({len(queries)} in all)"
        )

    def make_users(self, count, rng):
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"lezer{n}", email=f"lezer{n}@example.org")
            for n in range(count)
        )
        Group.objects.get(name=NETWERKPARTNER).user_set.add(*users)
        week_ago = timezone.now() - datetime.timedelta(days=8)
        DigestSettings.objects.bulk_create(
            DigestSettings(user=user, frequency="weekly", sent_until=week_ago) for user in users
        )
        themes, gemeenten = list(Thema.objects.all()), list(Gemeente.objects.all())
        knopen = list(Knoop.objects.values_list("pk", flat=True))
        follows = []
        for user in users:
            for thema in rng.sample(themes, 2):
                follows.append(Follow(user=user, kind="thema", thema=thema))
            follows.append(Follow(user=user, kind="gemeente", gemeente=rng.choice(gemeenten)))
            follows.append(Follow(user=user, kind="knoop", knoop_id=rng.choice(knopen)))
            follows.append(Follow(user=user, kind="zoekopdracht", search=rng.choice(SEARCHES)))
        Follow.objects.bulk_create(follows)
        self.stdout.write(f"{count} users with {len(follows)} follows")
