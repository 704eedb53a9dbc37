"""The table from our sub-categories to the ROR's national codes (docs/interop.md §3).

Data, editable in the administration, with a default in `data/ror_mapping.json` loaded
by `manage.py load_ror_mapping` (run by `make setup`). Every code is checked against the
national lists shipped in `data/nos/`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from annuaire.interop import nos


def codes_of(value: str) -> list[str]:
    """ "0601, 1421" → ["0601", "1421"]."""
    return [code.strip() for code in value.replace(";", ",").split(",") if code.strip()]


class RorMapping(models.Model):
    subcategory = models.OneToOneField(
        "taxonomy.SubCategory", on_delete=models.CASCADE, related_name="ror_mapping", verbose_name="sous-catégorie"
    )
    operational_activity = models.CharField(
        "activité opérationnelle (J17)",
        max_length=3,
        help_text="Code de la nomenclature J17 (TRE-R211), ex. 414 « Soins de support ». Un seul code par offre.",
    )
    care_mode = models.CharField(
        "mode de prise en charge (J19)",
        max_length=2,
        default="32",
        help_text="Code J19 (TRE-R213), ex. 32 « Consultation (CS) ou Séance », 42 « Prise en charge de groupe ».",
    )
    offer_type = models.CharField(
        "type d'offre (J238)",
        max_length=3,
        blank=True,
        help_text="Code J238 (TRE-R244) quand un type d'offre national correspond ; vide sinon "
        "(le type déduit de la structure s'applique alors).",
    )
    activity_field = models.CharField(
        "champ d'activité (J20)",
        max_length=2,
        blank=True,
        help_text="Code J20 (TRE-R227) ; vide = selon le type de structure "
        "(01 MCO pour un établissement de santé, 05 Ville sinon).",
    )
    specific_acts = models.CharField(
        "actes spécifiques (J16)",
        max_length=255,
        blank=True,
        help_text="Codes J16 (TRE-R210) séparés par des virgules, ex. 0601, 1421.",
    )
    note = models.TextField(
        "remarque", blank=True, help_text="Par exemple : aucun code national exact, code générique retenu."
    )

    class Meta:
        verbose_name = "correspondance ROR"
        verbose_name_plural = "correspondances ROR (nomenclatures nationales)"
        ordering = ["subcategory__category__order", "subcategory__order"]

    def __str__(self) -> str:
        return f"{self.subcategory} → {self.operational_activity}"

    @property
    def specific_act_codes(self) -> list[str]:
        return codes_of(self.specific_acts)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        checks = [
            ("operational_activity", "J17", [self.operational_activity]),
            ("care_mode", "J19", [self.care_mode]),
            ("offer_type", "J238", [self.offer_type] if self.offer_type else []),
            ("activity_field", "J20", [self.activity_field] if self.activity_field else []),
            ("specific_acts", "J16", self.specific_act_codes),
        ]
        for field, name, values in checks:
            unknown = [code for code in values if code not in nos.code_list(name)]
            if unknown:
                errors[field] = f"Code(s) absent(s) de la nomenclature {name} : {', '.join(unknown)}."
        if errors:
            raise ValidationError(errors)
