"""In production (DEBUG off), `collectstatic` then WhiteNoise serve hashed, compressed static
files with long cache headers: the stylesheet is never a 404."""

from pathlib import Path

from tests.server.helpers import PRODUCTION_ENV, run_python

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("css/main.css")
response = Client().get(url, secure=True, headers={"accept-encoding": "gzip"})
print(url)
print(response.status_code, response["Cache-Control"], response.get("Content-Encoding", ""))
"""


def test_collected_static_files_are_hashed_compressed_and_cached_for_long(tmp_path: Path) -> None:
    result = run_python(SCRIPT, {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    url, answer = result.stdout.strip().splitlines()[-2:]
    assert url.startswith("/static/css/main.") and url != "/static/css/main.css"
    assert answer == "200 max-age=315360000, public, immutable gzip"
    assert (tmp_path / "css" / "main.css.gz").is_file()


def test_collected_static_files_are_readable_by_every_user(tmp_path: Path) -> None:
    """The image collects them as root and serves them as another user (Dockerfile)."""
    run_python(SCRIPT, {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    manifest = tmp_path / "staticfiles.json"
    assert manifest.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "css" / "main.css.gz").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "css").stat().st_mode & 0o777 == 0o755


def test_the_url_of_a_static_file_is_worked_out_once_per_process(tmp_path: Path) -> None:
    """The manifest does not change while the process runs: a page does not look it up again."""
    script = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "from django.core.management import call_command\n"
        "from django.templatetags.static import static\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "first = static('css/main.css')\n"
        "storages['staticfiles'].hashed_files.clear()  # the manifest is no longer read\n"
        "print(first, static('css/main.css'))\n"
    )
    result = run_python(script, {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    first, again = result.stdout.split()[-2:]
    assert first.startswith("/static/css/main.") and first != "/static/css/main.css"
    assert again == first
