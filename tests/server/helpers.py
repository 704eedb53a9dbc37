"""Run Django in a child process with a chosen environment (settings are read at start-up)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "7d9f1c2b8e4a6f0d3c5b9a8e7f6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4",
    "SITE_URL": "https://annuaire.example.org",
    "ALLOWED_HOSTS": "annuaire.example.org",
}


def child_env(env: dict[str, str]) -> dict[str, str]:
    """The parent's environment less every setting of ours, plus `env`."""
    kept = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG", "DATABASE_URL")}
    return {"DJANGO_SETTINGS_MODULE": "config.settings", **kept, **env}


def run_python(code: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=child_env(env), capture_output=True, text=True, check=check
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=child_env(env), capture_output=True, text=True
    )


def setting(expression: str, env: dict[str, str]) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return run_python(code, env).stdout.strip()
