"""The private storage of application documents.

Configured as `STORAGES["private"]` (a directory outside the web root by default; an
S3-compatible backend in production): files there are never given a public URL, they are
served by a view that checks role and territory (ADR 0015).
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> Storage:
    """The storage of the `FileField`s (a callable, so that migrations do not freeze a backend)."""
    return _private  # type: ignore[return-value]


@receiver(setting_changed)
def _forget_backend(setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty  # type: ignore[assignment]
