"""The site does by itself what must be done at set times: send the e-mails waiting in their
queue every minute, check the structures every day, refresh the figures every night
(annuaire/server/schedule.py, `manage.py scheduler`)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from post_office.models import STATUS

from annuaire.server.schedule import SCHEDULE
from tests.server.helpers import run_python

PARIS = ZoneInfo("Europe/Paris")


def next_runs(command: str, after: datetime, count: int) -> list[datetime]:
    (job,) = [job for job in SCHEDULE if job.command[0] == command]
    trigger = CronTrigger(timezone=PARIS, **job.cron)
    runs, previous, now = [], None, after
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, now)
        assert previous is not None
        runs.append(previous)
        now = previous
    return runs


def test_waiting_e_mails_leave_every_minute() -> None:
    runs = next_runs("send_queued_mail", datetime(2026, 12, 2, 10, 0, 30, tzinfo=PARIS), 3)
    assert [run.strftime("%H:%M") for run in runs] == ["10:01", "10:02", "10:03"]


def test_the_yearly_check_runs_every_morning_in_paris_time() -> None:
    runs = next_runs("run_verification_cycle", datetime(2026, 12, 2, 10, 0, tzinfo=PARIS), 2)
    assert [run.isoformat() for run in runs] == ["2026-12-03T06:15:00+01:00", "2026-12-04T06:15:00+01:00"]
    # Summer time: still a quarter past six for the people of the region.
    (summer,) = next_runs("run_verification_cycle", datetime(2027, 7, 1, 7, 0, tzinfo=PARIS), 1)
    assert summer.isoformat() == "2027-07-02T06:15:00+02:00"


def test_the_operator_reads_when_each_job_runs() -> None:
    assert {job.command[0]: job.when for job in SCHEDULE} == {
        "send_queued_mail": "chaque minute",
        "refresh_insight": "chaque jour à 3 h 30",
        "prune_db_task_results": "chaque jour à 4 h 00",
        "run_verification_cycle": "chaque jour à 6 h 15",
    }


def test_the_figures_and_the_queue_s_cleaning_run_every_night() -> None:
    night = datetime(2026, 12, 2, 12, 0, tzinfo=PARIS)
    assert next_runs("refresh_insight", night, 1)[0].strftime("%d %H:%M") == "03 03:30"
    assert next_runs("prune_db_task_results", night, 1)[0].strftime("%d %H:%M") == "03 04:00"


def test_once_runs_every_job_now_and_the_waiting_e_mail_leaves(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from django.core.mail import send_mail\n"
        "from django.core.management import call_command\n"
        "from post_office.models import Email\n"
        "call_command('migrate', interactive=False, verbosity=0)\n"
        "send_mail('Bonjour', 'Un message en attente.', 'annuaire@example.org', ['referent@example.org'])\n"
        "print('avant', Email.objects.get().status)\n"
        "call_command('scheduler', '--once')\n"
        "print('après', Email.objects.get().status)\n"
    )
    result = run_python(
        code,
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "OPENDATA_DIR": str(tmp_path / "opendata"),
            "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        },
    )
    lines = result.stdout.splitlines()
    assert f"avant {STATUS.queued}" in lines
    assert f"après {STATUS.sent}" in lines
    for job in SCHEDULE:
        assert f"Fait : {job.label}" in lines
    assert (tmp_path / "opendata" / "offres.csv").exists()  # the verification cycle's export
