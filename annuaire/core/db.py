"""What a database error means for the person who caused it."""

from __future__ import annotations

from django.db import OperationalError


def is_lock_conflict(error: OperationalError) -> bool:
    """Another transaction holds the rows: a SQLite lock or a PostgreSQL deadlock. The other
    person's change wins; this one can be tried again or refused with a French message."""
    return any(word in str(error).lower() for word in ("locked", "deadlock"))
