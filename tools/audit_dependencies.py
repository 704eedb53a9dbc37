"""`make audit`: known vulnerabilities in the installed Python packages (pip-audit, PyPI's data).

Fails on any known vulnerability. When PyPI's vulnerability data cannot be reached (no
network, or an index mirror without the JSON API), says so in French and does not fail:
that is the only case where the audit is skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field

# Installer tooling of the virtual environment, not shipped with the application.
TOOLING = {"pip", "setuptools", "wheel"}
UNREACHABLE = (
    "Audit des dépendances NON RÉALISÉ : les données de vulnérabilités de PyPI sont injoignables depuis "
    "cette machine (pas de réseau, ou miroir sans l'API JSON de PyPI). "
    "Relancez « make audit » avec un accès à pypi.org."
)


@dataclass
class Verdict:
    vulnerable: list[str] = field(default_factory=list)
    audited: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def unreachable(self) -> bool:
        return self.audited == 0


def read_report(report: dict[str, object]) -> Verdict:
    verdict = Verdict()
    dependencies = report.get("dependencies", [])
    assert isinstance(dependencies, list)
    for dependency in dependencies:
        name = str(dependency.get("name", ""))
        if dependency.get("skip_reason"):
            verdict.skipped.append(name)
            continue
        verdict.audited += 1
        if name.lower() in TOOLING:
            continue
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "aucune"
            verdict.vulnerable.append(
                f"{name} {dependency.get('version', '')} : {vulnerability.get('id')} (corrigé en : {fixes})"
            )
    return verdict


def main() -> int:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off", "--timeout", "20"]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        if "Connection" in result.stderr or "Max retries" in result.stderr or "resolve" in result.stderr:
            print(UNREACHABLE)
            return 0
        print("L'audit des dépendances a échoué :\n" + result.stderr, file=sys.stderr)
        return 1
    verdict = read_report(report)
    if verdict.unreachable:
        print(UNREACHABLE)
        return 0
    if verdict.skipped:
        print(f"Paquets non audités (absents de PyPI) : {', '.join(verdict.skipped)}.")
    if verdict.vulnerable:
        print("Vulnérabilités connues dans les dépendances : mettez à jour les versions épinglées.", file=sys.stderr)
        for line in verdict.vulnerable:
            print(f"  - {line}", file=sys.stderr)
        return 1
    print(f"Audit des dépendances : aucune vulnérabilité connue ({verdict.audited} paquets vérifiés).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
