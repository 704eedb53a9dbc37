"""A small handmade region whose communes lie on one meridian, at known distances."""

from __future__ import annotations

from dataclasses import dataclass

from annuaire.geo.models import Commune, Departement, Region

KM_PER_DEGREE = 111.1951  # great-circle km per degree of latitude (R = 6371.0088 km)


@dataclass
class Hamlets:
    region: Region
    centre: Commune  # 48.0 N
    near: Commune  # 0.1° north: 11.1 km from the centre
    far: Commune  # 0.3° north: 33.4 km from the centre
    farther: Commune  # 0.5° north: 55.6 km from the centre


def hamlets() -> Hamlets:
    region = Region.objects.create(code="99", name="Région d'essai")
    dep = Departement.objects.create(code="99", name="Département d'essai", region=region, lat=48.2, lng=-2.0)

    def make(code: str, name: str, lat: float, population: int) -> Commune:
        return Commune.objects.create(code=code, name=name, departement=dep, lat=lat, lng=-2.0, population=population)

    return Hamlets(
        region,
        make("99001", "Centreville", 48.0, 1000),
        make("99002", "Prèsville", 48.1, 500),
        make("99003", "Loinville", 48.3, 250),
        make("99004", "Bout-du-Monde", 48.5, 250),
    )
