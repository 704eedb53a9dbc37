"""The generation of the public data: a token that changes whenever a public answer may change.

Caches of public answers (whole anonymous responses, reference lookups, data·inclusion pages)
put `generation()` in their keys; every write that can alter a public answer calls
`changed()`, which drops them all at once (docs/adr/0034-response-cache.md). Writes through
`Model.save()`/`delete()` and many-to-many changes of the models an app declares with `watch()`
are seen by themselves; bulk writes (`QuerySet.update`, `bulk_create`, loaders) call
`changed()` where they happen.

The token lives in the default cache: shared by every process with Redis or the database
cache, per process with the local-memory cache (then another process sees a change only when
its cached answers expire: RESPONSE_CACHE_SECONDS bounds that delay).

This module imports no feature: the domain calls it, it calls nobody.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "annuaire:published-generation"
# Lookups remembered in a process are reloaded after this delay even without a change seen
# (a change made by another process with the per-process memory cache).
REMEMBER_SECONDS = 300

T = TypeVar("T")

_pending = threading.local()
_lock = threading.Lock()
# name -> (generation, loaded at, {key: value}, oldest first)
_remembered: dict[str, tuple[str, float, OrderedDict[Hashable, Any]]] = {}


def generation() -> str:
    """The current token (one cache read)."""
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, _new_token(), None)
        token = cache.get(KEY) or _new_token()
    return str(token)


def changed() -> None:
    """Public data changed (or is changing): a new token now, and another once the current
    transaction commits, so that a page read before the commit is not kept under the new token."""
    _bump()
    if connection.in_atomic_block:
        blocks = getattr(connection, "atomic_blocks", None)
        outermost = id(blocks[0]) if blocks else None
        # One callback per transaction, however many rows it writes.
        if getattr(_pending, "transaction", None) != outermost:
            _pending.transaction = outermost
            transaction.on_commit(_bump_after_commit)


def watch(*watched: type[models.Model]) -> None:
    """Saving or deleting a row of these models, or changing their many-to-many links, is a change."""
    for model in watched:
        uid = f"annuaire.published:{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_write, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through  # type: ignore[attr-defined]
            m2m_changed.connect(_on_links, sender=through, dispatch_uid=f"{uid}:{field.name}", weak=False)


def _on_write(sender: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        changed()


def _on_links(sender: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        changed()


def _bump_after_commit() -> None:
    _pending.transaction = None
    _bump()


def _bump() -> None:
    cache.set(KEY, _new_token(), None)


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


REPEAT_ATTRIBUTE = "_annuaire_repeat_on_cached_answers"


def repeat_on_cached_answers(request: Any, function: Any, *args: Any) -> None:
    """`function(*args)` was done for this answer (a count): a cache serving the same answer
    again does it again. `args` must be picklable; `function` a module-level function."""
    request = getattr(request, "_request", request)  # a REST framework request wraps Django's
    repeated = getattr(request, REPEAT_ATTRIBUTE, None)
    if repeated is None:
        repeated = []
        setattr(request, REPEAT_ATTRIBUTE, repeated)
    repeated.append((f"{function.__module__}.{function.__qualname__}", args))


def remembered(name: str, key: Hashable, load: Callable[[], T], size: int = 256) -> T:
    """`load()`, kept in this process under (`name`, `key`) until the public data change.

    For the small reference lookups every search makes (categories, départements, a commune
    typed): shared, read-only objects; at most `size` keys per name, the oldest dropped first."""
    token, now = generation(), time.monotonic()
    with _lock:
        known = _remembered.get(name)
        if known is None or known[0] != token or now - known[1] > REMEMBER_SECONDS:
            known = (token, now, OrderedDict())
            _remembered[name] = known
        values = known[2]
        if key in values:
            return values[key]  # type: ignore[no-any-return]
    value = load()
    with _lock:
        values[key] = value
        while len(values) > size:
            values.popitem(last=False)
    return value
