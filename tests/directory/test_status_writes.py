"""No code but the publication module writes a status (docs/adr/0010)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLICATION = ROOT / "annuaire" / "directory" / "publication"
# The other workflow: the status of structures' applications (docs/adr/0015), not a publication status.
APPLICATION_WORKFLOW = ROOT / "annuaire" / "applications" / "workflow.py"
# Assigning `.status`, or passing `status=` to a constructor, create() or update().
STATUS_WRITE = re.compile(r"\.status\s*=[^=]|\b(?:update|create|get_or_create|update_or_create)\([^)]*\bstatus\s*=")
MODEL_CONSTRUCTION = re.compile(r"\b(?:Offer|Structure)\([^)]*\bstatus\s*=", re.S)


def python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]


def test_only_the_publication_module_writes_a_status() -> None:
    offenders = []
    for path in python_files("annuaire", "tests"):
        if PUBLICATION in path.parents or path in (Path(__file__), APPLICATION_WORKFLOW):
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if STATUS_WRITE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in MODEL_CONSTRUCTION.finditer(text)]
    assert offenders == []


def test_seeding_is_for_tooling_only() -> None:
    users = [
        path.relative_to(ROOT)
        for path in python_files("annuaire")
        if "publication.seeding" in path.read_text(encoding="utf-8") or "import seeding" in path.read_text("utf-8")
    ]
    assert all(path.parts[1] in ("demo",) or PUBLICATION in (ROOT / path).parents for path in users), users
