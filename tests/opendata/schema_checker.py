"""A small Table Schema checker: enough of the Frictionless spec for our CSV (types, constraints)."""

import re
from datetime import date, datetime
from typing import Any


def check_csv(schema: dict[str, Any], header: list[str], rows: list[list[str]]) -> list[str]:
    """Every problem found, as "row N, column: message" (an empty list means the CSV conforms)."""
    fields = schema["fields"]
    problems = []
    names = [f["name"] for f in fields]
    if header != names:
        problems.append(f"header {header} differs from the schema fields {names}")
        return problems
    missing_values = set(schema.get("missingValues", [""]))
    for number, row in enumerate(rows, start=2):
        if len(row) != len(fields):
            problems.append(f"row {number}: {len(row)} cells for {len(fields)} fields")
            continue
        for spec, value in zip(fields, row, strict=True):
            problem = check_cell(spec, value, missing_values)
            if problem:
                problems.append(f"row {number}, {spec['name']}: {problem} ({value!r})")
    return problems


def check_cell(spec: dict[str, Any], value: str, missing_values: set[str]) -> str:
    constraints = spec.get("constraints", {})
    if value in missing_values:
        return "required value missing" if constraints.get("required") else ""
    kind = spec["type"]
    try:
        typed: Any = {
            "string": str,
            "integer": _integer,
            "number": float,
            "boolean": lambda v: _boolean(spec, v),
            "date": date.fromisoformat,
            "datetime": lambda v: datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ"),
        }[kind](value)
    except (ValueError, KeyError):
        return f"not a valid {kind}"
    if "enum" in constraints and value not in constraints["enum"]:
        return "not in enum"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return "does not match pattern"
    if "minimum" in constraints and typed < constraints["minimum"]:
        return "below minimum"
    if "maximum" in constraints and typed > constraints["maximum"]:
        return "above maximum"
    if spec.get("format") == "email" and "@" not in value:
        return "not an e-mail"
    return ""


def _integer(value: str) -> int:
    if not re.fullmatch(r"-?\d+", value):
        raise ValueError(value)
    return int(value)


def _boolean(spec: dict[str, Any], value: str) -> bool:
    if value in spec.get("trueValues", ["true"]):
        return True
    if value in spec.get("falseValues", ["false"]):
        return False
    raise ValueError(value)
