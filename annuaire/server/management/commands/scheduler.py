"""`manage.py scheduler`: run the site's scheduled jobs (annuaire/server/schedule.py) at
their times, until stopped; `--once`: each of them now, once, then stop."""

import contextlib
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annuaire.server import schedule


class Command(BaseCommand):
    help = "Lance les tâches planifiées du site (e-mails, vérification annuelle, chiffres) à leur heure."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Lance chaque tâche une fois, tout de suite, puis s'arrête."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            failed = [job.label for job in schedule.SCHEDULE if not self.run_and_say(job)]
            if failed:
                raise CommandError("Tâches en échec : " + ", ".join(failed) + " (détails ci-dessus).")
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in schedule.SCHEDULE:
            scheduler.add_job(
                self.run_and_say,
                CronTrigger(timezone=settings.TIME_ZONE, **job.cron),
                args=[job],
                id=job.command[0],
                name=job.label,
                max_instances=1,  # a long run is not started twice
                coalesce=True,  # several missed runs make one
                misfire_grace_time=3600,  # late by less than an hour (a restart): still run
            )
        self.stdout.write("Tâches planifiées :")
        for job in schedule.SCHEDULE:
            self.stdout.write(f"  {job.when} : {job.label} (manage.py {' '.join(job.command)})")
        with contextlib.suppress(KeyboardInterrupt, SystemExit):  # Ctrl+C
            scheduler.start()

    def run_and_say(self, job: schedule.ScheduledJob) -> bool:
        done = schedule.run(job)
        self.stdout.write(f"{'Fait' if done else 'ÉCHEC'} : {job.label}")
        return done
