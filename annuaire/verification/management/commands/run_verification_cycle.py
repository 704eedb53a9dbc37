from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from annuaire.verification.cycle import run_cycle


class Command(BaseCommand):
    help = (
        "Vérification annuelle (à lancer chaque jour) : demandes et rappels aux structures, retrait "
        "automatique deux mois après l'échéance, puis régénération des données ouvertes. Relancer la "
        "commande le même jour ne refait rien."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", default="", help="Date simulée, AAAA-MM-JJ (par défaut : aujourd'hui).")
        parser.add_argument(
            "--sans-export", action="store_true", help="Ne pas régénérer les fichiers de données ouvertes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"Date invalide : « {options['today']} ». Écrivez-la AAAA-MM-JJ, par exemple 2026-12-01."
                ) from None
        report = run_cycle(today, export=not options["sans_export"])
        self.stdout.write(
            f"{today:%d/%m/%Y} : {len(report.messages)} message(s) envoyé(s), "
            f"{len(report.delisted)} structure(s) retirée(s), {len(report.failures)} échec(s)"
            + (", données ouvertes régénérées." if report.exported else ".")
        )
        for pk, reason in report.failures:
            self.stderr.write(f"Structure {pk} : {reason}")
