"""Deploy checks (`manage.py check --deploy`): the site must not run with a public secret."""

from typing import Any

from django.conf import settings
from django.core import checks

DEFAULT_SECRET_KEY_MESSAGE = (
    "La clé secrète par défaut (SECRET_KEY) est publique : définissez la variable d'environnement "
    "SECRET_KEY (50 caractères aléatoires au moins) avant de mettre le site en production."
)


def uses_default_secret_key() -> bool:
    return bool(settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if uses_default_secret_key():
        return [checks.Error(DEFAULT_SECRET_KEY_MESSAGE, id="annuaire.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.HTTPS:
        return [
            checks.Warning(
                "SITE_URL ne commence pas par https:// : les liens, les cookies et HSTS supposent un site en HTTPS.",
                id="annuaire.W001",
            )
        ]
    return []
