"""People's roles, each scoped: to a structure, a territory (départements or communes) or a region.

People are Django's `auth.User`; one person may hold several roles (docs/adr/0011).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class RoleKind(models.TextChoices):
    REFERENT = "referent", "Référent de structure"
    MEMBER = "membre", "Membre de structure"
    COORDINATOR_3C = "coordinateur-3c", "Coordinateur territorial 3C (établissements de santé)"
    COORDINATOR_DAC = "coordinateur-dac", "Coordinateur territorial DAC (structures de ville)"
    REGIONAL_ADMIN = "admin-regional", "Administrateur régional"

    @classmethod
    def structure_roles(cls) -> set[str]:
        return {cls.REFERENT, cls.MEMBER}

    @classmethod
    def coordinator_roles(cls) -> set[str]:
        return {cls.COORDINATOR_3C, cls.COORDINATOR_DAC}


class RoleQuerySet(models.QuerySet["Role"]):
    def with_scope(self) -> RoleQuerySet:
        return self.select_related("structure", "region").prefetch_related("departements", "communes")


class Role(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("rôle", max_length=30, choices=RoleKind.choices)
    structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name="structure",
        help_text="Pour les référents et membres d'une structure.",
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name="région",
        help_text="Pour les administrateurs régionaux.",
    )
    departements = models.ManyToManyField(
        "geo.Departement", blank=True, related_name="roles", verbose_name="départements couverts"
    )
    communes = models.ManyToManyField(
        "geo.Commune", blank=True, related_name="roles", verbose_name="communes couvertes"
    )
    created_at = models.DateTimeField("attribué le", auto_now_add=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = "rôle"
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    models.Q(kind__in=["referent", "membre"], structure__isnull=False, region__isnull=True)
                    | models.Q(kind="admin-regional", structure__isnull=True, region__isnull=False)
                    | models.Q(
                        kind__in=["coordinateur-3c", "coordinateur-dac"], structure__isnull=True, region__isnull=True
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        scope = self.structure or self.region or "territoire"
        return f"{self.get_kind_display()} – {scope}"

    def clean(self) -> None:
        if self.kind in RoleKind.structure_roles() and self.structure_id is None:
            raise ValidationError({"structure": "Choisissez la structure de ce rôle."})
        if self.kind == RoleKind.REGIONAL_ADMIN and self.region_id is None:
            raise ValidationError({"region": "Choisissez la région de cet administrateur."})


class DemoAccount(models.Model):
    """Marks an account created by the demo command (`seed_demo`), never in production.

    Demo accounts may log in without a second factor (said on the login page)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_account")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "compte de démonstration"
        verbose_name_plural = "comptes de démonstration"

    def __str__(self) -> str:
        return str(self.user)
