"""The import report: every problem and change, line by line, in French, and its JSON form.

Kept apart from the import itself so that the wording people read (command output, the
journal's `report_text` and `report_json`) lives in one place and can change on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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

    def record(self, line: int, what: str, label: str, *, created: bool, changed: bool) -> None:
        """Count one saved structure or offer (`what`: "structures" / "offers") and note it."""
        noun = "structure" if what == "structures" else "offre"
        if created:
            self.counts[f"{what}_created"] += 1
            self.notes.append(Issue(line, f"{noun} « {label} » créée"))
        elif changed:
            self.counts[f"{what}_updated"] += 1
            verb = "modifiée" if what == "structures" else "mise à jour"
            self.notes.append(Issue(line, f"{noun} « {label} » {verb}"))
        else:
            self.counts[f"{what}_unchanged"] += 1
            if what == "offers":
                self.notes.append(Issue(line, f"{noun} « {label} » inchangée"))

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
        status = "soumises à la validation" if self.publish else "en brouillon (à soumettre à la validation)"
        return f"Import réussi : {figures}. Offres créées ou modifiées {status}."

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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """The report as `as_json` wrote it in the journal (shown again by the import page)."""

        def issues(key: str) -> list[Issue]:
            return [Issue(item.get("ligne"), str(item.get("message", ""))) for item in data.get(key) or []]

        report = cls(
            str(data.get("fichier", "")),
            str(data.get("sha256", "")),
            dry_run=bool(data.get("simulation")),
            publish=bool(data.get("publication")),
            encoding=str(data.get("encodage", "")),
            row_count=int(data.get("lignes") or 0),
            imported=bool(data.get("importe")),
            errors=issues("erreurs"),
            warnings=issues("avertissements"),
            notes=issues("detail"),
        )
        report.counts.update({key: int(value) for key, value in (data.get("compteurs") or {}).items()})
        return report

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
