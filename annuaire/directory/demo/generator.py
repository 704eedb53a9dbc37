"""Build demo structures, places and offers in memory, from a seeded `random.Random`.

Nothing here touches the database except `Towns.load` and the taxonomy read by
`DemoGenerator.from_database`: `writer.save` inserts what the generator returns.
The same seed and the same reference data always give the same rows (names, uuids).
"""

from __future__ import annotations

import math
import random
import uuid
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from stdnum import luhn

from annuaire.core.identifiers import finess_with_key, siren_with_key, siret_with_key
from annuaire.core.text import normalize
from annuaire.directory.demo import care, names
from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    PublicationStatus,
    StructureKind,
)
from annuaire.directory.models import Offer, Place, Structure
from annuaire.geo.models import Commune, PostalCode
from annuaire.taxonomy.models import Category, SubCategory

BRITTANY = ("22", "29", "35", "56")
# Every demo structure has its public e-mail at a sub-domain of this reserved domain.
DEMO_DOMAIN = "demo-sos.invalid"
DEMO_NAMESPACE = uuid.UUID("5d0c1e6a-53b2-4c8e-9a0e-000000000053")
LIGUE_SEATS = {"22": "Saint-Brieuc", "29": "Quimper", "35": "Rennes", "56": "Vannes"}

# Share of each kind of structure (DOMAIN.md §4), Ligue committees apart (one per département).
KIND_SHARES: tuple[tuple[str, float], ...] = (
    (StructureKind.ETABLISSEMENT_SANTE, 0.15),
    (StructureKind.HAD, 0.05),
    (StructureKind.ASSOCIATION, 0.35),
    (StructureKind.MSP, 0.16),
    (StructureKind.POLE_SANTE, 0.04),
    (StructureKind.CPTS, 0.10),
    (StructureKind.AAP_PARCOURS, 0.10),
)
# Offers per structure, by kind group (care.KIND_GROUPS); "E" is a big establishment.
OFFER_COUNTS: dict[str, tuple[int, int]] = {
    "E": (12, 22),
    "H": (5, 12),
    "D": (3, 7),
    "L": (6, 10),
    "A": (1, 4),
    "M": (2, 6),
    "C": (1, 4),
    "P": (3, 6),
}
# ARCEP numbers reserved for fiction, by telephone zone (never a real subscriber).
FICTION_PHONE_BLOCKS = {"01": "01 99 00", "02": "02 61 91", "03": "03 53 01", "04": "04 65 71", "05": "05 36 49"}
REGION_PHONE_ZONES = {
    "11": "01",
    "24": "02",
    "28": "02",
    "52": "02",
    "53": "02",
    "04": "02",
    "06": "02",
    "27": "03",
    "32": "03",
    "44": "03",
    "84": "04",
    "93": "04",
    "94": "04",
}
UNPUBLISHED_STATUSES = (
    PublicationStatus.DRAFT,
    PublicationStatus.TERRITORIAL_REVIEW,
    PublicationStatus.REGIONAL_REVIEW,
    PublicationStatus.DELISTED,
)


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    departement: str
    region: str
    lat: float
    lng: float
    population: int
    postal_code: str


