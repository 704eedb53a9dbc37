from annuaire.directory.models.journal import PublicationEvent, PublicationEventQuerySet
from annuaire.directory.models.offer import Offer, OfferQuerySet
from annuaire.directory.models.place import Place, PlaceQuerySet
from annuaire.directory.models.structure import Structure, StructureQuerySet

__all__ = [
    "Offer",
    "OfferQuerySet",
    "Place",
    "PlaceQuerySet",
    "PublicationEvent",
    "PublicationEventQuerySet",
    "Structure",
    "StructureQuerySet",
]
