"""`make audit` reads pip-audit's report: fails on a vulnerable dependency, says in French when
PyPI's data could not be reached (the only case it does not fail)."""

from tools.audit_dependencies import read_report

SKIPPED = "Dependency not found on PyPI and could not be audited: django (5.2.19)"


def test_a_known_vulnerability_in_a_dependency_is_reported_with_its_fix() -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.1", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}]},
            {"name": "whitenoise", "version": "6.12.0", "vulns": []},
        ]
    }
    verdict = read_report(report)
    assert verdict.vulnerable == ["django 5.2.1 : PYSEC-2025-1 (corrigé en : 5.2.2)"]
    assert not verdict.unreachable


def test_the_virtualenv_installer_tooling_is_not_shipped_hence_not_counted() -> None:
    report = {"dependencies": [{"name": "pip", "version": "23.0.1", "vulns": [{"id": "X", "fix_versions": []}]}]}
    assert read_report(report).vulnerable == []


def test_when_no_package_could_be_looked_up_the_audit_was_not_done() -> None:
    verdict = read_report({"dependencies": [{"name": "django", "skip_reason": SKIPPED}]})
    assert verdict.unreachable and verdict.vulnerable == []
