from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annuaire.imports.importer import ImportRefused
from annuaire.imports.journal import run_import


class Command(BaseCommand):
    help = (
        "Importe des structures et des offres depuis un fichier CSV ou XLSX au format du modèle "
        "(docs/import.md). Tout ou rien : à la moindre erreur, rien n'est enregistré."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Fichier .csv ou .xlsx")
        parser.add_argument("--user", required=True, help="Identifiant de la personne qui importe.")
        parser.add_argument("--dry-run", action="store_true", help="Vérifie le fichier sans rien enregistrer.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Soumet les offres créées ou modifiées à la validation : territoriale pour un coordinateur "
            "3C/DAC, régionale pour un administrateur régional (rien n'est publié sans validation).",
        )
        parser.add_argument(
            "--progress-every", type=int, default=100, help="Afficher l'avancement toutes les N lignes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"Utilisateur « {options['user']} » inconnu ou désactivé.")
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")

        def progress(line: int, total: int, phase: str) -> None:
            self.stderr.write(f"ligne {line}/{total}")

        try:
            report, run = run_import(
                path.name,
                path.read_bytes(),
                user=user,
                dry_run=options["dry_run"],
                publish=options["publish"],
                progress=progress,
                progress_every=options["progress_every"],
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.text())
        self.stdout.write(f"Journal : import n° {run.pk}.")
        if report.errors:
            raise CommandError(report.summary())
