"""The self-assessment as a value: read the answers of a request, rank the themes that weigh.

Nothing here writes to the database: an `Assessment` lives for one request, built from the
query string (docs/adr/0019-needs-self-assessment.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import groupby

from django.db import models

from annuaire.needs.models import Moment, Question, QuestionGroup, Theme
from annuaire.taxonomy.models import Category, SubCategory


class Level(models.TextChoices):
    """The answer scale, in the words a patient uses."""

    NOT_AT_ALL = "pas-du-tout", "Pas du tout"
    A_LITTLE = "un-peu", "Un peu"
    A_LOT = "beaucoup", "Beaucoup"


WEIGHTS = {Level.NOT_AT_ALL: 0, Level.A_LITTLE: 1, Level.A_LOT: 2}


def parse_moment(value: str | None) -> Moment | None:
    """The version asked for (`?moment=pendant|apres`), or None when absent or unknown."""
    return Moment(value) if value in Moment.values else None


@dataclass(frozen=True)
class Answer:
    question: Question
    level: Level

    @property
    def weight(self) -> int:
        return WEIGHTS[self.level]


@dataclass
class CareSuggestion:
    """A kind of care: a whole category, or some of its sub-categories."""

    category: Category
    subcategories: list[SubCategory] = field(default_factory=list)

    @property
    def is_whole_category(self) -> bool:
        return not self.subcategories


@dataclass
class ThemeNeed:
    """A theme the person says weighs on them, with what can help."""

    theme: Theme
    answers: list[Answer]
    care: list[CareSuggestion]

    @property
    def weight(self) -> int:
        return max(answer.weight for answer in self.answers)

    @property
    def level(self) -> Level:
        return max((answer.level for answer in self.answers), key=WEIGHTS.__getitem__)

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        """Heaviest answer first, then the sum of answers, then the administrators' order."""
        return (-self.weight, -sum(a.weight for a in self.answers), self.theme.order, self.theme.label)

    def category_ids(self) -> set[int]:
        return {s.category.pk for s in self.care if s.is_whole_category}

    def subcategory_ids(self) -> set[int]:
        return {sub.pk for s in self.care for sub in s.subcategories}

    def addresses(self, category_id: int, subcategory_ids: set[int]) -> bool:
        """Does an offer of this category with these sub-categories answer this theme?"""
        return self.care_index(category_id, subcategory_ids) is not None

    def care_index(self, category_id: int, subcategory_ids: set[int]) -> int | None:
        """The position in `care` of the first kind of care such an offer gives, if any."""
        for index, suggestion in enumerate(self.care):
            if suggestion.is_whole_category:
                if suggestion.category.pk == category_id:
                    return index
            elif subcategory_ids & {sub.pk for sub in suggestion.subcategories}:
                return index
        return None


@dataclass
class QuestionRow:
    question: Question
    level: Level | None  # None: not answered (skipped)


@dataclass
class Section:
    group: QuestionGroup
    rows: list[QuestionRow]


def care_suggestions(theme: Theme) -> list[CareSuggestion]:
    """The kinds of care of a theme, grouped by category in the taxonomy's order.

    Reads the relations prefetched by `Theme.objects.with_care()` (no query)."""
    whole = {c.pk: CareSuggestion(category=c) for c in theme.categories.all()}
    partial: dict[int, CareSuggestion] = {}
    for sub in theme.subcategories.all():
        if sub.category_id in whole:
            continue
        partial.setdefault(sub.category_id, CareSuggestion(category=sub.category)).subcategories.append(sub)
    suggestions = [*whole.values(), *partial.values()]
    return sorted(suggestions, key=lambda s: (s.category.order, s.category.label))


@dataclass
class Assessment:
    """One filled-in (or empty) self-assessment, read from a query string."""

    moment: Moment
    questions: list[Question]
    levels: dict[str, Level]
    errors: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, moment: Moment, data: Mapping[str, str]) -> Assessment:
        """The questions of `moment` and the answers found in `data` (by question code).

        A missing or empty answer is a skipped question. An unknown answer is set aside
        with a French message; unknown parameters are ignored."""
        questions = list(Question.objects.for_moment(moment).select_related("theme"))
        levels: dict[str, Level] = {}
        errors: list[str] = []
        for question in questions:
            value = (data.get(question.code) or "").strip()
            if not value:
                continue
            if value in Level.values:
                levels[question.code] = Level(value)
            else:
                errors.append(
                    f"Réponse non reconnue à la question « {question.text} » : elle n'a pas été prise en compte."
                )
        return cls(moment=moment, questions=questions, levels=levels, errors=errors)

    def sections(self) -> list[Section]:
        """The questionnaire in its parts, each question with its current answer."""
        return [
            Section(group=QuestionGroup(group), rows=[QuestionRow(q, self.levels.get(q.code)) for q in questions])
            for group, questions in groupby(self.questions, key=lambda q: q.group)
        ]

    def answers(self) -> list[Answer]:
        return [Answer(q, self.levels[q.code]) for q in self.questions if q.code in self.levels]

    @property
    def answered_count(self) -> int:
        return len(self.levels)

    def needs(self) -> list[ThemeNeed]:
        """The themes that weigh (at least one answer "un peu" or "beaucoup"), heaviest first."""
        weighing = [a for a in self.answers() if a.weight > 0]
        if not weighing:
            return []
        themes = {t.pk: t for t in Theme.objects.with_care().filter(pk__in={a.question.theme_id for a in weighing})}
        needs = [
            ThemeNeed(theme=themes[theme_id], answers=list(answers), care=care_suggestions(themes[theme_id]))
            for theme_id, answers in groupby(
                sorted(weighing, key=lambda a: a.question.theme_id), key=lambda a: a.question.theme_id
            )
        ]
        return sorted(needs, key=lambda need: need.sort_key)

    def query(self) -> list[tuple[str, str]]:
        """The answers as query parameters, to carry them from page to page (never stored)."""
        return [
            ("moment", self.moment.value),
            *((q.code, self.levels[q.code].value) for q in self.questions if q.code in self.levels),
        ]
