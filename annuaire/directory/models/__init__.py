from annuaire.directory.models.journal import PublicationEvent, PublicationEventQuerySet
from annuaire.directory.models.notice import Notice, NoticeKind, NoticeQuerySet
from annuaire.directory.models.offer import Offer, OfferQuerySet, cost_label, offer_phone, offer_url
from annuaire.directory.models.place import Place, PlaceQuerySet
from annuaire.directory.models.search_point import SearchPoint
from annuaire.directory.models.structure import Structure, StructureQuerySet

__all__ = [
    "Notice",
    "NoticeKind",
    "NoticeQuerySet",
    "Offer",
    "OfferQuerySet",
    "Place",
    "PlaceQuerySet",
    "PublicationEvent",
    "PublicationEventQuerySet",
    "SearchPoint",
    "Structure",
    "StructureQuerySet",
    "cost_label",
    "offer_phone",
    "offer_url",
]
