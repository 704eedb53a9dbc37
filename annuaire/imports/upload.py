"""The import page of the administration (docs/import.md, docs/adr/0007-import-from-the-admin.md).

Two steps, as with the command: a dry run of the uploaded file, then, if it found no error,
the real import of *the same bytes*. Between the two the bytes stay on the server, in the
person's session (database-backed), with their SHA-256: the confirmation form only carries
the SHA-256, which must match both the session and the bytes themselves.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase

from annuaire.imports.importer import may_publish

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")
ADD_PERMISSION = "imports.add_importrun"
SESSION_KEY = "imports.pending_upload"

PUBLISH_REFUSED = (
    "Seuls les coordinateurs territoriaux (3C, DAC) et les administrateurs régionaux peuvent soumettre un "
    "import à la validation. Déposez le fichier sans cocher « Soumettre à la validation » : les offres "
    "seront enregistrées en brouillon. Rien n'a été enregistré."
)
PENDING_MISSING = (
    "Le fichier à importer n'est plus disponible (session expirée, import déjà confirmé ou autre fichier "
    "déposé entre-temps). Rien n'a été enregistré : déposez de nouveau le fichier pour le vérifier."
)
PENDING_MISMATCH = (
    "Le fichier conservé ne correspond plus à celui qui a été vérifié (empreinte SHA-256 différente). "
    "Rien n'a été enregistré : déposez de nouveau le fichier pour le vérifier."
)
_SHA256 = re.compile(r"[0-9a-f]{64}")


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


@dataclass
class PendingUpload:
    """A file checked by a dry run, kept for its confirmation."""

    file_name: str
    sha256: str
    publish: bool
    data: bytes

    def store(self, session: SessionBase) -> None:
        session[SESSION_KEY] = {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "publish": self.publish,
            "data": base64.b64encode(self.data).decode("ascii"),
        }

    @staticmethod
    def discard(session: SessionBase) -> None:
        session.pop(SESSION_KEY, None)


class PendingError(Exception):
    """The file to confirm is missing or does not match: French message."""


def take_pending(session: SessionBase, posted_sha256: str) -> PendingUpload:
    """The kept file if it is the one the person confirms and its bytes are intact; removed from the session."""
    stored = session.pop(SESSION_KEY, None)
    if not isinstance(stored, dict) or not isinstance(stored.get("data"), str):
        raise PendingError(PENDING_MISSING)
    if not _SHA256.fullmatch(posted_sha256) or posted_sha256 != stored.get("sha256"):
        raise PendingError(PENDING_MISSING)
    try:
        data = base64.b64decode(stored["data"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise PendingError(PENDING_MISMATCH) from error
    if hashlib.sha256(data).hexdigest() != posted_sha256:
        raise PendingError(PENDING_MISMATCH)
    return PendingUpload(
        file_name=str(stored.get("file_name") or "fichier"),
        sha256=posted_sha256,
        publish=bool(stored.get("publish")),
        data=data,
    )
