"""Factories for structures, places and offers, in real Breton communes."""

from typing import Any

import factory

from annuaire.core.identifiers import siren_with_key, siret_with_key
from annuaire.directory.enums import Audience, Cost, PublicationStatus, StructureKind
from annuaire.directory.models import Offer, Place, Structure
from annuaire.directory.publication.seeding import place_in_status
from tests.geo.factories import RENNES, commune
from tests.taxonomy.factories import subcategory

FACTORY_LABEL = "Données de test"


class StatusThroughPublication:
    """`status=` is not written by the factory: the row is created in draft, then put in
    that status by the publication module (journal included)."""

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        status = kwargs.pop("status", PublicationStatus.PUBLISHED)
        row = super()._create(model_class, *args, **kwargs)  # type: ignore[misc]
        if status != PublicationStatus.DRAFT:
            place_in_status(row, status, by=FACTORY_LABEL)
        return row


class StructureFactory(StatusThroughPublication, factory.django.DjangoModelFactory):
    """A published structure (pass `status=` for another one)."""

    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Association Solidarité Cancer {n}")
    kind = StructureKind.ASSOCIATION
    commune = factory.LazyFunction(lambda: commune(RENNES))
    postal_code = "35000"
    address_line = factory.Sequence(lambda n: f"{n} rue de la Santé")
    phone = "02 99 00 00 00"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    siren = factory.Sequence(lambda n: siren_with_key(f"{80000000 + n:08d}"))
    siret = factory.LazyAttribute(lambda s: siret_with_key(s.siren, "0001"))
    status = PublicationStatus.PUBLISHED
    last_verified_at = factory.Faker("date_this_year")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    structure = factory.SubFactory(StructureFactory)
    name = factory.LazyAttribute(lambda p: f"Site de {p.commune.name}")
    commune = factory.LazyAttribute(lambda p: p.structure.commune)
    postal_code = factory.LazyAttribute(lambda p: p.structure.postal_code)
    address_line = "1 place de la Mairie"


class OfferFactory(StatusThroughPublication, factory.django.DjangoModelFactory):
    """An offer with one place; pass `subcategory_codes=[...]` and `commune=` to shape it."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    subcategory_codes: tuple[str, ...] = ("consultation-psychologue",)
    commune = None
    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Consultations de psychologue {n}")
    category = factory.LazyAttribute(lambda o: subcategory(o.subcategory_codes[0]).category)
    description = "Des entretiens pour parler de ce que vous vivez."
    audiences = [Audience.PATIENTS]
    cost = Cost.FREE
    status = PublicationStatus.PUBLISHED
    last_verified_at = factory.Faker("date_this_year")

    @factory.post_generation
    def subcategories(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            codes = extracted or self._subcategory_codes
            self.subcategories.set([subcategory(code) for code in codes])

    @factory.post_generation
    def places(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        if extracted is not None:
            self.places.set(extracted)
            return
        where = self._commune or self.structure.commune
        self.places.set([PlaceFactory(structure=self.structure, commune=where)])

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Offer:
        codes = kwargs.pop("subcategory_codes", ("consultation-psychologue",))
        where = kwargs.pop("commune", None)
        offer = super()._create(model_class, *args, **kwargs)
        offer._subcategory_codes = codes
        offer._commune = where
        return offer
