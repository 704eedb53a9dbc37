"""Load the default SOS taxonomy (data/taxonomy.json), creating what is missing.

Safe to re-run: existing rows are matched on their code and left as the
administrators edited them, unless --reset asks to restore the default wording.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from annuaire.core import published
from annuaire.taxonomy.models import Category, Profession, SubCategory

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "taxonomy.json"


class Command(BaseCommand):
    help = "Charge la nomenclature des soins de support par défaut (sans écraser les modifications)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--reset", action="store_true", help="Rétablit les libellés par défaut.")

    @transaction.atomic
    def handle(self, *args: Any, file: Path, reset: bool, **options: Any) -> None:
        data = json.loads(file.read_text(encoding="utf-8"))
        created = 0

        def upsert(model: Any, code: str, defaults: dict[str, Any]) -> Any:
            nonlocal created
            if reset:
                obj, was_created = model.objects.update_or_create(code=code, defaults=defaults)
            else:
                obj, was_created = model.objects.get_or_create(code=code, defaults=defaults)
            created += was_created
            return obj

        professions = {
            item["code"]: upsert(
                Profession,
                item["code"],
                {"label": item["label"], "recruitment_profile": item.get("recruitment_profile", "")},
            )
            for item in data["professions"]
        }
        for category_data in data["categories"]:
            category = upsert(
                Category,
                category_data["code"],
                {
                    "label": category_data["label"],
                    "description": category_data.get("description", ""),
                    "kind": category_data["kind"],
                    "order": category_data["order"],
                },
            )
            for order, sub_data in enumerate(category_data["subcategories"], start=1):
                subcategory = upsert(
                    SubCategory,
                    sub_data["code"],
                    {
                        "category": category,
                        "label": sub_data["label"],
                        "description": sub_data.get("description", ""),
                        "kind": sub_data["kind"],
                        "funded_by_parcours_global": sub_data.get("funded_by_parcours_global", False),
                        "order": order,
                    },
                )
                if reset or not subcategory.professions.exists():
                    subcategory.professions.set([professions[code] for code in sub_data["professions"]])
        published.changed()  # public answers and the cached lookups start afresh
        self.stdout.write(f"Nomenclature : {created} élément(s) créé(s).")
