"""A throw-away PostgreSQL server for `make bench` when DATABASE_URL is not given.

The same recipe as `.ci/run`: Debian's binaries (the highest /usr/lib/postgresql/N/bin),
`initdb` in a temporary folder, the first free port from 55432, `fsync=off` (the data is
rebuilt on every run), loopback only; stopped and deleted on exit. As root, the server runs
as the `postgres` system user (`runuser`), since PostgreSQL refuses to run as root.
See docs/adr/0032-load-test-and-throwaway-postgresql.md.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

FIRST_PORT = 55432
ROLE = "annuaire"
PASSWORD = "annuaire"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries here, or the server did not start (message in French)."""


def postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise PostgresUnavailable(
            "PostgreSQL n'est pas installé (paquet Debian « postgresql ») : installez-le "
            "(apt-get install postgresql) ou donnez DATABASE_URL vers un serveur existant."
        )
    return versions[-1].parent


def free_port(start: int = FIRST_PORT) -> int:
    port = start
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
        port += 1


class ThrowawayPostgres:
    """`with ThrowawayPostgres() as pg: pg.url("name")`: a server that lives for the block."""

    def __init__(self) -> None:
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="annuaire-bench-pg."))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> ThrowawayPostgres:
        if self.as_root:
            shutil.chown(self.root, user="postgres")
        data = self.root / "data"
        try:
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            options += " -c synchronous_commit=off -c full_page_writes=off"
            self._run(
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-o",
                options,
                "start",
            )
            self.started = True
            self.sql(f"CREATE ROLE {ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        except subprocess.CalledProcessError as error:
            self.__exit__(None, None, None)
            detail = (error.stderr or b"").decode(errors="replace").strip()
            raise PostgresUnavailable(f"Le serveur PostgreSQL temporaire n'a pas démarré : {detail}") from error
        return self

    def _client(self, tool: str, *arguments: str) -> None:
        """A client tool (psql, pg_dump, pg_restore) as this user, over TCP as the superuser."""
        connection = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        subprocess.run(
            [str(self.bin / tool), *connection, *arguments],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def sql(self, statement: str, database: str = "postgres") -> None:
        self._client("psql", "-d", database, "-qc", statement)

    def dump(self, database: str, path: Path) -> None:
        """The whole database in pg_dump's custom format (compressed, restorable in parallel)."""
        self._client("pg_dump", "-Fc", "-d", database, "-f", str(path))

    def restore(self, path: Path, database: str) -> None:
        """The dump at `path` in a new `database`. Then `vacuum` it, after migrating it if
        the dump is older than the code."""
        self.sql(f"CREATE DATABASE {database} OWNER {ROLE}")
        self._client("pg_restore", "-j", "2", "--no-owner", "--role", ROLE, "-d", database, str(path))

    def vacuum(self, database: str) -> None:
        # A dump holds no planner statistics: without them a national search outlasts the
        # statement timeout; nor the visibility map that spares index-only scans a visit of
        # the table (seed_demo ends with the same VACUUM and ANALYZE). A migration's new
        # tables need them too.
        self.sql("VACUUM (ANALYZE)", database)

    def url(self, database: str) -> str:
        return f"postgres://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.started:
            # Already stopped: the folder is deleted all the same.
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)
