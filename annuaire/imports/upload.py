"""The upload of the import pages (docs/import.md, docs/adr/0007 and 0031).

Two steps, as with the command: a dry run of the uploaded file, then, if it found no error,
the real import of *the same bytes*. Between the two the bytes stay on the private storage,
named by the journal row of the dry run, with their SHA-256, which must still match the bytes
when the person confirms. Both steps run in the background worker.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from django import forms

from annuaire.imports.importer import may_publish
from annuaire.imports.models import ImportRun

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")
ADD_PERMISSION = "imports.add_importrun"

PUBLISH_REFUSED = (
    "Seuls les coordinateurs territoriaux (3C, DAC) et les administrateurs régionaux peuvent soumettre un "
    "import à la validation. Déposez le fichier sans cocher « Soumettre à la validation » : les offres "
    "seront enregistrées en brouillon. Rien n'a été enregistré."
)
PENDING_MISSING = (
    "Le fichier à importer n'est plus disponible (import déjà confirmé ou autre fichier "
    "déposé entre-temps). Rien n'a été enregistré : déposez de nouveau le fichier pour le vérifier."
)
PENDING_MISMATCH = (
    "Le fichier conservé ne correspond plus à celui qui a été vérifié (empreinte SHA-256 différente). "
    "Rien n'a été enregistré : déposez de nouveau le fichier pour le vérifier."
)


def may_import(user: Any) -> bool:
    """Staff with the permission to add to the import journal (or a superuser)."""
    return bool(user.is_active and user.is_staff and user.has_perm(ADD_PERMISSION))


def megabytes(size: int) -> str:
    """French size, rounded up to a tenth so that a file just over the limit does not read as the limit."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return f"{tenths // 10},{tenths % 10}".removesuffix(",0") + " Mo"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier à importer",
        help_text=(
            f"Fichier CSV (.csv) ou Excel (.xlsx) construit sur le modèle, {megabytes(MAX_UPLOAD_BYTES)} au plus."
        ),
        error_messages={
            "required": "Choisissez le fichier à importer.",
            "empty": "Le fichier déposé est vide.",
            "invalid": "Aucun fichier n'a été reçu : choisissez de nouveau le fichier.",
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    publish = forms.BooleanField(
        label="Soumettre à la validation",
        required=False,
        help_text=(
            "Les offres créées ou modifiées partent en validation : territoriale si vous êtes coordinateur "
            "3C ou DAC, régionale si vous êtes administrateur régional. Sinon elles restent en brouillon. "
            "Rien n'est publié sans validation."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.can_publish = may_publish(user)
        # The field is rendered only for those who may publish; a forged value is refused in clean().

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                "Format de fichier non pris en charge : déposez un fichier CSV (.csv) ou Excel (.xlsx). "
                "Depuis Excel ou LibreOffice, enregistrez le tableau au format « Classeur Excel (.xlsx) » "
                "ou « CSV UTF-8 »."
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Le fichier est trop volumineux ({megabytes(upload.size)}) : la taille maximale est de "
                f"{megabytes(MAX_UPLOAD_BYTES)}. Découpez-le en plusieurs fichiers."
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("publish") and not self.can_publish:
            raise forms.ValidationError(PUBLISH_REFUSED)
        return cleaned


class PendingError(Exception):
    """The file to confirm is missing or does not match: French message."""


def kept_bytes(run: ImportRun) -> bytes:
    """The bytes of a dry run without error, kept for its confirmation, if they are intact."""
    if run.state != ImportRun.State.FINISHED or run.outcome != ImportRun.Outcome.SIMULATED or not run.file:
        raise PendingError(PENDING_MISSING)
    try:
        with run.file.open("rb") as kept:
            data = kept.read()
    except OSError as error:
        raise PendingError(PENDING_MISSING) from error
    if hashlib.sha256(data).hexdigest() != run.sha256:
        raise PendingError(PENDING_MISMATCH)
    return data


def discard_kept_files(user: Any) -> None:
    """A new upload replaces the files this person kept for a confirmation (one at a time, as before)."""
    for run in ImportRun.objects.filter(user=user, state=ImportRun.State.FINISHED, dry_run=True).exclude(file=""):
        run.file.delete(save=True)
