"""Load the default needs mapping (data/needs.json), creating what is missing.

Safe to re-run: themes and questions are matched on their code and left as the regional
administrators edited them, unless --reset restores the default wording and mapping.
"""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from annuaire.needs.models import Question, Theme, validate_leads_to_care
from annuaire.taxonomy.models import Category, SubCategory

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "needs.json"


class Command(BaseCommand):
    help = "Charge les questions « Faire le point » et leur lien vers les soins (sans écraser les modifications)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--reset", action="store_true", help="Rétablit les questions et le lien par défaut.")

    @transaction.atomic
    def handle(self, *args: Any, file: Path, reset: bool, **options: Any) -> None:
        data = json.loads(file.read_text(encoding="utf-8"))
        categories = {c.code: c for c in Category.objects.all()}
        subcategories = {s.code: s for s in SubCategory.objects.select_related("category")}
        if not categories:
            raise CommandError("La nomenclature des soins est vide : lancez d'abord load_taxonomy.")
        created = 0
        themes: dict[str, Theme] = {}
        for order, item in enumerate(data["themes"], start=1):
            try:
                care_categories = [categories[code] for code in item["categories"]]
                care_subcategories = [subcategories[code] for code in item["subcategories"]]
            except KeyError as error:
                raise CommandError(f"Thème « {item['code']} » : soin inconnu dans la nomenclature : {error}.") from None
            try:
                validate_leads_to_care(care_categories, care_subcategories)
            except ValidationError as error:
                raise CommandError(f"Thème « {item['code']} » : {error.messages[0]}") from None
            defaults = {"label": item["label"], "what_helps": item["what_helps"], "order": order * 10}
            theme, was_created = self._upsert(Theme, item["code"], defaults, reset)
            if was_created or reset:
                theme.categories.set(care_categories)
                theme.subcategories.set(care_subcategories)
            created += was_created
            themes[theme.code] = theme
        for order, item in enumerate(data["questions"], start=1):
            if item["theme"] not in themes:
                raise CommandError(f"Question « {item['code']} » : thème inconnu « {item['theme']} ».")
            defaults = {
                "theme": themes[item["theme"]],
                "text": item["text"],
                "hint": item.get("hint", ""),
                "professional_text": item["professional_text"],
                "moments": item["moments"],
                "group": item["group"],
                "order": order,
            }
            _, was_created = self._upsert(Question, item["code"], defaults, reset)
            created += was_created
        self.stdout.write(f"Faire le point : {created} élément(s) créé(s).")

    def _upsert(self, model: Any, code: str, defaults: dict[str, Any], reset: bool) -> tuple[Any, bool]:
        existing = model.objects.filter(code=code).first()
        if existing is not None and not reset:
            return existing, False
        obj = existing or model(code=code)
        for name, value in defaults.items():
            setattr(obj, name, value)
        try:
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(f"« {code} » : {'; '.join(error.messages)}") from None
        obj.save()
        return obj, existing is None
