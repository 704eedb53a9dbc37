"""`manage.py run_verification_cycle`: daily, idempotent, `--today` to simulate a date."""

from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from annuaire.verification.models import VerificationMessage
from tests.accounts.factories import referent
from tests.verification.conftest import listed
from tests.verification.helpers import last_body, sent


def run(*args: str) -> str:
    output = StringIO()
    call_command("run_verification_cycle", *args, stdout=output, stderr=StringIO())
    return output.getvalue()


def test_it_sends_what_is_owed_once_and_regenerates_the_open_data(db: Any, settings: Any, tmp_path: Path) -> None:
    settings.OPENDATA_DIR = tmp_path
    structure = listed("Association à relancer", date(2026, 2, 1))
    person = referent(structure)

    first = run("--today", "2027-01-01")
    second = run("--today", "2027-01-01")

    assert first.startswith("01/01/2027 : 1 message(s) envoyé(s), 0 structure(s) retirée(s)")
    assert "données ouvertes régénérées" in first
    assert second.startswith("01/01/2027 : 0 message(s) envoyé(s)")
    assert [(to, subject) for to, subject in sent()] == [
        (person.email, "Vérification annuelle de vos informations – Association à relancer")
    ]
    assert VerificationMessage.objects.get().kind == "demande"
    assert (tmp_path / "offres.csv").exists()


def test_a_bad_date_is_refused_in_french(db: Any) -> None:
    with pytest.raises(CommandError, match="Date invalide : « 2027-13-01 »"):
        run("--today", "2027-13-01")


def test_the_link_in_the_e_mail_is_signed_and_leads_to_the_structure(db: Any, settings: Any) -> None:
    structure = listed("Association", date(2026, 2, 1))
    referent(structure)
    run("--today", "2027-01-01", "--sans-export")
    body = last_body()
    assert "/espace/verification/lien/" in body
    assert "retirées de l'annuaire le 1 avril 2027" in body
