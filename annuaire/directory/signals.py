"""Keep the denormalised search text of offers, its index, the visibility and search points' triggers in step."""

from typing import Any

from django.db import connections
from django.db.models.signals import m2m_changed, post_migrate
from django.dispatch import receiver

from annuaire.directory import search_points, visibility
from annuaire.directory.fulltext import repair_sqlite_triggers
from annuaire.directory.models import Offer


@receiver(m2m_changed, sender=Offer.subcategories.through)
def refresh_offer_search_text(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    offers = Offer.objects.filter(pk=instance.pk) if isinstance(instance, Offer) else instance.offers.all()
    offers.refresh_search_text()


@receiver(post_migrate)
def repair_full_text_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if getattr(sender, "name", "") == "annuaire.directory":
        repair_sqlite_triggers(connections[using])
        visibility.repair_sqlite_triggers(connections[using])
        search_points.repair_sqlite_triggers(connections[using])
