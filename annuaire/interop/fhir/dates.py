"""`_lastUpdated`: FHIR dates of any precision and their prefixes, as conditions on a
datetime field."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from annuaire.interop.fhir.params import SearchError

_DATE = re.compile(r"^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T.+)?)?)?)$")


def _date_range(value: str) -> tuple[datetime, datetime]:
    """The [start, end) interval denoted by a FHIR date of any precision, in UTC (as stored).
    Not `api.params.parse_modified_since`: that one reads an instant, a FHIR date is an interval."""
    tz = timezone.get_current_timezone()
    try:
        if len(value) == 4:
            start = datetime(int(value), 1, 1, tzinfo=tz)
            end = start.replace(year=start.year + 1)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            start = datetime(year, month, 1, tzinfo=tz)
            end = start.replace(year=year + 1, month=1) if month == 12 else start.replace(month=month + 1)
        elif len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime(day.year, day.month, day.day, tzinfo=tz)
            end = start + timedelta(days=1)
        else:
            start = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if start.tzinfo is None:
                start = start.replace(tzinfo=tz)
            end = start + timedelta(seconds=1)
        # At the edges of the calendar (years 1 and 9999), a bound may not exist in UTC.
        return start.astimezone(UTC), end.astimezone(UTC)
    except (ValueError, OverflowError):
        raise SearchError(f"Date invalide dans _lastUpdated : « {value} ».") from None


def last_updated_filter(params: QueryDict, field: str = "updated_at") -> Q:
    condition = Q()
    for raw in params.getlist("_lastUpdated"):
        # An unencoded "+" of a time zone offset reaches us as a space.
        match = _DATE.match(raw.strip().replace(" ", "+"))
        if not match:
            raise SearchError(
                f"Valeur de _lastUpdated invalide : « {raw} ». Exemples : ge2025-01-01, lt2025-06-30T12:00:00+02:00."
            )
        prefix, value = match.group(1) or "eq", match.group(2)
        start, end = _date_range(value)
        if prefix == "eq":
            condition &= Q(**{f"{field}__gte": start, f"{field}__lt": end})
        elif prefix == "ne":
            condition &= ~Q(**{f"{field}__gte": start, f"{field}__lt": end})
        elif prefix == "ge":
            condition &= Q(**{f"{field}__gte": start})
        elif prefix == "gt":
            condition &= Q(**{f"{field}__gte": end})
        elif prefix == "le":
            condition &= Q(**{f"{field}__lt": end})
        elif prefix == "lt":
            condition &= Q(**{f"{field}__lt": start})
        else:
            raise SearchError(f"Préfixe non pris en charge dans _lastUpdated : « {prefix} » (eq, ne, gt, ge, lt, le).")
    return condition
