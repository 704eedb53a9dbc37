"""All-or-nothing import of structures and offers (docs/import.md, docs/adr/0006-bulk-import.md).

Every row is checked first; if any check fails nothing is written. Otherwise the rows are
saved in one transaction, where the models' own rules (Offer.clean, Offer.clean_subcategories,
field validation) run too; a dry run, or any error found there, rolls everything back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.utils import timezone, translation
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from annuaire.core.identifiers import compact, finess_is_valid
from annuaire.core.text import normalize
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.geo.models import Commune
from annuaire.imports.models import ImportRun
from annuaire.imports.reader import ImportFileError, Table, read_table
from annuaire.imports.template import (
    COLUMNS,
    COLUMNS_BY_NAME,
    IDENTIFIER_COLUMNS,
    OFFER,
    PLACE,
    REQUIRED_COLUMNS,
    STRUCTURE,
    ImportColumn,
)
from annuaire.taxonomy.models import Category, SubCategory

PUBLISH_PERMISSION = "imports.publish_import"
PUBLISH_REFUSED = (
    "La publication directe (--publish) est réservée aux administrateurs régionaux "
    "(permission « imports.publish_import »). Relancez l'import sans --publish : les données "
    "seront enregistrées en brouillon, à valider avant publication."
)
_TRUE = {"oui", "o", "vrai", "true", "1", "x", "yes"}
_FALSE = {"non", "n", "faux", "false", "0", "no"}
_LIST_SPLIT = re.compile(r"[;,|]")
_COMMUNE_WITH_DEPARTEMENT = re.compile(r"^(?P<name>.+?)\s*\((?P<dep>\d{2,3}|2A|2B)\)$", re.IGNORECASE)
_NON_NULL_BOOLEANS = {"is_recognised_association", "parcours_global"}


class ImportRefused(Exception):
    """The import may not run at all (permission): French message."""


class RowError(Exception):
    pass


@dataclass
class Issue:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}" if self.line else self.message


@dataclass
class Report:
    file_name: str
    sha256: str
    dry_run: bool
    publish: bool
    encoding: str = ""
    row_count: int = 0
    imported: bool = False
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            [
                "structures_created",
                "structures_updated",
                "structures_unchanged",
                "offers_created",
                "offers_updated",
                "offers_unchanged",
                "places_created",
            ],
            0,
        )
    )

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(Issue(line, message))

    def summary(self) -> str:
        c = self.counts
        verb = "créerait" if not self.imported else "a créé"
        figures = (
            f"{c['structures_created']} structure(s) créée(s), {c['structures_updated']} modifiée(s), "
            f"{c['structures_unchanged']} inchangée(s) ; {c['offers_created']} offre(s) créée(s), "
            f"{c['offers_updated']} modifiée(s), {c['offers_unchanged']} inchangée(s) ; "
            f"{c['places_created']} lieu(x) créé(s)"
        )
        if self.errors:
            return f"Import refusé : {len(self.errors)} erreur(s). Rien n'a été enregistré."
        if self.dry_run:
            return f"Simulation sans erreur ({verb}) : {figures}. Rien n'a été enregistré."
        status = "publiées" if self.publish else "en brouillon, à valider avant publication"
        return f"Import réussi : {figures}. Données créées ou modifiées {status}."

    def text(self) -> str:
        lines = [f"Fichier « {self.file_name} » (SHA-256 {self.sha256}) : {self.row_count} ligne(s) lue(s)."]
        if self.encoding:
            lines.append(f"Encodage détecté : {self.encoding}.")
        lines.append(self.summary())
        if self.errors:
            lines += ["", "Erreurs :", *(str(issue) for issue in self.errors)]
        if self.warnings:
            lines += ["", "Avertissements :", *(str(issue) for issue in self.warnings)]
        if self.notes and not self.errors:
            lines += ["", "Détail :", *(str(issue) for issue in self.notes)]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        def issues(items: list[Issue]) -> list[dict[str, Any]]:
            return [{"ligne": issue.line, "message": issue.message} for issue in items]

        return {
            "fichier": self.file_name,
            "sha256": self.sha256,
            "encodage": self.encoding,
            "simulation": self.dry_run,
            "publication": self.publish,
            "lignes": self.row_count,
            "importe": self.imported,
            "resume": self.summary(),
            "compteurs": dict(self.counts),
            "erreurs": issues(self.errors),
            "avertissements": issues(self.warnings),
            "detail": issues(self.notes),
        }


@dataclass
class ParsedRow:
    line: int
    cells: dict[str, str]
    values: dict[str, dict[str, Any]]  # target -> attr -> value (only columns present in the file)
    structure_key: str = ""
    offer_key: tuple[str, str, str] = ("", "", "")
    place_key: tuple[str, str] = ("", "")
    subcategories: list[SubCategory] = field(default_factory=list)


Progress = Callable[[int, int], None]


def may_publish(user: Any) -> bool:
    """The regional administrator's right: the permission, or a superuser."""
    return bool(user is not None and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def run_import(
    file_name: str,
    data: bytes,
    *,
    user: Any,
    dry_run: bool,
    publish: bool,
    progress: Progress | None = None,
    progress_every: int = 100,
) -> tuple[Report, ImportRun]:
    """Check, then import `data` (unless `dry_run`), and record the run in the journal."""
    if publish and not may_publish(user):
        raise ImportRefused(PUBLISH_REFUSED)
    started = timezone.now()
    report = Importer(dry_run=dry_run, publish=publish, progress=progress, progress_every=progress_every).run(
        file_name, data
    )
    c = report.counts
    if report.errors:
        outcome = ImportRun.Outcome.REJECTED
    else:
        outcome = ImportRun.Outcome.SIMULATED if dry_run else ImportRun.Outcome.IMPORTED
    run = ImportRun.objects.create(
        user=user,
        username=user.get_username(),
        started_at=started,
        finished_at=timezone.now(),
        file_name=file_name[:255],
        sha256=report.sha256,
        dry_run=dry_run,
        publish=publish,
        outcome=outcome,
        row_count=report.row_count,
        error_count=len(report.errors),
        structures_created=c["structures_created"],
        structures_updated=c["structures_updated"],
        offers_created=c["offers_created"],
        offers_updated=c["offers_updated"],
        offers_unchanged=c["offers_unchanged"],
        places_created=c["places_created"],
        report_text=report.text(),
        report_json=report.as_json(),
    )
    return report, run


class Importer:
    def __init__(
        self, *, dry_run: bool, publish: bool, progress: Progress | None = None, progress_every: int = 100
    ) -> None:
        self.dry_run, self.publish = dry_run, publish
        self.progress, self.progress_every = progress, max(progress_every, 1)
        self.categories = {c.code: c for c in Category.objects.all()}
        self.subcategories = {s.code: s for s in SubCategory.objects.select_related("category")}
        self._communes: dict[tuple[str, str], Commune] = {}
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
            rows = []
            for position, (line, cells) in enumerate(table.rows, start=1):
                self._tick(position, report.row_count)
                parsed = self._parse(line, cells)
                if parsed is not None:
                    rows.append(parsed)
            if report.errors:
                return report
            self._check_consistency(rows)
            if report.errors:
                return report
            with transaction.atomic():
                self._save(rows)
                if report.errors or self.dry_run:
                    transaction.set_rollback(True)
            report.imported = not report.errors and not self.dry_run
            if report.errors:
                report.notes.clear()
        return report

    def _tick(self, position: int, total: int) -> None:
        if self.progress and (position % self.progress_every == 0 or position == total):
            self.progress(position, total)

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

    # --- one row -----------------------------------------------------------------------
    def _parse(self, line: int, cells: dict[str, str]) -> ParsedRow | None:
        row = ParsedRow(line, cells, {STRUCTURE: {}, OFFER: {}, PLACE: {}})
        errors: list[str] = []
        for column in self.present:
            raw = cells.get(column.name, "")
            if column.required and not raw:
                errors.append(f"la colonne « {column.name} » est vide (obligatoire)")
                continue
            if column.kind == "commune":
                continue  # resolved below, with the postal code
            try:
                row.values[column.target][column.attr] = self._value(column, raw)
            except RowError as error:
                errors.append(str(error))
        structure = row.values[STRUCTURE]
        identifier_error = any("SIRET" in e or "FINESS" in e for e in errors)
        if not structure.get("siret") and not structure.get("finess") and not identifier_error:
            errors.append("SIRET ou FINESS obligatoire pour identifier la structure")
        for target in (STRUCTURE, PLACE):
            raw = cells.get(f"{'structure' if target == STRUCTURE else 'lieu'}_commune", "")
            if not raw:
                continue
            try:
                row.values[target]["commune"] = self._commune(raw, row.values[target].get("postal_code", ""))
            except RowError as error:
                errors.append(str(error))
        self._default_place(row, errors)
        for message in errors:
            self.report.error(line, message)
        if errors:
            return None
        offer = row.values[OFFER]
        row.subcategories = offer.pop("subcategories")
        siret, finess = structure.get("siret", ""), structure.get("finess", "")
        row.structure_key = f"siret:{siret}" if siret else f"finess:{finess}"
        row.offer_key = (row.structure_key, normalize(offer["title"]), offer["category"].code)
        place = row.values[PLACE]
        row.place_key = (normalize(place["name"]), place["commune"].code)
        return row

    def _default_place(self, row: ParsedRow, errors: list[str]) -> None:
        """Without place columns, the offer is delivered at the structure's address."""
        place, structure = row.values[PLACE], row.values[STRUCTURE]
        described = any(row.cells.get(c.name) for c in COLUMNS if c.target == PLACE)
        if described and "commune" not in place:
            if not any("commune" in e for e in errors):
                errors.append("indiquez la commune du lieu (colonne « lieu_commune »)")
            return
        if not described:
            for attr in ("address_line", "address_complement", "postal_code", "commune"):
                if attr in structure:
                    place[attr] = structure[attr]
        if not place.get("name"):
            place["name"] = structure.get("name", "")

    def _value(self, column: ImportColumn, raw: str) -> Any:
        kind, name = column.kind, column.name
        if kind == "text":
            return raw
        if kind == "code":
            if raw not in column.codes:
                raise RowError(
                    f"code inconnu « {raw} » dans la colonne « {name} » (codes possibles : {', '.join(column.codes)})"
                )
            return raw
        if kind == "codes":
            values = sorted({code.strip() for code in _LIST_SPLIT.split(raw) if code.strip()})
            unknown = [code for code in values if code not in column.codes]
            if unknown:
                raise RowError(
                    f"code(s) inconnu(s) « {', '.join(unknown)} » dans la colonne « {name} » "
                    f"(codes possibles : {', '.join(column.codes)})"
                )
            return values
        if kind == "bool":
            lowered = raw.lower()
            if not lowered:
                return False if column.attr in _NON_NULL_BOOLEANS else None
            if lowered in _TRUE or lowered in _FALSE:
                return lowered in _TRUE
            raise RowError(f"valeur « {raw} » non comprise dans la colonne « {name} » (attendu : oui ou non)")
        if kind == "decimal":
            if not raw:
                return None
            try:
                amount = Decimal(raw.replace("€", "").replace(" ", "").replace("\u00a0", "").replace(",", "."))
            except InvalidOperation:
                amount = Decimal(-1)
            if not amount.is_finite() or amount < 0 or amount >= 100000:
                raise RowError(f"montant invalide « {raw} » dans la colonne « {name} »")
            return amount.quantize(Decimal("0.01"))
        if kind == "int":
            if not raw:
                return None
            if not raw.isdigit() or int(raw) > 32767:
                raise RowError(f"nombre entier attendu dans la colonne « {name} », pas « {raw} »")
            return int(raw)
        if kind == "siret":
            return _siret(raw)
        if kind == "finess":
            return _finess(raw)
        if kind == "postal_code":
            code = compact(raw)
            if code and not (len(code) == 5 and code.isdigit()):
                raise RowError(f"code postal invalide « {raw} » (5 chiffres attendus)")
            return code
        if kind == "email":
            try:
                validate_email(raw) if raw else None
            except ValidationError as error:
                raise RowError(f"adresse e-mail invalide « {raw} » dans la colonne « {name} »") from error
            return raw
        if kind == "url":
            if not raw:
                return raw
            url = raw if "://" in raw else f"https://{raw}"
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError as error:
                raise RowError(f"adresse de site internet invalide « {raw} »") from error
            return url
        if kind == "category":
            category = self.categories.get(raw)
            if category is None:
                raise RowError(f"catégorie inconnue « {raw} » (codes possibles : {', '.join(sorted(self.categories))})")
            if not category.is_active:
                raise RowError(f"la catégorie « {raw} » est désactivée")
            return category
        if kind == "subcategories":
            codes = sorted({code.strip() for code in _LIST_SPLIT.split(raw) if code.strip()})
            unknown = [code for code in codes if code not in self.subcategories]
            if unknown:
                raise RowError(f"sous-catégorie(s) inconnue(s) « {', '.join(unknown)} »")
            inactive = [code for code in codes if not self.subcategories[code].is_active]
            if inactive:
                raise RowError(f"sous-catégorie(s) désactivée(s) « {', '.join(inactive)} »")
            return [self.subcategories[code] for code in codes]
        raise AssertionError(f"unknown column kind {kind}")

    def _commune(self, raw: str, postal_code: str) -> Commune:
        key = (raw, postal_code)
        if key not in self._communes:
            self._communes[key] = self._find_commune(raw, postal_code)
        commune = self._communes[key]
        return commune

    def _find_commune(self, raw: str, postal_code: str) -> Commune:
        communes = Commune.objects.select_related("departement").prefetch_related("postal_codes")
        value = raw.strip()
        if re.fullmatch(r"\d{5}|2[AB]\d{3}", value, re.IGNORECASE):
            commune = communes.filter(code=value.upper()).first()
            if commune is None:
                raise RowError(f"code INSEE de commune inconnu « {raw} »")
        else:
            match = _COMMUNE_WITH_DEPARTEMENT.match(value)
            name, departement = (match["name"], match["dep"].upper()) if match else (value, "")
            needle = normalize(name)
            candidates = list(communes.filter(search_name=needle, parent__isnull=True))
            if not candidates:
                candidates = list(communes.filter(alias_names__contains=f"|{needle}|", parent__isnull=True))
            if departement:
                candidates = [c for c in candidates if c.departement_id == departement]
            if len(candidates) > 1 and postal_code:
                candidates = [c for c in candidates if postal_code in {p.code for p in c.postal_codes.all()}]
            if not candidates:
                raise RowError(f"commune inconnue « {raw} »")
            if len(candidates) > 1:
                raise RowError(f"commune ambiguë « {raw} » : indiquez son code INSEE ou son code postal")
            commune = candidates[0]
        known = {p.code for p in commune.postal_codes.all()}
        if postal_code and known and postal_code not in known:
            raise RowError(f"le code postal {postal_code} ne correspond pas à la commune {commune.name}")
        return commune

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
                self.progress(group[0].line, self.report.row_count)

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
        self._set_status(structure, created=existing is None, changed=changed)
        if not self._validate(row.line, structure, STRUCTURE):
            return None
        structure.save()
        name = structure.name
        if existing is None:
            self.report.counts["structures_created"] += 1
            self.report.notes.append(Issue(row.line, f"structure « {name} » créée"))
        elif changed:
            self.report.counts["structures_updated"] += 1
            self.report.notes.append(Issue(row.line, f"structure « {name} » modifiée"))
        else:
            self.report.counts["structures_unchanged"] += 1
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
        try:
            offer.clean_subcategories(first.subcategories)
        except ValidationError as error:
            self._report_validation(first.line, error, OFFER)
            return
        offer_places = [self._place(structure, row, places) for row in group]
        if any(place is None for place in offer_places):
            return
        chosen_places = {place.pk for place in offer_places if place is not None}
        if existing is not None:
            changed = changed or {s.pk for s in existing.subcategories.all()} != {s.pk for s in first.subcategories}
            changed = changed or {p.pk for p in existing.places.all()} != chosen_places
        self._set_status(offer, created=existing is None, changed=changed)
        if not self._validate(first.line, offer, OFFER):
            return
        offer.save()
        offer.subcategories.set(first.subcategories)
        offer.places.set([place for place in offer_places if place is not None])
        if existing is None:
            self.report.counts["offers_created"] += 1
            self.report.notes.append(Issue(first.line, f"offre « {offer.title} » créée"))
        elif changed:
            self.report.counts["offers_updated"] += 1
            self.report.notes.append(Issue(first.line, f"offre « {offer.title} » mise à jour"))
        else:
            self.report.counts["offers_unchanged"] += 1
            self.report.notes.append(Issue(first.line, f"offre « {offer.title} » inchangée"))

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

    def _set_status(self, instance: Structure | Offer, *, created: bool, changed: bool) -> None:
        if self.publish:
            if instance.status != PublicationStatus.PUBLISHED:
                instance.status = PublicationStatus.PUBLISHED
                instance.published_at = self.now
        elif created or changed:
            instance.status = PublicationStatus.DRAFT

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


def _siret(raw: str) -> str:
    number = compact(raw)
    if not number:
        return ""
    try:
        stdnum_siret.validate(number)
    except InvalidChecksum as error:
        raise RowError("SIRET invalide (clé de contrôle incorrecte)") from error
    except InvalidLength as error:
        raise RowError(f"SIRET invalide (14 chiffres attendus, « {raw} »)") from error
    except StdnumError as error:
        raise RowError(f"SIRET invalide (« {raw} »)") from error
    return number


def _finess(raw: str) -> str:
    number = compact(raw)
    if not number:
        return ""
    if not re.fullmatch(r"(\d{2}|2A|2B)\d{7}", number):
        raise RowError(f"FINESS invalide (9 caractères attendus, « {raw} »)")
    if not finess_is_valid(number):
        raise RowError("FINESS invalide (clé de contrôle incorrecte)")
    return number
