"""compose.yaml runs the whole production stack: the site, the background worker, the
scheduled jobs, and the settings it passes are ones the application reads (it once passed
`EMAIL_BACKEND`, which nothing reads: no e-mail left a container)."""

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
# Read for the settings by a library rather than by name in config/settings.py.
READ_BY_LIBRARIES = {"DATABASE_URL"}  # dj-database-url's config()


def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))


def names_read_by_the_settings() -> set[str]:
    settings = (REPO / "config" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'(?:environ\.get|env(?:int|bool|list)|getenv)\(\s*"([A-Z_]+)"', settings))


def test_every_setting_compose_passes_is_read_by_the_application() -> None:
    passed = set(compose()["x-app"]["environment"])
    assert passed - names_read_by_the_settings() - READ_BY_LIBRARIES == set()


def test_it_runs_the_site_the_worker_and_the_scheduled_jobs_on_the_shared_files() -> None:
    services = compose()["services"]
    commands = {name: str(service.get("command", "")) for name, service in services.items()}
    assert "db_worker" in commands["worker"]
    assert commands["scheduler"] == "python manage.py scheduler"
    for name in ("web", "worker", "scheduler", "migrate"):
        assert "data:/data" in services[name]["volumes"], name
