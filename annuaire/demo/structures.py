"""Demo structures and their places, from plans: identifiers, contacts, referents, sites.

Places get coordinates here (`bulk_create` skips `Place.save()`), a short way from their
commune's centre; the structure takes the position of its first place.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.text import slugify

from annuaire.core.identifiers import siren_with_key, siret_with_key
from annuaire.core.text import normalize
from annuaire.demo import care, names
from annuaire.demo.fiction import DELISTED_AGES, DEMO_DOMAIN, Fiction
from annuaire.demo.plans import Plan
from annuaire.demo.towns import Towns
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models import Place, Structure

# Not public: accepted but no offer approved yet (draft), suspended, delisted or ended.
UNPUBLISHED_STATUSES = (
    PublicationStatus.DRAFT,
    PublicationStatus.DRAFT,
    PublicationStatus.SUSPENDED,
    PublicationStatus.DELISTED,
)


class StructureMaker:
    def __init__(self, fiction: Fiction, towns: Towns) -> None:
        self.fiction, self.rng, self.towns = fiction, fiction.rng, towns

    def structure(self, index: int, plan: Plan) -> tuple[Structure, list[Place], str, datetime]:
        """The structure of `plan`, its places (the first one is where the structure is), and
        the status (with its date) the publication module is to give it."""
        rng, kind = self.rng, plan.kind
        group = care.KIND_GROUPS[kind]
        slug = _short_slug(plan.name)
        domain = f"{slug}.{DEMO_DOMAIN}"
        siren = siren_with_key(f"{10_000_000 + (index * 7919 + self.fiction.seed * 104_729) % 89_999_999:08d}")
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        is_establishment = kind in StructureKind.health_establishments()
        published = rng.random() < 0.9 if plan.published is None else plan.published
        status = PublicationStatus.PUBLISHED if published else rng.choice(UNPUBLISHED_STATUSES)
        age = self.fiction.verification_age()
        if published and age >= DELISTED_AGES[0]:
            status = PublicationStatus.DELISTED
        active_file = {
            "H": (300, 4000),
            "D": (50, 400),
            "L": (300, 1500),
            "A": (20, 400),
            "M": (10, 150),
            "C": (50, 500),
            "P": (30, 250),
        }[group]
        if plan.big:
            active_file = (5000, 15000)
        structure = Structure(
            uuid=self.fiction.uuid("structure", index),
            name=plan.name,
            kind=kind,
            description=rng.choice(care.KIND_DESCRIPTIONS[group]),
            siren=siren,
            siret=siret_with_key(siren, f"{rng.randrange(1, 100):04d}"),
            finess=self.fiction.finess(plan.town.departement) if is_establishment else "",
            finess_legal=self.fiction.finess(plan.town.departement) if is_establishment else "",
            is_recognised_association=kind == StructureKind.LIGUE
            or (kind == StructureKind.ASSOCIATION and rng.random() < 0.3),
            referent_first_name=first,
            referent_last_name=last,
            referent_function=rng.choice(care.REFERENT_FUNCTIONS[group]),
            referent_phone=self.fiction.phone(plan.town),
            referent_email=f"{slugify(first)}.{slugify(last)}@{domain}",
            oncology_active_file=rng.randrange(*active_file) if rng.random() < 0.85 else None,
            last_verified_at=self.fiction.verified(age),
            address_line=f"{rng.randrange(1, 120)} {rng.choice(names.STREETS)}",
            postal_code=plan.town.postal_code,
            commune_id=plan.town.code,
            phone=self.fiction.phone(plan.town),
            email=f"{rng.choice(('contact', 'accueil', 'secretariat'))}@{domain}",
            website=f"https://{slug}.example.org/" if rng.random() < 0.6 else "",
            secure_messaging=f"soins-support@{slug}.mssante.{DEMO_DOMAIN}" if is_establishment else "",
        )
        places = self._places(index, structure, plan)
        structure.lat, structure.lng = places[0].lat, places[0].lng
        moment = self.fiction.moment(rng.randrange(30, 1000)) if published else self.fiction.moment(10)
        if status == PublicationStatus.DELISTED and published:
            # Delisted by the yearly cycle: two months after its due date (about 426 days).
            moment = self.fiction.moment(age - 426)
        return structure, places, status, moment

    def _places(self, index: int, structure: Structure, plan: Plan) -> list[Place]:
        rng, town = self.rng, plan.town
        group = care.KIND_GROUPS[plan.kind]
        if plan.sites:
            site_names = list(plan.sites)
        elif group == "H":
            site_names = ["Site principal"] + (["Hôpital de jour"] if rng.random() < 0.3 else [])
        else:
            site_names = [
                {
                    "D": "Siège de l'HAD",
                    "L": "Espace Entraide",
                    "A": "Local de l'association",
                    "M": "Maison de santé",
                    "C": "Coordination de la CPTS",
                    "P": "Accueil du parcours",
                }[group]
            ]
        towns = [town] * len(site_names)
        extra = {"L": 0.8, "A": 0.15, "M": 0.2, "C": 0.6, "P": 0.3}.get(group, 0.0)
        while rng.random() < extra and len(towns) < 3:
            other = self.towns.pick_in(rng, town.departement) if group == "L" else self.towns.near(rng, town)
            if other in towns:
                break
            towns.append(other)
            site_names.append(
                {
                    "L": f"Espace Entraide {names.of_commune(other.name)}",
                    "C": f"Cabinet partenaire {names.of_commune(other.name)}",
                    "M": f"Antenne {names.of_commune(other.name)}",
                }.get(group, f"Permanence {names.of_commune(other.name)}")
            )
        places: list[Place] = []
        for number, (site, where) in enumerate(zip(site_names, towns, strict=True)):
            if places and where == town:
                lat, lng = self.fiction.offset(places[0].lat or town.lat, places[0].lng or town.lng, 0.1, 0.6)
            else:
                lat, lng = self.fiction.offset(where.lat, where.lng, 0.15, 0.4 + min(1.6, where.population / 60_000))
            places.append(
                Place(
                    uuid=self.fiction.uuid("structure", index, "place", number),
                    structure=structure,
                    name=site,
                    phone=self.fiction.phone(where) if rng.random() < 0.4 else "",
                    wheelchair_accessible=rng.choice((True, True, True, False, None)),
                    access_notes=rng.choice(
                        ("", "", "Parking gratuit devant le bâtiment.", "Bus : arrêt à 200 m.", "Au rez-de-chaussée.")
                    ),
                    address_line=f"{rng.randrange(1, 120)} {rng.choice(names.STREETS)}",
                    postal_code=where.postal_code,
                    commune_id=where.code,
                    lat=lat,
                    lng=lng,
                )
            )
        return places


def _short_slug(name: str, length: int = 40) -> str:
    """ "comite-d-ille-et-vilaine-de-la-ligue": a readable e-mail sub-domain, cut between words."""
    slug = slugify(normalize(name))
    if len(slug) > length:
        slug = slug[: length + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "structure"
