"""Keep the denormalised search text of offers in step with their sub-categories."""

from typing import Any

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from annuaire.directory.models import Offer


@receiver(m2m_changed, sender=Offer.subcategories.through)
def refresh_offer_search_text(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    offers = Offer.objects.filter(pk=instance.pk) if isinstance(instance, Offer) else instance.offers.all()
    offers.refresh_search_text()
