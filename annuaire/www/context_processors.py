from typing import Any

from django.conf import settings
from django.http import HttpRequest

from annuaire.core.remembered_urls import reverse_remembered
from annuaire.directory.fictitious import demo_data_loaded
from annuaire.www import selection


def site(request: HttpRequest) -> dict[str, Any]:
    ids = selection.selected_ids(request)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "NETWORK_NAME": settings.NETWORK_NAME,
        "selection_ids": set(ids),
        "selection_count": len(ids),
        # Reversed once per page rather than twice per result card (docs/adr/0033).
        "selection_add_url": reverse_remembered("www:selection_add"),
        "selection_remove_url": reverse_remembered("www:selection_remove"),
        "DEMO_DATA": demo_data_loaded(),
    }
