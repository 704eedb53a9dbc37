"""The two datasets of `make bench`, built (or reused) in any database given by its URL.

Regional: the demo region of `make setup` (Brittany). National: `seed_demo --national`
(100,000 offers, every département, about 24,000 structures). Each step is a
`manage.py` command in a child process with DATABASE_URL set, since Django reads its
database from the environment once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

REFERENCE_STEPS = [
    ["migrate", "--noinput", "-v0"],
    ["load_geo"],
    ["load_taxonomy"],
    ["load_ror_mapping"],
    ["load_needs"],
]
NATIONAL_OFFERS = 100_000

Say = Callable[[str], None]


def manage(url: str, *arguments: str, say: Say, loading: bool = True) -> str:
    """`manage.py <arguments>` on the database at `url`; its output, or a French error.

    While `loading`, PostgreSQL's statement timeout of the web requests is lifted: a bulk
    insert or the final ANALYZE of 100,000 offers takes longer than 5 s."""
    started = time.monotonic()
    env = {**os.environ, "DATABASE_URL": url}
    if loading:
        env["DATABASE_STATEMENT_TIMEOUT_MS"] = "0"
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"« manage.py {' '.join(arguments)} » a échoué :\n{result.stderr[-2000:]}")
    say(f"  manage.py {' '.join(arguments)} : {time.monotonic() - started:.0f} s")
    return result.stdout


def reference_data(url: str, say: Say) -> None:
    """Tables, communes of France, taxonomy, ROR codes, needs (each step is idempotent)."""
    for step in REFERENCE_STEPS:
        manage(url, *step, say=say)


def regional(url: str, say: Say) -> None:
    manage(url, "seed_demo", say=say)


def national(url: str, say: Say, offers: int = NATIONAL_OFFERS) -> None:
    """`seed_demo --national` does nothing when demo data is already there (reuse)."""
    manage(url, "seed_demo", "--national", "--offers", str(offers), say=say)
