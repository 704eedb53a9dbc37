"""The static files' storage: WhiteNoise's hashed and compressed files, their URLs remembered.

A page names a dozen static files; the manifest storage works out each URL again every time
(about a tenth of a page's rendering). The manifest does not change while the process runs
(`collectstatic` comes before a restart), so each name's URL is worked out once per process.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberedManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._urls: dict[tuple[str, bool, bool], str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        key = (name or "", force, settings.DEBUG)  # with DEBUG, the names are not hashed
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = super().url(name, force)
        return found
