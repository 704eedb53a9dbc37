"""The production stack on loopback, for `make bench` and `make loadtest`: gunicorn serving
this checkout with DEBUG off, a random secret key and the rate limits off (one client
address asking fast); and the resident memory of its workers, read from Linux's /proc.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from django.conf import settings
from django.core.management.base import CommandError


def database_url() -> str:
    """The URL of the database this process uses, for the server to use the same."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return os.environ.get("DATABASE_URL", "")


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).read()
    except OSError:
        return False
    return True


class Server:
    """`with Server(port, workers) as server:` gunicorn, DEBUG off, on 127.0.0.1:port.

    `response_cache=False` turns the anonymous response cache off (docs/adr/0034), so that a
    benchmark measures the work of every page, the trivial one included, not the cache."""

    def __init__(self, port: int, workers: int, *, response_cache: bool = True) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.bind, self.workers = f"127.0.0.1:{port}", workers
        self.response_cache = response_cache
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        if answers(f"{self.url}/a-propos/"):
            raise CommandError(f"Un serveur répond déjà sur {self.bind} : arrêtez-le ou changez --port.")
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": self.url,
            "RATELIMIT_ENABLE": "false",
            "DATABASE_URL": database_url(),
        }
        if not self.response_cache:
            env["RESPONSE_CACHE_SECONDS"] = "0"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi", "--bind", self.bind, "--workers", str(self.workers)]
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if answers(f"{self.url}/a-propos/"):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise CommandError(f"gunicorn n'a pas démarré sur {self.bind} (port déjà pris ?).")

    def worker_rss_mb(self) -> float:
        """The resident memory of the biggest gunicorn worker, in MB."""
        assert self.process is not None
        pid = self.process.pid
        biggest = 0
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    biggest = max(biggest, int(line.split()[1]))
        return biggest / 1024

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
