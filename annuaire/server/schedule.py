"""What the site does by itself, at set times (docs/deploiement.md, « Tâches planifiées »).

One table for every way of running the site: `manage.py scheduler` runs it (the `scheduler`
service of compose.yaml, or one systemd unit), and those who prefer cron write the same
lines in a crontab. Times are the site's (`TIME_ZONE`, Paris).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    label: str  # in French: the operator reads it in the logs
    command: tuple[str, ...]  # a manage.py command and its arguments
    cron: dict[str, str]  # when, as crontab fields (APScheduler's CronTrigger)

    @property
    def when(self) -> str:
        """In French, for the operator: "chaque minute", "chaque jour à 6 h 15"."""
        if "hour" not in self.cron:
            return "chaque minute"
        return f"chaque jour à {int(self.cron['hour'])} h {int(self.cron.get('minute', '0')):02d}"


SCHEDULE: tuple[ScheduledJob, ...] = (
    # The e-mails wait in their queue (django-post-office) until this sends them, and retries
    # those the SMTP server refused (docs/adr/0013).
    ScheduledJob("Envoi des e-mails en attente", ("send_queued_mail",), {"minute": "*"}),
    # Distances of the region's communes, the month's figures, the old search counts purged.
    ScheduledJob("Chiffres de l'état de l'offre", ("refresh_insight",), {"hour": "3", "minute": "30"}),
    # The finished imports' rows of the background queue, after a month.
    ScheduledJob(
        "Nettoyage de la file des traitements",
        ("prune_db_task_results", "--min-age-days", "30"),
        {"hour": "4", "minute": "0"},
    ),
    # The yearly check: requests, reminders, withdrawal two months after the due date; then
    # the open-data files (docs/verification.md). Run again the same day, it does nothing more.
    ScheduledJob(
        "Vérification annuelle et données ouvertes", ("run_verification_cycle",), {"hour": "6", "minute": "15"}
    ),
)


def run(job: ScheduledJob) -> bool:
    """Run `job` now; False, and the error logged, when it failed (the next ones still run)."""
    close_old_connections()  # a long-lived process: never reuse a connection the server dropped
    try:
        call_command(*job.command)
    except Exception:
        logger.exception("Tâche planifiée en échec : %s", job.label)
        return False
    finally:
        close_old_connections()
    return True
