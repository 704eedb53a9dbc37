"""`GET /api/v1/suppressions`: what left the public directory, for incremental harvesters.

An offer or a structure once published that is now delisted, suspended or ended (or an
offer whose structure is) is listed with the date it left and its status, so that a
harvester syncing with `modifie_depuis` can drop it. Nothing is ever deleted from the
directory, so this list is complete."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, DateTimeField, F, Q, QuerySet, Value, When
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.params import RemovalFilterForm
from annuaire.api.views.base import PublicReadView, validated_pagination
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Structure

REMOVED = [PublicationStatus.DELISTED, PublicationStatus.SUSPENDED, PublicationStatus.ENDED]
FIELDS = ("type", "identifiant", "uuid", "statut", "date")


def removed_structures() -> QuerySet[Any]:
    return (
        Structure.objects.filter(status__in=REMOVED, published_at__isnull=False)
        .annotate(
            type=Value("structure", output_field=CharField()),
            identifiant=F("pk"),
            statut=F("status"),
            date=F("status_changed_at"),
        )
        .values(*FIELDS)
        .order_by()
    )


def removed_offers() -> QuerySet[Any]:
    own = Q(status__in=REMOVED)
    return (
        Offer.objects.originals()
        .filter(published_at__isnull=False)
        .filter(own | Q(status=PublicationStatus.PUBLISHED, structure__status__in=REMOVED))
        .annotate(
            type=Value("offre", output_field=CharField()),
            identifiant=F("pk"),
            statut=Case(When(own, then=F("status")), default=F("structure__status"), output_field=CharField()),
            date=Case(
                When(own, then=F("status_changed_at")),
                default=F("structure__status_changed_at"),
                output_field=DateTimeField(),
            ),
        )
        .values(*FIELDS)
        .order_by()
    )


REMOVAL = inline_serializer(
    "Suppression",
    fields={
        "type": serializers.ChoiceField(["offre", "structure"]),
        "id": serializers.IntegerField(help_text="Identifiant de l'offre ou de la structure dans l'API."),
        "uuid": serializers.UUIDField(help_text="Identifiant stable."),
        "statut": serializers.ChoiceField(
            [str(s) for s in REMOVED],
            help_text="retiree (dont le retrait automatique faute de confirmation annuelle), suspendue ou terminee.",
        ),
        "date": serializers.DateTimeField(help_text="Date de sortie de l'annuaire public."),
    },
)


class RemovalListView(PublicReadView):
    @extend_schema(
        operation_id="suppressions_liste",
        summary="Offres et structures sorties de l'annuaire",
        description="Pour la synchronisation incrémentale : les offres et structures autrefois publiées qui ne le "
        "sont plus (retirées, suspendues, terminées ; une offre dont la structure est sortie y figure aussi), avec "
        "la date et le statut. Avec `modifie_depuis`, seulement celles sorties à cette date ou après. Triées par "
        "date. Une offre rétablie disparaît de cette liste et revient dans `/offres` (modifiée à la date du "
        "rétablissement).",
        parameters=[schema.MODIFIED_SINCE, schema.PAGE, schema.PAGE_SIZE],
        responses={200: schema.page_of_objects_with("PageSuppressions", REMOVAL), 400: schema.INVALID},
        tags=["synchronisation"],
    )
    def get(self, request: Request) -> Response:
        form = RemovalFilterForm(request.query_params)
        pagination = validated_pagination(request, form)
        structures, offers = removed_structures(), removed_offers()
        since = form.cleaned_data["modifie_depuis"]
        if since is not None:
            structures, offers = structures.filter(date__gte=since), offers.filter(date__gte=since)
        rows = structures.union(offers, all=True).order_by("date", "type", "identifiant")
        page = pagination.paginate(rows)
        self.last_modified = latest(row["date"] for row in page)
        return Response(pagination.envelope([_record(row) for row in page]))


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": row["type"],
        "id": row["identifiant"],
        "uuid": str(row["uuid"]),
        "statut": row["statut"],
        "date": row["date"].isoformat() if row["date"] else None,
    }
