"""The public search written as SQL: what each criterion asks of an offer row
(docs/adr/0039-search-as-sql.md, rules in docs/domain.md).

`search_sql(criteria)` gives the search's conditions, the distance to the searched commune
and "closed today" as fragments about an offer row (`annuaire.core.sql`). They are the
search's only definition and reach the database two ways:

- inside a queryset, by `apply_criteria` (annuaire/directory/search.py): the
  `Offer.objects.search(criteria)` that the API, FHIR and the other readers refine further;
- in one hand-written statement for a page of the result list, `read_page`: the page's rows,
  their distance and the total in one round trip. Building and compiling the same search as
  a queryset cost about eight times the SQL's own time (2.5 ms against 0.3 ms per page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from annuaire.core.fields import ChoiceSetField
from annuaire.core.geodesy import Point, bounding_box, haversine_sql
from annuaire.core.sql import Fragment, all_of, any_of, contains
from annuaire.core.statements import is_one_of, read_cursor
from annuaire.core.text import search_words
from annuaire.directory.enums import Cost
from annuaire.directory.fulltext import matching
from annuaire.directory.models.notice import closed_on
from annuaire.directory.search_points import TABLE as POINTS

if TYPE_CHECKING:
    from annuaire.directory.search import SearchCriteria

# An offer row is visible to the public (`OfferQuerySet.published`: the flag the database keeps).
# Compared with a value, not tested bare: SQLite uses the indexes that start with the flag
# for an equality only (bare, it reads every match and sorts them: a deep page of a category
# of 14,000 offers cost 10 ms instead of 0.5 ms).
PUBLIC = Fragment("{row}.is_public = %s", (True,))


@dataclass(frozen=True)
class SearchSQL:
    conditions: Fragment | None  # beyond being public; None: every public offer
    distance_km: Fragment | None  # to the nearest place, when searching around a commune
    closed_today: Fragment

    @property
    def by_distance(self) -> bool:
        return self.distance_km is not None


def search_sql(criteria: SearchCriteria, today: date) -> SearchSQL:
    """The search `criteria` ask for, on `today` (closures are dated)."""
    from annuaire.directory.search import CHOICE_FILTERS

    conditions: list[Fragment] = []
    if criteria.category:
        conditions.append(Fragment("{row}.category_id = %s", (criteria.category.pk,)))
    # Uncorrelated `IN (subquery)` lets the database start from the few matching rows
    # of the link tables instead of probing them once per published offer.
    if criteria.subcategories:
        ids = [s.pk for s in criteria.subcategories]
        chosen, chosen_params = is_one_of("chosen.subcategory_id", ids)
        conditions.append(
            Fragment(
                f"{{row}}.id IN (SELECT chosen.offer_id FROM directory_offer_subcategories chosen WHERE {chosen})",
                tuple(chosen_params),
            )
        )
    if criteria.departement:
        # One of its places is in the département: read from the search points, whose
        # statistics tell the planner how many offers a département has.
        conditions.append(
            Fragment(
                f"{{row}}.id IN (SELECT in_dep.offer_id FROM {POINTS} in_dep WHERE in_dep.departement_id = %s)",
                (criteria.departement.code,),
            )
        )
    for parameter, codes in criteria.choices.items():
        column = "{row}." + CHOICE_FILTERS[parameter][0]
        conditions.append(any_of(contains(column, ChoiceSetField.lookup(code)) for code in codes))
    if criteria.parcours_global:
        conditions.append(Fragment("{row}.parcours_global = %s", (True,)))
    if criteria.free_only:
        conditions.append(Fragment("{row}.cost IN (%s, %s)", (str(Cost.FREE), str(Cost.COVERED))))
    if (words := search_words(criteria.text)) and (text := matching(words)):
        conditions.append(text)
    closed_today = closed_on(today)
    if criteria.open_today:
        conditions.append(closed_today.negated())
    centre = criteria.centre
    if centre is not None and criteria.radius_km is not None:
        conditions.append(within(centre, criteria.radius_km, criteria.category.pk if criteria.category else None))
    return SearchSQL(
        conditions=all_of(conditions),
        distance_km=nearest_distance(centre) if centre is not None else None,
        closed_today=closed_today,
    )


def within(centre: Point, radius_km: float, category_id: int | None = None) -> Fragment:
    """About an offer row: one of its places is within `radius_km` of `centre`. Read from the
    search points (annuaire/directory/search_points.py): the bounding box first, in the index
    of the category's points when the search has one (`category_id`), then the exact distance
    on those few points."""
    box = bounding_box(centre, radius_km)
    distance, params = haversine_sql(centre, "near.lat", "near.lng")
    of_category, category = ("near.category_id = %s AND ", (category_id,)) if category_id is not None else ("", ())
    return Fragment(
        f"{{row}}.id IN (SELECT near.offer_id FROM {POINTS} near WHERE {of_category}"
        f"near.lat BETWEEN %s AND %s AND near.lng BETWEEN %s AND %s AND {distance} <= %s)",
        (*category, box.min_lat, box.max_lat, box.min_lng, box.max_lng, *params, radius_km),
    )


def nearest_distance(centre: Point) -> Fragment:
    """About an offer row: the distance in km from `centre` to its nearest located place (a
    correlated subquery: no GROUP BY, and a count leaves it out, docs/adr/0029), read from
    the index of the offer's search points alone."""
    distance, params = haversine_sql(centre, "nearest.lat", "nearest.lng")
    return Fragment(
        f"(SELECT MIN({distance}) FROM {POINTS} nearest "
        "WHERE nearest.offer_id = {row}.id AND nearest.lat IS NOT NULL)",
        tuple(params),
    )


