from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.template.defaultfilters import filesizeformat

from annuaire.opendata.export import export_opendata, opendata_dir


class Command(BaseCommand):
    help = "Régénère les fichiers de données ouvertes (CSV, JSON, GeoJSON, schéma, datapackage, licence)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="Dossier de sortie (défaut : var/opendata/).")
        parser.add_argument(
            "--import-format",
            action="store_true",
            help="Écrit aussi offres-format-import.csv : les offres publiées au format du modèle d'import.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or opendata_dir()
        sizes = export_opendata(directory)
        if options["import_format"]:
            from annuaire.imports.template import write_import_csv

            sizes["offres-format-import.csv"] = write_import_csv(directory / "offres-format-import.csv")
        for name, size in sizes.items():
            self.stdout.write(f"{directory / name} ({filesizeformat(size)})")
