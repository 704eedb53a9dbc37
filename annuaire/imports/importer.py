"""All-or-nothing import of structures and offers (docs/import.md, docs/adr/0006-bulk-import.md).

Every row is checked first; if any check fails nothing is written. Otherwise the rows are
saved in one transaction, where the models' own rules (annuaire.directory.validation.validate_offer,
field validation) run too; a dry run, or any error found there, rolls everything back.

This module is the process (columns, lines, file-wide consistency, saving, the journal);
`cells` checks one value, `rows` one line, `report` words the outcome.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation

from annuaire.accounts.access import actor_for
from annuaire.core.identifiers import compact
from annuaire.core.text import normalize
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.directory.publication import Action, Level, TransitionError, batch, transition
from annuaire.directory.publication.revisions import copied_fields, open_revision, start_revision
from annuaire.directory.publication.rules import EDITABLE
from annuaire.directory.validation import validate_offer
from annuaire.imports.cells import RowError
from annuaire.imports.reader import ImportFileError, Table, read_table
from annuaire.imports.report import Issue, Report
from annuaire.imports.rows import ParsedRow, RowParser
from annuaire.imports.template import (
    COLUMNS,
    COLUMNS_BY_NAME,
    IDENTIFIER_COLUMNS,
    OFFER,
    PLACE,
    REQUIRED_COLUMNS,
    STRUCTURE,
)
from annuaire.taxonomy.models import Category, SubCategory

__all__ = [
    "PUBLISH_PERMISSION",
    "PUBLISH_REFUSED",
    "ImportRefused",
    "Importer",
    "Issue",
    "ParsedRow",
    "Report",
    "RowError",
    "may_publish",
]

PUBLISH_PERMISSION = "imports.publish_import"
PUBLISH_REFUSED = (
    "Seuls les coordinateurs territoriaux (3C, DAC) et les administrateurs régionaux peuvent soumettre "
    "un import à la validation (--publish). Relancez l'import sans --publish : les offres seront "
    "enregistrées en brouillon."
)


class ImportRefused(Exception):
    """The import may not run at all (permission): French message."""


# progress(rows done, rows in all, phase): CHECKING while each line is read, then SAVING.
Progress = Callable[[int, int, str], None]
CHECKING, SAVING = "verification", "enregistrement"


def may_publish(user: Any) -> bool:
    """Who may submit an import for review (`--publish`, kept as the option's name): the
    territorial coordinators and the regional administrators. Nobody publishes directly."""
    actor = actor_for(user)
    return actor.is_coordinator or actor.is_regional_admin


class Importer:
    def __init__(
        self,
        *,
        dry_run: bool,
        publish: bool,
        progress: Progress | None = None,
        progress_every: int = 100,
        user: Any = None,
    ) -> None:
        self.dry_run, self.publish = dry_run, publish
        self.actor = actor_for(user)
        self.progress, self.progress_every = progress, max(progress_every, 1)
        self.categories = {c.code: c for c in Category.objects.all()}
        self.subcategories = {s.code: s for s in SubCategory.objects.select_related("category")}
        self.now = timezone.now()

    # --- entry point -----------------------------------------------------------------
    def run(self, file_name: str, data: bytes) -> Report:
        report = Report(file_name, hashlib.sha256(data).hexdigest(), dry_run=self.dry_run, publish=self.publish)
        self.report = report
        with translation.override("fr"):
            try:
                table = read_table(file_name, data)
            except ImportFileError as error:
                report.error(None, str(error))
                return report
            report.encoding, report.row_count = table.encoding, len(table.rows)
            if not self._check_columns(table):
                return report
            if not table.rows:
                report.error(None, "Le fichier ne contient aucune ligne de données sous la ligne des noms de colonnes.")
                return report
            self.present = [COLUMNS_BY_NAME[name] for name in table.columns if name in COLUMNS_BY_NAME]
            parser = RowParser(self.present, categories=self.categories, subcategories=self.subcategories)
            rows = []
            for position, (line, cells) in enumerate(table.rows, start=1):
                self._tick(position, report.row_count)
                parsed, errors = parser.parse(line, cells)
                for message in errors:
                    report.error(line, message)
                if parsed is not None:
                    rows.append(parsed)
            if report.errors:
                return report
            self._check_consistency(rows)
            if report.errors:
                return report
            if self.progress:
                self.progress(0, report.row_count, SAVING)  # before the transaction: seen by the page
            with transaction.atomic():
                # The offers submitted are told together: one e-mail per coordinator, not one per row.
                with batch():
                    self._save(rows)
                if report.errors or self.dry_run:
                    transaction.set_rollback(True)
            report.imported = not report.errors and not self.dry_run
            if report.errors:
                report.notes.clear()
        return report

    def _tick(self, position: int, total: int) -> None:
        if self.progress and (position % self.progress_every == 0 or position == total):
            self.progress(position, total, CHECKING)

    # --- columns -----------------------------------------------------------------------
    def _check_columns(self, table: Table) -> bool:
        present = set(table.columns)
        missing = [name for name in REQUIRED_COLUMNS if name not in present]
        if missing:
            self.report.error(None, "Colonnes obligatoires absentes : " + ", ".join(missing) + ".")
        if not present & set(IDENTIFIER_COLUMNS):
            self.report.error(None, "Il faut une colonne « siret » ou « finess » pour identifier les structures.")
        duplicated = sorted({name for name in table.columns if table.columns.count(name) > 1})
        if duplicated:
            self.report.error(None, "Colonnes en double : " + ", ".join(duplicated) + ".")
        for name in table.columns:
            if name not in COLUMNS_BY_NAME:
                self.report.warnings.append(Issue(None, f"Colonne « {name} » inconnue du modèle : elle est ignorée."))
        return not self.report.errors

    # --- the file as a whole ---------------------------------------------------------------
    def _check_consistency(self, rows: list[ParsedRow]) -> None:
        seen_rows: dict[tuple[tuple[str, str], ...], int] = {}
        structures: dict[str, ParsedRow] = {}
        offers: dict[tuple[str, str, str], ParsedRow] = {}
        offer_places: dict[tuple[tuple[str, str, str], tuple[str, str]], ParsedRow] = {}
        places: dict[tuple[str, tuple[str, str]], ParsedRow] = {}
        for row in rows:
            signature = tuple(sorted((k, v) for k, v in row.cells.items() if k in COLUMNS_BY_NAME))
            if signature in seen_rows:
                self.report.error(row.line, f"doublon de la ligne {seen_rows[signature]}")
                continue
            seen_rows[signature] = row.line
            first = structures.setdefault(row.structure_key, row)
            differing = self._differing(first, row, STRUCTURE)
            if differing:
                self.report.error(
                    row.line,
                    f"la structure « {first.cells.get('structure_nom', '')} » est décrite autrement qu'à la ligne "
                    f"{first.line} (colonnes : {', '.join(differing)})",
                )
            first_offer = offers.setdefault(row.offer_key, row)
            title = row.cells.get("offre_intitule", "")
            if (row.offer_key, row.place_key) in offer_places:
                other = offer_places[(row.offer_key, row.place_key)]
                self.report.error(
                    row.line, f"l'offre « {title} » est déjà décrite pour ce lieu à la ligne {other.line}"
                )
                continue
            offer_places[(row.offer_key, row.place_key)] = row
            differing = self._differing(first_offer, row, OFFER)
            if differing:
                self.report.error(
                    row.line,
                    f"l'offre « {title} » est décrite autrement qu'à la ligne {first_offer.line} "
                    f"(colonnes : {', '.join(differing)})",
                )
            first_place = places.setdefault((row.structure_key, row.place_key), row)
            differing = self._differing(first_place, row, PLACE)
            if differing:
                self.report.error(
                    row.line,
                    f"le lieu « {row.values[PLACE]['name']} » est décrit autrement qu'à la ligne {first_place.line} "
                    f"(colonnes : {', '.join(differing)})",
                )

    def _differing(self, first: ParsedRow, row: ParsedRow, target: str) -> list[str]:
        if first is row:
            return []
        return [
            c.name
            for c in self.present
            if c.target == target and first.cells.get(c.name, "") != row.cells.get(c.name, "")
        ]

    # --- saving ------------------------------------------------------------------------
    def _save(self, rows: list[ParsedRow]) -> None:
        structures: dict[str, Structure | None] = {}
        offer_rows: dict[tuple[str, str, str], list[ParsedRow]] = {}
        for row in rows:
            offer_rows.setdefault(row.offer_key, []).append(row)
            if row.structure_key not in structures:
                structures[row.structure_key] = self._save_structure(row)
        places: dict[tuple[str, tuple[str, str]], Place] = {}
        for position, group in enumerate(offer_rows.values(), start=1):
            structure = structures[group[0].structure_key]
            if structure is not None:
                self._save_offer(structure, group, places)
            if self.progress and position % self.progress_every == 0:
                self.progress(group[0].line, self.report.row_count, SAVING)

    def _save_structure(self, row: ParsedRow) -> Structure | None:
        values = row.values[STRUCTURE]
        existing = None
        if values.get("siret"):
            existing = Structure.objects.filter(siret=values["siret"]).order_by("pk").first()
        if existing is None and values.get("finess"):
            existing = Structure.objects.filter(finess=values["finess"]).order_by("pk").first()
        structure = existing or Structure()
        changed = self._assign(structure, values)
        if existing is not None and values.get("siret") and not structure.siren.startswith(values["siret"][:9]):
            structure.siren = values["siret"][:9]
        if not self._validate(row.line, structure, STRUCTURE):
            return None
        structure.save()
        self.report.record(row.line, "structures", structure.name, created=existing is None, changed=changed)
        return structure

    def _save_offer(
        self, structure: Structure, group: list[ParsedRow], places: dict[tuple[str, tuple[str, str]], Place]
    ) -> None:
        first = group[0]
        values = first.values[OFFER]
        existing = None
        if structure.pk:
            wanted = normalize(values["title"])
            for candidate in Offer.objects.filter(structure=structure, category=values["category"]).order_by("pk"):
                if normalize(candidate.title) == wanted:
                    existing = candidate
                    break
        offer = existing or Offer(structure=structure)
        changed = self._assign(offer, values)
        offer_places = [self._place(structure, row, places) for row in group]
        if any(place is None for place in offer_places):
            return
        try:
            validate_offer(offer, subcategories=first.subcategories, places=[p for p in offer_places if p])
        except ValidationError as error:
            self._report_validation(first.line, error, OFFER)
            return
        chosen_places = {place.pk for place in offer_places if place is not None}
        if existing is not None:
            changed = changed or {s.pk for s in existing.subcategories.all()} != {s.pk for s in first.subcategories}
            changed = changed or {p.pk for p in existing.places.all()} != chosen_places
        if not self._validate(first.line, offer, OFFER):
            return
        chosen = [place for place in offer_places if place is not None]
        target = offer
        if existing is not None and changed and existing.status == PublicationStatus.PUBLISHED:
            # The published version stays visible; the changes are reviewed on a revision.
            revision = self._revise(first.line, offer, first.subcategories, chosen)
            if revision is None:
                return
            target = revision
        else:
            offer.save()
            offer.subcategories.set(first.subcategories)
            offer.places.set(chosen)
        if self.publish and (existing is None or changed):
            self._submit(first.line, target)
        self.report.record(first.line, "offers", offer.title, created=existing is None, changed=changed)

    def _revise(self, line: int, edited: Offer, subcategories: list[SubCategory], places: list[Place]) -> Offer | None:
        """The revision of published `edited` (its new values are in memory, not saved)."""
        try:
            revision = open_revision(edited) or start_revision(Offer.objects.get(pk=edited.pk), self.actor)
        except TransitionError as error:
            self.report.error(line, f"offre « {edited.title} » publiée : {error}")
            return None
        if revision.status not in EDITABLE:
            self.report.error(line, f"offre « {edited.title} » : des modifications sont déjà en cours de validation.")
            return None
        for name in copied_fields():
            setattr(revision, name, getattr(edited, name))
        revision.save()
        revision.subcategories.set(subcategories)
        revision.places.set(places)
        return revision

    def _submit(self, line: int, offer: Offer) -> None:
        """Submit at the importer's level: regional review for the region, else territorial."""
        if offer.status not in EDITABLE:
            return
        action = Action.SUBMIT_REGIONAL if self.actor.acts_at(Level.REGIONAL, offer.structure) else Action.SUBMIT
        if action == Action.SUBMIT and not self.actor.acts_at(Level.TERRITORIAL, offer.structure):
            self.report.error(
                line,
                f"offre « {offer.title} » : vous n'êtes ni coordinateur du territoire de « {offer.structure.name} » "
                "ni administrateur de sa région ; importez sans soumettre à la validation.",
            )
            return
        try:
            transition(offer, action, self.actor)
        except TransitionError as error:
            self.report.error(line, f"offre « {offer.title} » : {error}")

    def _place(
        self, structure: Structure, row: ParsedRow, places: dict[tuple[str, tuple[str, str]], Place]
    ) -> Place | None:
        key = (row.structure_key, row.place_key)
        if key in places:
            return places[key]
        values = row.values[PLACE]
        existing = None
        for candidate in Place.objects.filter(structure=structure, commune=values["commune"]).order_by("pk"):
            if normalize(candidate.name) == row.place_key[0]:
                existing = candidate
                break
        place = existing or Place(structure=structure)
        changed = self._assign(place, values)
        if not self._validate(row.line, place, PLACE):
            return None
        if existing is None or changed:
            place.save()
        if existing is None:
            self.report.counts["places_created"] += 1
        places[key] = place
        return place

    def _assign(self, instance: models.Model, values: dict[str, Any]) -> bool:
        changed = False
        commune_before = getattr(instance, "commune_id", None)
        for attr, value in values.items():
            if attr in ("subcategories",):
                continue
            current = getattr(instance, f"{attr}_id") if attr in ("commune", "category") else getattr(instance, attr)
            new = value.pk if attr in ("commune", "category") else value
            if attr in ("siret", "finess"):
                current = compact(current or "")
            if current != new:
                changed = True
            setattr(instance, attr, value)
        if instance.pk is not None and getattr(instance, "commune_id", None) != commune_before:
            instance.lat = instance.lng = None  # type: ignore[attr-defined]  # recomputed from the new commune
        return changed or instance.pk is None

    def _validate(self, line: int, instance: models.Model, target: str) -> bool:
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self._report_validation(line, error, target)
            return False
        return True

    def _report_validation(self, line: int, error: ValidationError, target: str) -> None:
        columns = {c.attr: c.name for c in COLUMNS if c.target == target}
        if hasattr(error, "error_dict"):
            for attr, messages in error.message_dict.items():
                label = columns.get(attr, attr)
                for message in messages:
                    self.report.error(line, f"{label} : {message}")
        else:
            for message in error.messages:
                self.report.error(line, message)