class Towns:
    """Communes with a position, picked with a probability proportional to their population."""

    def __init__(self, towns: list[Town]) -> None:
        self.all = sorted(towns, key=lambda t: t.code)
        self.by_departement: dict[str, list[Town]] = defaultdict(list)
        self._by_name: dict[tuple[str, str], Town] = {}
        self._grid: dict[tuple[int, int], list[Town]] = defaultdict(list)
        for town in self.all:
            self.by_departement[town.departement].append(town)
            self._by_name.setdefault((town.departement, town.name), town)
            self._grid[self._cell(town.lat, town.lng)].append(town)
        self._pools: dict[int, tuple[list[Town], list[float]]] = {}

    @classmethod
    def load(cls, departements: tuple[str, ...] | None = None) -> Towns:
        communes = Commune.objects.filter(lat__isnull=False, lng__isnull=False)
        if departements:
            communes = communes.filter(departement_id__in=departements)
        # Paris, Lyon and Marseille are picked through their arrondissements.
        divided = set(communes.filter(kind=Commune.Kind.ARRONDISSEMENT).values_list("parent_id", flat=True))
        postal: dict[str, str] = {}
        for commune_id, code in PostalCode.objects.filter(commune__in=communes).values_list("commune_id", "code"):
            postal[commune_id] = min(code, postal.get(commune_id, code))
        rows = communes.values_list(
            "code", "name", "departement_id", "departement__region_id", "lat", "lng", "population"
        )
        return cls(
            [
                Town(code, name, dep, region, lat, lng, population, postal.get(code, ""))
                for code, name, dep, region, lat, lng, population in rows
                if code not in divided and lat is not None and lng is not None
            ]
        )

    @staticmethod
    def _cell(lat: float, lng: float) -> tuple[int, int]:
        return (math.floor(lat * 5), math.floor(lng * 5))  # about 20 km

    def named(self, departement: str, name: str) -> Town | None:
        return self._by_name.get((departement, name))

    def pick(self, rng: random.Random, min_population: int = 0) -> Town:
        if min_population not in self._pools:
            pool = [t for t in self.all if t.population >= min_population] or self.all
            self._pools[min_population] = (pool, list(accumulate(max(t.population, 1) for t in pool)))
        pool, cumulative = self._pools[min_population]
        return pool[bisect_left(cumulative, rng.random() * cumulative[-1])]

    def pick_in(self, rng: random.Random, departement: str) -> Town:
        pool = self.by_departement[departement]
        return rng.choices(pool, weights=[max(t.population, 1) for t in pool])[0]

    def near(self, rng: random.Random, town: Town) -> Town:
        """A commune within about 20-40 km, bigger ones more likely."""
        x, y = self._cell(town.lat, town.lng)
        pool = [t for dx in (-1, 0, 1) for dy in (-1, 0, 1) for t in self._grid.get((x + dx, y + dy), [])]
        return rng.choices(pool, weights=[max(t.population, 1) for t in pool])[0]

    def biggest(self, departement: str) -> Town:
        return max(self.by_departement[departement], key=lambda t: (t.population, t.code))


