"""The editable mapping of the needs self-assessment: questions → themes → kinds of care.

A `Theme` is what the person lives (tiredness, pain, money...), with one plain sentence on
what can help and the kinds of care of the taxonomy that address it. A `Question` asks about
a theme, in one or both versions of the self-assessment ("pendant" / "après" the
treatments). Regional administrators edit both in the admin; `load_needs` ships the default.
Answers are never stored (docs/adr/0019-needs-self-assessment.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from annuaire.taxonomy.models import Category, SubCategory


class Moment(models.TextChoices):
    """The two versions of the self-assessment (seed 004, "Quelques outils")."""

    PENDANT = "pendant", "Pendant les traitements"
    APRES = "apres", "Après les traitements"


class QuestionMoments(models.TextChoices):
    PENDANT = "pendant", "Pendant les traitements seulement"
    APRES = "apres", "Après les traitements seulement"
    BOTH = "les-deux", "Pendant et après les traitements"


class QuestionGroup(models.TextChoices):
    """The sections of the questionnaire, in display order (one fieldset each)."""

    CORPS = "corps", "Votre corps"
    MORAL = "moral", "Votre moral et votre sommeil"
    INTIME = "intime", "Votre vie intime et vos projets"
    QUOTIDIEN = "quotidien", "Votre vie de tous les jours"


# Question codes become query parameters (`?fatigue=beaucoup`): these names are taken.
RESERVED_CODES = frozenset({"moment", "commune", "rayon", "offre", "page"})


def validate_question_code(code: str) -> None:
    if code in RESERVED_CODES:
        raise ValidationError(
            f"Le code « {code} » est réservé. Choisissez-en un autre.", code="reserved", params={"code": code}
        )


def validate_leads_to_care(categories: Iterable[Category], subcategories: Iterable[SubCategory]) -> None:
    """A theme must lead to at least one active kind of care of the taxonomy."""
    if not any(c.is_active for c in categories) and not any(
        s.is_active and s.category.is_active for s in subcategories
    ):
        raise ValidationError(
            "Un thème doit mener à au moins un soin actif de la nomenclature (catégorie ou sous-catégorie).",
            code="no_care",
        )


class ThemeQuerySet(models.QuerySet["Theme"]):
    def with_care(self) -> ThemeQuerySet:
        """Themes with their kinds of care, in a constant number of queries."""
        return self.prefetch_related(
            models.Prefetch("categories", queryset=Category.objects.active().order_by("order", "label")),
            models.Prefetch(
                "subcategories",
                queryset=SubCategory.objects.active()
                .select_related("category")
                .order_by("category__order", "order", "label"),
            ),
        )


class Theme(models.Model):
    code = models.SlugField("code", max_length=60, unique=True)
    label = models.CharField("libellé", max_length=120)
    what_helps = models.CharField(
        "ce qui peut aider",
        max_length=300,
        help_text="Une phrase simple, affichée à la personne : ce qui peut l'aider.",
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="need_themes",
        verbose_name="types de soins entiers",
        help_text="Toutes les offres de ces catégories répondent à ce thème.",
    )
    subcategories = models.ManyToManyField(
        SubCategory,
        blank=True,
        related_name="need_themes",
        verbose_name="soins précis",
        help_text="Les sous-catégories qui répondent à ce thème.",
    )
    order = models.PositiveSmallIntegerField(
        "ordre", default=0, help_text="À réponses égales, le thème d'ordre le plus petit vient en premier."
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = "thème de besoins"
        verbose_name_plural = "thèmes de besoins"
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class QuestionQuerySet(models.QuerySet["Question"]):
    def for_moment(self, moment: str) -> QuestionQuerySet:
        """The active questions of one version of the self-assessment, in display order."""
        return self.filter(is_active=True, moments__in=[moment, QuestionMoments.BOTH]).order_by(
            "group_order", "order", "pk"
        )


class Question(models.Model):
    code = models.SlugField(
        "code",
        max_length=60,
        unique=True,
        validators=[validate_question_code],
        help_text="Apparaît dans l'adresse des résultats (par exemple ?fatigue-pendant=beaucoup).",
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="questions", verbose_name="thème")
    text = models.CharField("question posée à la personne", max_length=200)
    hint = models.CharField("exemples (facultatif)", max_length=200, blank=True)
    professional_text = models.CharField(
        "intitulé pour les professionnels",
        max_length=120,
        help_text="Court : utilisé dans la version professionnelle et sur la page à imprimer.",
    )
    moments = models.CharField("version", max_length=10, choices=QuestionMoments.choices)
    group = models.CharField("partie du questionnaire", max_length=20, choices=QuestionGroup.choices)
    # Denormalised from `group` so that the database sorts the questionnaire (set in save()).
    group_order = models.PositiveSmallIntegerField(editable=False, default=0)
    order = models.PositiveSmallIntegerField("ordre dans sa partie", default=0)
    is_active = models.BooleanField("active", default=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "question"
        ordering = ["group_order", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: object, **kwargs: object) -> None:
        self.group_order = list(QuestionGroup.values).index(self.group) if self.group in QuestionGroup.values else 0
        super().save(*args, **kwargs)  # type: ignore[arg-type]
