import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from annuaire.core.spreadsheet import neutralise_row
from annuaire.imports.template import COLUMNS, example_rows, header
from annuaire.taxonomy.models import Category, SubCategory


class Command(BaseCommand):
    help = "Écrit le modèle de fichier d'import (CSV, ou XLSX avec une feuille des codes) : docs/import.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="Fichier à écrire : .csv ou .xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        if output.suffix.lower() == ".xlsx":
            self._xlsx(output)
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header())
            writer.writerows(neutralise_row(values) for values in example_rows())
            output.write_text(buffer.getvalue(), encoding="utf-8")
        self.stdout.write(f"Modèle écrit : {output}")

    def _xlsx(self, output: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "offres"
        sheet.append(header())
        for values in example_rows():
            sheet.append(neutralise_row(values))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(COLUMNS, start=1):
            sheet.cell(row=1, column=index).number_format = "@"
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 2)
            for row in range(2, 301):  # text cells: SIRET, postal codes keep their zeros
                sheet.cell(row=row, column=index).number_format = "@"
        codes = workbook.create_sheet("codes")
        codes.append(["colonne", "code", "libellé"])
        for column in COLUMNS:
            if column.choices:
                for value, label in column.choices.choices:
                    codes.append([column.name, value, label])
        for category in Category.objects.order_by("order"):
            codes.append(["categorie", category.code, category.label])
        for sub in SubCategory.objects.select_related("category"):
            codes.append(["sous_categories", sub.code, f"{sub.label} (catégorie {sub.category.code})"])
        columns = workbook.create_sheet("colonnes")
        columns.append(["colonne", "obligatoire", "description"])
        for column in COLUMNS:
            columns.append([column.name, "oui" if column.required else "", column.description])
        workbook.properties.creator = "Annuaire SOS"
        workbook.save(output)
