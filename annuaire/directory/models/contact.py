"""Fields shared by everything that has an address or public contacts."""

from django.db import models


class AddressMixin(models.Model):
    address_line = models.CharField("adresse", max_length=255, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name="commune")
    lat = models.FloatField("latitude", null=True, blank=True)
    lng = models.FloatField("longitude", null=True, blank=True)

    class Meta:
        abstract = True

    def fill_coordinates_from_commune(self) -> None:
        """Without a geocoder, the commune centre is the best position we have."""
        if (self.lat is None or self.lng is None) and self.commune_id:
            self.lat, self.lng = self.commune.lat, self.commune.lng

    @property
    def full_address(self) -> str:
        parts = [self.address_line, self.address_complement, f"{self.postal_code} {self.commune.name}".strip()]
        return ", ".join(part for part in parts if part)


class PublicContactMixin(models.Model):
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("site internet", blank=True)
    secure_messaging = models.EmailField(
        "messagerie sécurisée de santé",
        blank=True,
        help_text="Adresse MSSanté pour les échanges entre professionnels.",
    )

    class Meta:
        abstract = True
