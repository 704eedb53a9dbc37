"""Load the default table sub-category → ROR national codes (data/ror_mapping.json).

Safe to re-run: rows the administrators edited are kept, unless --reset restores the
default. Run after `load_taxonomy` (it maps the sub-categories it finds).
"""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from annuaire.interop.models import RorMapping
from annuaire.taxonomy.models import SubCategory

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "ror_mapping.json"
FIELDS = ["operational_activity", "care_mode", "offer_type", "activity_field", "specific_acts", "note"]


class Command(BaseCommand):
    help = "Charge la correspondance par défaut entre les sous-catégories et les nomenclatures du ROR."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--reset", action="store_true", help="Rétablit les codes par défaut.")

    @transaction.atomic
    def handle(self, *args: Any, file: Path, reset: bool, **options: Any) -> None:
        rows = json.loads(file.read_text(encoding="utf-8"))["mappings"]
        subcategories = {sub.code: sub for sub in SubCategory.objects.all()}
        existing = {m.subcategory_id: m for m in RorMapping.objects.all()}
        created = updated = 0
        for row in rows:
            subcategory = subcategories.get(row["subcategory"])
            if subcategory is None:
                continue  # a sub-category the administrators removed
            mapping = existing.get(subcategory.pk)
            if mapping is not None and not reset:
                continue
            mapping = mapping or RorMapping(subcategory=subcategory)
            for field in FIELDS:
                setattr(mapping, field, row.get(field, ""))
            try:
                mapping.full_clean()
            except ValidationError as error:
                raise CommandError(f"{row['subcategory']} : {error.messages}") from None
            created += mapping.pk is None
            updated += mapping.pk is not None
            mapping.save()
        unmapped = SubCategory.objects.filter(ror_mapping__isnull=True).count()
        self.stdout.write(
            f"Correspondance ROR : {created} créée(s), {updated} rétablie(s) ; {unmapped} sous-catégorie(s) "
            "sans correspondance (code générique 414 « Soins de support »)."
        )
