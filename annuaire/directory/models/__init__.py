from annuaire.directory.models.offer import Offer, OfferQuerySet
from annuaire.directory.models.place import Place
from annuaire.directory.models.structure import Structure, StructureQuerySet

__all__ = ["Offer", "OfferQuerySet", "Place", "Structure", "StructureQuerySet"]
