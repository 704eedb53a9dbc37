from annuaire.geo.models import Commune


def commune(code: str) -> Commune:
    """A real commune of the reference data loaded for tests (Brittany)."""
    return Commune.objects.select_related("departement").get(code=code)


RENNES, BREST, QUIMPER, SAINT_BRIEUC, VANNES = "35238", "29019", "29232", "22278", "56260"
