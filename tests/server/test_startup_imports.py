"""A web worker loads only what serving pages needs: the heavy libraries of rare tasks
(coverage computation, spreadsheet downloads, PDF checks) wait for their first use, so that
each gunicorn worker stays small (issue 12: worker memory ≤ 150 MB, docs/benchmarks.md)."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

LAZY = ["numpy", "scipy", "openpyxl", "pypdf"]

PROBE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
import config.urls  # every view module, as the first request of a worker does
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_loading_every_view_leaves_the_heavy_libraries_of_rare_tasks_unloaded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert loaded.isdisjoint(LAZY), sorted(loaded & set(LAZY))
    assert "django" in loaded  # the probe really loaded the application
