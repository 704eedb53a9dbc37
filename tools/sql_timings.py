"""Each SQL statement of one request, with its time (not a test; issue 12).

Usage: .venv/bin/python tools/sql_timings.py URL [--plan]
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("RATELIMIT_ENABLE", "0")
# Measure the search, not the cache of anonymous responses (each URL is asked repeatedly).
os.environ.setdefault("RESPONSE_CACHE_SECONDS", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

statements: list[tuple[float, str, Any]] = []


def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        statements.append(((time.perf_counter() - start) * 1000, sql, params))


client = Client(HTTP_HOST="localhost")
client.get(sys.argv[1])
with connection.execute_wrapper(timed):
    client.get(sys.argv[1])
for ms, sql, params in statements:
    print(f"{ms:7.2f} ms  {sql[:1500]}  {str(params)[:200]}")
    if "--plan" in sys.argv and sql.lstrip().upper().startswith("SELECT"):
        with connection.cursor() as cursor:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
            cursor.execute(prefix + sql, params)
            for row in cursor.fetchall():
                print("      ", row)