def count(search: SearchSQL) -> int:
    """How many public offers the search finds (planned for its values: see `counts_within`)."""
    where = _where(search)
    with read_cursor(prepare=False) as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM directory_offer found WHERE {where.about('found')}", where.params)
        return int(cursor.fetchone()[0])


def counts_within(search: SearchSQL, radii: Sequence[float]) -> list[int]:
    """How many public offers of a search around a commune have their nearest place within
    each of `radii` km, in one statement (an offer is within a radius exactly when its
    nearest place is).

    Planned for its values each time (not prepared): the best plan starts from the offers of
    a small category or from the places of a small area, which a generic plan cannot tell."""
    distance = search.distance_km
    if distance is None or not radii:
        return []
    where = _where(search)
    within = ", ".join(["SUM(CASE WHEN hit.distance_km <= %s THEN 1 ELSE 0 END)"] * len(radii))
    # Materialized: each offer's distance computed once, not once per radius (PostgreSQL
    # otherwise copies the subquery into each sum: twice the planning and the work).
    sql = (
        f"WITH hit AS MATERIALIZED (SELECT {distance.about('found')} AS distance_km "
        f"FROM directory_offer found WHERE {where.about('found')}) SELECT {within} FROM hit"
    )
    with read_cursor(prepare=False) as cursor:
        cursor.execute(sql, [*distance.params, *where.params, *radii])
        return [int(value or 0) for value in cursor.fetchone()]


@dataclass(frozen=True)
class PageOfRows:
    rows: list[tuple[Any, ...]]  # the columns asked, then the distance (None without a commune) and closed today
    total: int | None  # the search's count, when asked and the page is not empty


def read_page(search: SearchSQL, columns: Fragment, start: int, stop: int, *, with_total: bool) -> PageOfRows:
    """Rows `start` to `stop` of the search, in its order (distance, then title and id; title
    and id without a commune), in one statement.

    `columns`: the select list, about the offer row; the offer's structure is the table
    `offer_structure`. The page's ids are found first without reading anything else (the
    index of public offers by title serves the deep pages, docs/adr/0033); `with_total` also
    counts the search, in the same pass (`COUNT(*) OVER ()`: worth it when the search is
    sorted by distance, which reads every match anyway).

    The page's size is written into the statement, not bound: a prepared statement's generic
    plan then knows the page holds 20 rows, not a guessed tenth of the matches, and PostgreSQL
    keeps it for deep pages too instead of planning each one again (docs/adr/0043)."""
    where = _where(search)
    distance = search.distance_km
    inner_columns = [
        "found.id AS id",
        "found.title AS title",
        f"{distance.about('found')} AS distance_km" if distance else "NULL AS distance_km",
    ]
    if with_total:
        inner_columns.append("COUNT(*) OVER () AS total")
    order = ("distance_km, " if distance else "") + "{t}.title, {t}.id"
    sql = (
        f"SELECT {columns.about('offer')}, hit.distance_km, {search.closed_today.about('offer')}"
        f"{', hit.total' if with_total else ''} "
        f"FROM (SELECT {', '.join(inner_columns)} FROM directory_offer found WHERE {where.about('found')} "
        f"ORDER BY {order.format(t='found')} LIMIT {int(stop - start)} OFFSET %s) hit "
        "JOIN directory_offer offer ON offer.id = hit.id "
        "JOIN directory_structure offer_structure ON offer_structure.id = offer.structure_id "
        f"ORDER BY {('hit.' if distance else '') + order.format(t='hit')}"
    )
    params = [
        *columns.params,
        *search.closed_today.params,
        *(distance.params if distance else ()),
        *where.params,
        start,
    ]
    with read_cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if not with_total:
        return PageOfRows([tuple(row) for row in found], None)
    return PageOfRows([tuple(row[:-1]) for row in found], int(found[0][-1]) if found else None)


def _where(search: SearchSQL) -> Fragment:
    return all_of([PUBLIC, *([search.conditions] if search.conditions else [])])  # type: ignore[return-value]
