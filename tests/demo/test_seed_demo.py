"""`manage.py seed_demo`: a believable, deterministic demo region (Brittany).

The demo region is created once for this module (a few seconds) and deleted afterwards,
so that other tests see an empty directory.
"""

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from annuaire.accounts.access import actor_for
from annuaire.core.geodesy import Point, haversine_km
from annuaire.core.identifiers import finess_is_valid, validate_siren, validate_siret
from annuaire.demo import writer
from annuaire.demo.accounts import DEMO_PASSWORD, delete_demo_accounts
from annuaire.demo.generator import BRITTANY, DEMO_DOMAIN, DemoGenerator
from annuaire.directory.enums import Cost, PublicationStatus, StructureKind
from annuaire.directory.models import Offer, Place, PublicationEvent, Structure
from annuaire.directory.validation import validate_offer
from annuaire.taxonomy.models import Category
from annuaire.www.forms import SearchForm

PARCOURS_KINDS = (StructureKind.AAP_PARCOURS, StructureKind.MSP, StructureKind.POLE_SANTE)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seed_demo")]


@pytest.fixture(scope="module", autouse=True)
def demo_region(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    output = StringIO()
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        writer.delete_demo()
        delete_demo_accounts()


def offers() -> list[Offer]:
    return list(Offer.objects.select_related("structure", "category").prefetch_related("subcategories", "places"))


def test_it_says_in_french_what_it_created(demo_region: str) -> None:
    assert "Région de démonstration créée : 390 structures" in demo_region
    assert "offres" in demo_region


def test_there_is_one_demo_account_per_role_each_with_work_waiting(demo_region: str) -> None:
    assert f"mot de passe « {DEMO_PASSWORD} »" in demo_region
    for username in ("demo-referent", "demo-3c", "demo-dac", "demo-region"):
        user = User.objects.get(username=username)
        assert hasattr(user, "demo_account") and user.has_usable_password() and not user.is_staff
    assert actor_for(User.objects.get(username="demo-dac")).review_queue().exists()
    assert actor_for(User.objects.get(username="demo-3c")).review_queue().exists()
    assert actor_for(User.objects.get(username="demo-region")).review_queue().exists()
    assert actor_for(User.objects.get(username="demo-referent")).offers().exists()


def test_every_stage_of_the_workflow_is_in_the_journal() -> None:
    assert PublicationEvent.objects.filter(to_status=PublicationStatus.PUBLISHED).count() > 1000
    assert PublicationEvent.objects.filter(action="renvoyer").exists()


def test_the_same_seed_gives_the_same_names_and_uuids() -> None:
    first = DemoGenerator.from_database(BRITTANY, seed=53, scope="bretagne").region(390)
    again = DemoGenerator.from_database(BRITTANY, seed=53, scope="bretagne").region(390)
    other = DemoGenerator.from_database(BRITTANY, seed=7, scope="bretagne").region(390)
    assert [(s.uuid, s.name) for s in first.structures] == [(s.uuid, s.name) for s in again.structures]
    assert [(o.uuid, o.title) for o in first.offers] == [(o.uuid, o.title) for o in again.offers]
    assert [s.name for s in first.structures] != [s.name for s in other.structures]
    # What is in the database is exactly what the default seed gives.
    assert set(Structure.objects.values_list("uuid", flat=True)) == {s.uuid for s in first.structures}


def test_about_390_structures_all_in_the_four_breton_departements() -> None:
    assert Structure.objects.count() == 390
    assert set(Structure.objects.values_list("commune__departement", flat=True)) == set(BRITTANY)
    assert set(Place.objects.values_list("commune__departement", flat=True)) <= set(BRITTANY)
    assert all(s.email.endswith("." + DEMO_DOMAIN) for s in Structure.objects.all())


def test_bigger_towns_get_more_structures() -> None:
    by_town = Counter(Structure.objects.values_list("commune__name", flat=True))
    biggest = [name for name, _count in by_town.most_common(5)]
    assert biggest[0] == "Rennes"
    assert "Brest" in biggest
    assert by_town["Rennes"] > 3 * by_town["Vitré"]


def test_kinds_come_in_realistic_proportions() -> None:
    kinds = Counter(Structure.objects.values_list("kind", flat=True))
    establishments = kinds[StructureKind.ETABLISSEMENT_SANTE] + kinds[StructureKind.CENTRE_LUTTE_CANCER]
    assert 50 <= establishments <= 65
    assert kinds[StructureKind.CENTRE_LUTTE_CANCER] >= 1
    assert (
        Structure.objects.get(name="Institut de cancérologie des Trois Rivières").kind
        == StructureKind.CENTRE_LUTTE_CANCER
    )
    assert kinds[StructureKind.LIGUE] == 4
    assert 15 <= kinds[StructureKind.HAD] <= 25
    assert 120 <= kinds[StructureKind.ASSOCIATION] <= 160
    assert 60 <= kinds[StructureKind.MSP] + kinds[StructureKind.POLE_SANTE] <= 90
    assert 30 <= kinds[StructureKind.CPTS] <= 45
    assert 30 <= kinds[StructureKind.AAP_PARCOURS] <= 45
    assert Structure.objects.filter(kind=StructureKind.ASSOCIATION, is_recognised_association=True).exists()
    ligue_names = set(Structure.objects.filter(kind=StructureKind.LIGUE).values_list("name", flat=True))
    assert "Comité d'Ille-et-Vilaine d'Entraide Cancer" in ligue_names
    assert "Comité des Côtes-d'Armor d'Entraide Cancer" in ligue_names


def test_structure_names_are_invented_never_borrowed_from_real_ones() -> None:
    names = list(Structure.objects.values_list("name", flat=True))
    for real in ["Eugène Marquis", "Ligue contre le cancer", "CHU de", "Pontchaillou", "Cavale Blanche", "Sévigné"]:
        assert not [name for name in names if real in name], real


def test_big_hospitals_have_several_sites_and_more_offers() -> None:
    chu = Structure.objects.get(name="Centre hospitalier universitaire des Lices")
    assert chu.places.count() >= 2
    assert chu.offers.count() >= 12
    assert chu.offers.filter(category__code="eri").exists()


def test_places_are_a_short_walk_from_their_commune_centre() -> None:
    distances = []
    for place in Place.objects.select_related("commune"):
        assert place.lat is not None and place.lng is not None
        distances.append(haversine_km(Point(place.lat, place.lng), Point(place.commune.lat, place.commune.lng)))
        assert distances[-1] < 2.5, place
    assert sum(d < 0.01 for d in distances) == 0  # spread around the centre, not stacked on it
    assert sum(distances) / len(distances) > 0.3
    assert not Structure.objects.filter(lat__isnull=True).exists()


def test_re_running_creates_no_duplicates() -> None:
    before = writer.demo_counts()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "déjà présentes" in output.getvalue()
    assert writer.demo_counts() == before


def test_force_recreates_the_same_demo_and_leaves_other_structures_alone() -> None:
    uuids = set(Structure.objects.values_list("uuid", flat=True))
    other = Structure.objects.create(
        name="Association réelle", kind=StructureKind.ASSOCIATION, commune_id="35238", email="contact@asso.fr"
    )
    call_command("seed_demo", force=True, stdout=StringIO())
    assert set(Structure.objects.exclude(pk=other.pk).values_list("uuid", flat=True)) == uuids
    assert Structure.objects.filter(pk=other.pk).exists()


def test_about_nine_structures_in_ten_are_published() -> None:
    statuses = Counter(Structure.objects.values_list("status", flat=True))
    assert 0.85 <= statuses[PublicationStatus.PUBLISHED] / 390 <= 0.95
    assert statuses[PublicationStatus.DRAFT] and statuses[PublicationStatus.DELISTED]
    offer_statuses = set(Offer.objects.values_list("status", flat=True))
    waiting = {PublicationStatus.TERRITORIAL_REVIEW, PublicationStatus.REGIONAL_REVIEW, PublicationStatus.RETURNED}
    assert waiting <= offer_statuses


def test_offers_of_unpublished_structures_are_never_public() -> None:
    hidden = Offer.objects.exclude(structure__status=PublicationStatus.PUBLISHED)
    assert hidden.filter(status=PublicationStatus.PUBLISHED).exists()
    assert not Offer.objects.published().filter(pk__in=hidden.values("pk")).exists()
    form = SearchForm({})
    assert form.is_valid()
    assert not Offer.objects.search(form.criteria()).filter(pk__in=hidden.values("pk")).exists()
    assert Offer.objects.published().count() > 1000


def test_non_conventional_practices_only_where_the_rule_allows() -> None:
    psnc = [o for o in offers() if o.is_non_conventional]
    assert len(psnc) > 100
    for offer in psnc:
        assert offer.structure.may_offer_non_conventional_practice(offer.practitioner_qualification), offer
        if offer.structure.is_health_establishment:
            assert offer.practitioner_qualification
    unrecognised = Structure.objects.filter(kind=StructureKind.ASSOCIATION, is_recognised_association=False)
    assert not Offer.objects.filter(structure__in=unrecognised, subcategories__kind="psnc").exists()


def test_psychology_far_outnumbers_fertility_which_stays_in_hospitals() -> None:
    by_category = Counter(Offer.objects.values_list("category__code", flat=True))
    assert by_category["psychologie"] > 10 * by_category["fertilite"] > 0
    assert by_category["nutrition"] > by_category["sexualite"]
    hospitals = StructureKind.health_establishments()
    assert set(Offer.objects.filter(category__code="fertilite").values_list("structure__kind", flat=True)) <= {
        StructureKind.ETABLISSEMENT_SANTE,
        StructureKind.CENTRE_LUTTE_CANCER,
    }
    assert set(Offer.objects.filter(category__code="soins-palliatifs").values_list("structure__kind", flat=True)) <= (
        hospitals
    )


def test_every_category_of_the_taxonomy_is_present() -> None:
    used = set(Offer.objects.values_list("category__code", flat=True))
    assert used == set(Category.objects.values_list("code", flat=True))
    assert len(used) == 13


def test_identifiers_are_valid() -> None:
    for structure in Structure.objects.all():
        validate_siren(structure.siren)
        validate_siret(structure.siret)
        assert structure.siret.startswith(structure.siren)
        if structure.is_health_establishment:
            assert finess_is_valid(structure.finess), structure
            assert structure.finess[:2] == structure.commune_id[:2]
        else:
            assert structure.finess == ""


def test_generated_rows_pass_model_validation() -> None:
    for structure in Structure.objects.all():
        structure.full_clean()
    every_offer = offers()
    for offer in every_offer:
        validate_offer(offer)
        assert offer.places.all(), offer
    for offer in every_offer[::20]:
        offer.full_clean()
        assert offer.search_text == offer.build_search_text()


def test_offer_details_are_believable() -> None:
    every_offer = offers()
    for offer in every_offer:
        assert offer.audiences and offer.age_groups and offer.care_settings and offer.phases and offer.formats
        assert offer.how_to_access and offer.schedule and offer.contact_email
        if offer.access:
            assert offer.structure.is_health_establishment
        if offer.parcours_global:
            assert offer.cost == Cost.FREE
            assert offer.structure.kind in PARCOURS_KINDS or offer.structure.is_recognised_association
        if offer.cost == Cost.PARTLY_PAID:
            assert offer.cost_amount is not None and 15 <= offer.cost_amount <= 60
    costs = Counter(o.cost for o in every_offer)
    assert costs[Cost.FREE] + costs[Cost.COVERED] > 3 * costs[Cost.PARTLY_PAID] > 0
    aja = sum("aja" in o.age_groups for o in every_offer)
    assert 0 < aja < len(every_offer) / 10
    year_ago = timezone.localdate() - timedelta(days=365)
    recent = sum(o.last_verified_at is not None and o.last_verified_at >= year_ago for o in every_offer)
    assert 0.85 * len(every_offer) < recent < len(every_offer)


def test_national_mode_needs_the_whole_geography() -> None:
    with pytest.raises(CommandError, match="référentiel géographique complet"):
        call_command("seed_demo", national=True, offers=1000, stdout=StringIO())