@dataclass
class DemoData:
    structures: list[Structure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    offer_places: list[tuple[Offer, Place]] = field(default_factory=list)
    offer_subcategories: list[tuple[Offer, SubCategory]] = field(default_factory=list)


@dataclass
class _Plan:
    kind: str
    town: Town
    name: str
    big: bool = False
    sites: tuple[str, ...] = ()
    published: bool | None = None  # None: drawn at random


class DemoGenerator:
    def __init__(
        self,
        towns: Towns,
        departement_names: dict[str, str],
        subcategories: list[SubCategory],
        *,
        seed: int,
        scope: str,
        today: date,
    ) -> None:
        self.towns = towns
        self.departement_names = departement_names
        self.subcategories = sorted(subcategories, key=lambda s: s.code)
        self.rng = random.Random(f"{scope}:{seed}")
        self.seed, self.scope, self.today = seed, scope, today
        self.data = DemoData()
        self.invent_big_establishments = True  # CHU and cancer centres named after big towns
        self._used_names: set[str] = set()
        self._association_uses: dict[str, int] = defaultdict(int)
        self._candidates: dict[tuple[str, bool, bool], tuple[list[SubCategory], list[float]]] = {}
        self._by_category: dict[int, list[SubCategory]] = defaultdict(list)
        for sub in self.subcategories:
            self._by_category[sub.category_id].append(sub)

    @classmethod
    def from_database(cls, departements: tuple[str, ...] | None, *, seed: int, scope: str) -> DemoGenerator:
        from annuaire.geo.models import Departement

        towns = Towns.load(departements)
        subcategories = list(SubCategory.objects.active().select_related("category"))
        departement_names = dict(Departement.objects.values_list("code", "name"))
        return cls(towns, departement_names, subcategories, seed=seed, scope=scope, today=timezone.localdate())

    # -- plans: which structures, where ------------------------------------------------------------

    def region(self, structure_count: int, departements: tuple[str, ...] = BRITTANY) -> DemoData:
        self.invent_big_establishments = False  # the real ones are named in names.py
        plans = [self._ligue_plan(dep) for dep in departements if self.towns.by_departement.get(dep)]
        quotas = {kind: round(share * structure_count) for kind, share in KIND_SHARES}
        named = [n for n in names.BRITTANY_ESTABLISHMENTS if self.towns.named(n.departement, n.commune)]
        for known in named[: quotas[StructureKind.ETABLISSEMENT_SANTE]]:
            town = self.towns.named(known.departement, known.commune)
            assert town is not None
            self._used_names.add(known.name)
            plans.append(_Plan(known.kind, town, known.name, known.big, known.sites, published=True))
        kinds: list[str] = []
        for kind, quota in quotas.items():
            already = sum(1 for p in plans if p.kind in (kind, StructureKind.CENTRE_LUTTE_CANCER))
            if kind == StructureKind.ETABLISSEMENT_SANTE:
                quota -= already
            kinds += [kind] * max(quota, 0)
        kinds = kinds[: max(structure_count - len(plans), 0)]
        kinds += [StructureKind.ASSOCIATION] * (structure_count - len(plans) - len(kinds))
        self.rng.shuffle(kinds)
        plans += [self._plan(kind) for kind in kinds]
        for index, plan in enumerate(plans):
            self._structure(index, plan)
        return self.data

    def national(self, offer_count: int) -> DemoData:
        """Structures all over France until `offer_count` offers exist (for benchmarks)."""
        index = 0
        for dep in sorted(self.towns.by_departement):
            self._structure(index, self._ligue_plan(dep))
            index += 1
        kinds = [kind for kind, _share in KIND_SHARES]
        weights = [share for _kind, share in KIND_SHARES]
        while len(self.data.offers) < offer_count:
            self._structure(index, self._plan(self.rng.choices(kinds, weights)[0]))
            index += 1
        self._truncate_offers(offer_count)
        return self.data

    def _truncate_offers(self, offer_count: int) -> None:
        extra = set(map(id, self.data.offers[offer_count:]))
        del self.data.offers[offer_count:]
        self.data.offer_places = [(o, p) for o, p in self.data.offer_places if id(o) not in extra]
        self.data.offer_subcategories = [(o, s) for o, s in self.data.offer_subcategories if id(o) not in extra]

    def _ligue_plan(self, dep: str) -> _Plan:
        town = self.towns.named(dep, LIGUE_SEATS.get(dep, "")) or self.towns.biggest(dep)
        name = f"Comité {names.of_departement(self.departement_names.get(dep, dep))} de la Ligue contre le cancer"
        self._used_names.add(name)
        return _Plan(StructureKind.LIGUE, town, name, published=True)

    def _plan(self, kind: str) -> _Plan:
        rng = self.rng
        min_populations: dict[str, int] = {
            StructureKind.ETABLISSEMENT_SANTE: 6000,
            StructureKind.HAD: 3000,
            StructureKind.CPTS: 2000,
            StructureKind.AAP_PARCOURS: 2000,
        }
        min_population = min_populations.get(kind, 0)
        for _attempt in range(8):
            town = self.towns.pick(rng, min_population)
            big = False
            if (
                kind == StructureKind.ETABLISSEMENT_SANTE
                and self.invent_big_establishments
                and town.population > 150_000
                and rng.random() < 0.15
            ):
                kind, big = StructureKind.CENTRE_LUTTE_CANCER, True
            pattern = self._pattern(kind, town)
            pays = self._pays(town) if "{pays}" in pattern else None
            if pays is not None:
                pays_name, town = pays
            else:
                pays_name = f"du Pays {names.of_commune(town.name)}"
            values = {
                "commune": town.name,
                "of_commune": names.of_commune(town.name),
                "pays": pays_name,
                "dep_number": town.departement,
                "saint": rng.choice(names.SAINTS),
                "name": "",
            }
            if kind == StructureKind.ASSOCIATION:
                base = rng.choice(names.ASSOCIATION_NAMES)
                values["name"] = base
                pattern = pattern if self._association_uses[base] else "{name}"
            name = pattern.format(**values)
            if name not in self._used_names:
                if kind == StructureKind.ASSOCIATION:
                    self._association_uses[values["name"]] += 1
                break
        else:
            name = f"{name} – {sum(1 for n in self._used_names if n.startswith(name)) + 1}"
        self._used_names.add(name)
        return _Plan(kind, town, name, big=big or (kind == StructureKind.ETABLISSEMENT_SANTE and "CHU" in name))

    def _pattern(self, kind: str, town: Town) -> str:
        all_patterns: dict[str, tuple[str, ...]] = {
            StructureKind.ETABLISSEMENT_SANTE: names.ESTABLISHMENT_PATTERNS,
            StructureKind.CENTRE_LUTTE_CANCER: names.CANCER_CENTRE_PATTERNS,
            StructureKind.HAD: names.HAD_PATTERNS,
            StructureKind.ASSOCIATION: names.ASSOCIATION_PATTERNS,
            StructureKind.MSP: names.MSP_PATTERNS,
            StructureKind.POLE_SANTE: names.POLE_PATTERNS,
            StructureKind.CPTS: names.CPTS_PATTERNS,
            StructureKind.AAP_PARCOURS: names.AAP_PATTERNS,
        }
        patterns = all_patterns[kind]
        if (
            kind == StructureKind.ETABLISSEMENT_SANTE
            and self.invent_big_establishments
            and town.population > 150_000
            and self.rng.random() < 0.3
        ):
            return "Centre hospitalier universitaire {of_commune}"
        return self.rng.choice(patterns)

    def _pays(self, town: Town) -> tuple[str, Town] | None:
        """A Breton "pays" of the same département and its main commune, when known."""
        known = names.BRITTANY_PAYS.get(town.departement)
        if not known:
            return None
        label, commune_name = self.rng.choice(known)
        main = self.towns.named(town.departement, commune_name)
        return (f"du Pays {label}", main) if main else None

    # -- rows ----------------------------------------------------------------------------------

    def _uuid(self, *parts: object) -> uuid.UUID:
        return uuid.uuid5(DEMO_NAMESPACE, "/".join(map(str, (self.scope, self.seed, *parts))))

    def _phone(self, town: Town) -> str:
        zone = REGION_PHONE_ZONES.get(town.region, "05")
        return f"{FICTION_PHONE_BLOCKS[zone]} {self.rng.randrange(100):02d} {self.rng.randrange(100):02d}"

    def _finess(self, departement: str) -> str:
        body = (departement + f"{self.rng.randrange(10**7):07d}")[:8]
        if body[:2] in ("2A", "2B"):  # no published key rule for Corsica: any key passes
            return body + luhn.calc_check_digit("20" + body[2:])
        return finess_with_key(body)

    def _structure(self, index: int, plan: _Plan) -> None:
        rng, kind = self.rng, plan.kind
        group = care.KIND_GROUPS[kind]
        slug = _short_slug(plan.name)
        domain = f"{slug}.{DEMO_DOMAIN}"
        siren = siren_with_key(f"{10_000_000 + (index * 7919 + self.seed * 104_729) % 89_999_999:08d}")
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        is_establishment = kind in StructureKind.health_establishments()
        published = rng.random() < 0.9 if plan.published is None else plan.published
        status = PublicationStatus.PUBLISHED if published else rng.choice(UNPUBLISHED_STATUSES)
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
            uuid=self._uuid("structure", index),
            name=plan.name,
            kind=kind,
            description=rng.choice(care.KIND_DESCRIPTIONS[group]),
            siren=siren,
            siret=siret_with_key(siren, f"{rng.randrange(1, 100):04d}"),
            finess=self._finess(plan.town.departement) if is_establishment else "",
            finess_legal=self._finess(plan.town.departement) if is_establishment else "",
            is_recognised_association=kind == StructureKind.LIGUE
            or (kind == StructureKind.ASSOCIATION and rng.random() < 0.3),
            referent_first_name=first,
            referent_last_name=last,
            referent_function=rng.choice(care.REFERENT_FUNCTIONS[group]),
            referent_phone=self._phone(plan.town),
            referent_email=f"{slugify(first)}.{slugify(last)}@{domain}",
            oncology_active_file=rng.randrange(*active_file) if rng.random() < 0.85 else None,
            status=status,
            published_at=self._moment(rng.randrange(30, 1000)) if published else None,
            last_verified_at=self._verified(),
            address_line=f"{rng.randrange(1, 120)} {rng.choice(names.STREETS)}",
            postal_code=plan.town.postal_code,
            commune_id=plan.town.code,
            phone=self._phone(plan.town),
            email=f"{rng.choice(('contact', 'accueil', 'secretariat'))}@{domain}",
            website=f"https://{slug}.example.org/" if rng.random() < 0.6 else "",
            secure_messaging=f"soins-support@{slug}.mssante.{DEMO_DOMAIN}" if is_establishment else "",
        )
        places = self._places(index, structure, plan)
        structure.lat, structure.lng = places[0].lat, places[0].lng
        self.data.structures.append(structure)
        self.data.places += places
        self._offers(index, structure, plan, places)

    def _places(self, index: int, structure: Structure, plan: _Plan) -> list[Place]:
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
                    "L": "Espace Ligue",
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
                    "L": f"Espace Ligue {names.of_commune(other.name)}",
                    "C": f"Cabinet partenaire {names.of_commune(other.name)}",
                    "M": f"Antenne {names.of_commune(other.name)}",
                }.get(group, f"Permanence {names.of_commune(other.name)}")
            )
        places: list[Place] = []
        for number, (site, where) in enumerate(zip(site_names, towns, strict=True)):
            if places and where == town:
                lat, lng = self._offset(places[0].lat or town.lat, places[0].lng or town.lng, 0.1, 0.6)
            else:
                lat, lng = self._offset(where.lat, where.lng, 0.15, 0.4 + min(1.6, where.population / 60_000))
            places.append(
                Place(
                    uuid=self._uuid("structure", index, "place", number),
                    structure=structure,
                    name=site,
                    phone=self._phone(where) if rng.random() < 0.4 else "",
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

    def _offset(self, lat: float, lng: float, min_km: float, max_km: float) -> tuple[float, float]:
        """A point a short distance from (lat, lng): small enough never to land at sea."""
        distance, bearing = self.rng.uniform(min_km, max_km), self.rng.uniform(0, 2 * math.pi)
        dlat = distance * math.cos(bearing) / 111.2
        dlng = distance * math.sin(bearing) / (111.2 * max(math.cos(math.radians(lat)), 0.1))
        return round(lat + dlat, 6), round(lng + dlng, 6)

    def _moment(self, days_ago: int) -> datetime:
        return timezone.make_aware(datetime.combine(self.today - timedelta(days=days_ago), time(10, 0)))

    def _verified(self) -> date:
        if self.rng.random() < 0.06:
            return self.today - timedelta(days=self.rng.randrange(380, 720))
        return self.today - timedelta(days=self.rng.randrange(0, 330))

    # -- offers -------------------------------------------------------------------------------

    def _candidates_for(self, group: str, big: bool, psnc: bool) -> tuple[list[SubCategory], list[float]]:
        key = (group, big, psnc)
        if key not in self._candidates:
            subs, weights = [], []
            for sub in self.subcategories:
                profile = care.PROFILES.get(sub.code, care.DEFAULT_PROFILE)
                allowed = group in profile.groups or (big and "E" in profile.groups)
                if not allowed or (sub.is_non_conventional and not psnc):
                    continue
                subs.append(sub)
                weights.append(profile.weight * care.CATEGORY_BOOST.get(group, {}).get(sub.category.code, 1))
            self._candidates[key] = (subs, weights)
        return self._candidates[key]

    def _offers(self, index: int, structure: Structure, plan: _Plan, places: list[Place]) -> None:
        rng = self.rng
        group = care.KIND_GROUPS[plan.kind]
        psnc = structure.may_offer_non_conventional_practice("qualification")
        subs, weights = self._candidates_for(group, plan.big, psnc)
        if not subs:
            return
        low, high = OFFER_COUNTS["E" if plan.big else group]
        wanted = min(rng.randint(low, high), len(subs))
        primaries: list[SubCategory] = []
        if plan.big:
            primaries += [s for s in subs if s.code == "eri-accueil-ecoute"][:1]
        for _attempt in range(wanted * 4):
            if len(primaries) >= wanted:
                break
            sub = rng.choices(subs, weights)[0]
            if sub not in primaries:
                primaries.append(sub)
        for number, primary in enumerate(primaries):
            chosen = [primary]
            siblings = [s for s in subs if s.category_id == primary.category_id and s != primary]
            if siblings and (primary.category.code == "eri" or rng.random() < 0.3):
                chosen += rng.sample(siblings, min(len(siblings), rng.randint(1, 2)))
            self._offer(index, number, structure, plan, places, chosen)

    def _offer(
        self,
        index: int,
        number: int,
        structure: Structure,
        plan: _Plan,
        places: list[Place],
        subs: list[SubCategory],
    ) -> None:
        rng = self.rng
        group = care.KIND_GROUPS[plan.kind]
        primary = subs[0]
        category: Category = primary.category
        code = category.code
        profile = care.PROFILES.get(primary.code, care.DEFAULT_PROFILE)
        psnc = any(s.is_non_conventional for s in subs)
        title = rng.choice(profile.titles or (primary.label,))
        description = rng.choice(care.CATEGORY_DESCRIPTIONS.get(code, ("",)))
        if psnc:
            description += " " + care.PSNC_NOTICE

        # The "parcours global" (APA, dietetic and psychological assessments and follow-up) is
        # run by the structures selected by the ARS, and by some MSP and recognised associations.
        parcours_care = code in ("activite-physique", "nutrition", "psychologie")
        if group == "P":
            parcours = parcours_care or rng.random() < 0.4
        else:
            in_town_framework = group == "M" or (group == "A" and structure.is_recognised_association)
            parcours = in_town_framework and parcours_care and rng.random() < 0.15
        audiences = [Audience.PATIENTS]
        if code == "soutien-aidants":
            audiences = [Audience.RELATIVES] + ([Audience.PATIENTS] if rng.random() < 0.3 else [])
        elif code == "eri" or rng.random() < 0.25:
            audiences.append(Audience.RELATIVES)
        if rng.random() < (0.4 if group == "C" else 0.08):
            audiences.append(Audience.PROFESSIONALS)
        ages = [AgeGroup.ADULTS] + ([AgeGroup.ELDERLY] if rng.random() < 0.45 else [])
        if rng.random() < (0.7 if code == "fertilite" else 0.12 if plan.big else 0.03):
            ages.append(AgeGroup.AJA)
        if group == "H":
            settings = [CareSetting.ESTABLISHMENT] + ([CareSetting.HOME] if "mobile" in primary.code else [])
            access = [Access.FOLLOWED_HERE] + ([Access.NOT_FOLLOWED_HERE] if rng.random() < 0.45 else [])
        elif group == "D":
            settings, access = [CareSetting.HAD, CareSetting.HOME], [Access.IN_HAD]
        else:
            settings, access = [CareSetting.TOWN], []
        if code == "soins-palliatifs":
            phases = [Phase.END_OF_LIFE] + ([Phase.TREATMENT] if rng.random() < 0.5 else [])
        elif code == "fertilite":
            phases = [Phase.DIAGNOSIS, Phase.TREATMENT]
        elif parcours:
            phases = [Phase.AFTER]
        else:
            phases = [
                phase
                for phase, share in ((Phase.DIAGNOSIS, 0.3), (Phase.TREATMENT, 0.85), (Phase.AFTER, 0.65))
                if rng.random() < share
            ] or [Phase.TREATMENT]
        formats = {"I": [GroupFormat.INDIVIDUAL], "G": [GroupFormat.GROUP]}.get(profile.formats) or rng.choice(
            ([GroupFormat.INDIVIDUAL], [GroupFormat.GROUP], [GroupFormat.INDIVIDUAL, GroupFormat.GROUP])
        )
        if group == "D" or "mobile" in primary.code or "domicile" in primary.code:
            modalities = [Modality.AT_HOME]
        else:
            modalities = [Modality.ON_SITE]
            if GroupFormat.INDIVIDUAL in formats and rng.random() < 0.12:
                modalities.append(
                    Modality.REMOTE if code in ("psychologie", "social", "nutrition") else Modality.AT_HOME
                )

        cost, amount, details = self._cost(group, parcours)
        qualification = ""
        if psnc:
            qualification = rng.choice(
                care.PSNC_QUALIFICATIONS.get(primary.code, ("Professionnel de santé diplômé",))
                if group in "HD"
                else care.TOWN_PSNC_QUALIFICATIONS
            )
        status: str
        if structure.status == PublicationStatus.PUBLISHED:
            status = PublicationStatus.PUBLISHED if rng.random() < 0.95 else PublicationStatus.DRAFT
        else:
            status = PublicationStatus.PUBLISHED if rng.random() < 0.6 else structure.status
        subs = sorted(subs, key=lambda s: (category.order, s.order, s.label))
        # Lists of codes (ChoiceSetField), which the type stubs see as plain text.
        choice_sets: dict[str, Any] = {
            "audiences": audiences,
            "age_groups": ages,
            "care_settings": settings,
            "phases": phases,
            "access": access,
            "formats": formats,
            "modalities": modalities,
        }
        offer = Offer(
            uuid=self._uuid("structure", index, "offer", number),
            structure=structure,
            title=title,
            category=category,
            description=description,
            **choice_sets,
            parcours_global=parcours,
            cost=cost,
            cost_amount=amount,
            cost_details=details,
            how_to_access=rng.choice(care.HOW_TO_ACCESS[group]),
            appointment_delay_days=None
            if code == "eri" or rng.random() < 0.25
            else rng.choice((0, 2, 7, 10, 15, 21, 30, 45)),
            schedule=rng.choice(care.SCHEDULES),
            contact_phone=structure.phone if rng.random() < 0.6 else self._phone(plan.town),
            contact_email=f"{code}@{structure.email.partition('@')[2]}",
            practitioner_qualification=qualification,
            status=status,
            published_at=self._moment(rng.randrange(10, 900)) if status == PublicationStatus.PUBLISHED else None,
            last_verified_at=self._verified(),
        )
        # What Offer.build_search_text gives, normalised piece by piece (the pieces repeat a lot).
        pieces = [title, description, structure.name, category.label, *(s.label for s in subs)]
        offer.search_text = " ".join(filter(None, map(_normalized, pieces)))
        offer.clean()
        offer.clean_subcategories(subs)
        if len(places) > 1 and rng.random() < 0.5:
            where = rng.sample(places, rng.randint(1, len(places)))
        else:
            where = [places[0] if number % 3 or len(places) == 1 else rng.choice(places)]
        self.data.offers.append(offer)
        self.data.offer_places += [(offer, place) for place in where]
        self.data.offer_subcategories += [(offer, sub) for sub in subs]

    def _cost(self, group: str, parcours: bool) -> tuple[str, Decimal | None, str]:
        rng = self.rng
        if parcours:
            return Cost.FREE, None, "Financé par l'ARS (parcours de soins global après cancer)"
        shares = {
            "H": (0.2, 0.8, 0.0),
            "D": (0.1, 0.9, 0.0),
            "L": (1.0, 0.0, 0.0),
            "A": (0.65, 0.0, 0.35),
            "M": (0.15, 0.55, 0.3),
            "C": (0.4, 0.5, 0.1),
            "P": (0.7, 0.2, 0.1),
        }[group]
        cost = rng.choices((Cost.FREE, Cost.COVERED, Cost.PARTLY_PAID), weights=shares)[0]
        if cost == Cost.PARTLY_PAID:
            return (
                cost,
                Decimal(rng.choice((15, 20, 25, 30, 35, 40, 45, 50, 55, 60))),
                rng.choice(care.COST_DETAILS_PAID),
            )
        if cost == Cost.FREE:
            return cost, None, rng.choice(care.COST_DETAILS_FREE) if group in "LA" else ""
        return cost, None, ""


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return normalize(text)


def _short_slug(name: str, length: int = 40) -> str:
    """ "comite-d-ille-et-vilaine-de-la-ligue": a readable e-mail sub-domain, cut between words."""
    slug = slugify(normalize(name))
    if len(slug) > length:
        slug = slug[: length + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "structure"
