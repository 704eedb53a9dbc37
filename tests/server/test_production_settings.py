"""Production settings: DEBUG off unless asked, no public secret, HTTPS everything behind a TLS
proxy, and `manage.py check --deploy` clean."""

from pathlib import Path

from tests.server.helpers import PRODUCTION_ENV, run_manage, run_python, setting


def test_debug_is_off_unless_the_environment_turns_it_on() -> None:
    assert setting("settings.DEBUG", {}) == "False"
    assert setting("settings.DEBUG", {"DEBUG": "true"}) == "True"


def test_check_deploy_is_clean_with_the_production_environment() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_the_default_secret_key() -> None:
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != "SECRET_KEY"}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "La clé secrète par défaut (SECRET_KEY) est publique" in result.stderr


def test_the_application_it_loads_is_frozen_out_of_the_garbage_collectors_sight() -> None:
    code = "import gc; before = gc.get_freeze_count(); import config.wsgi; print(before, gc.get_freeze_count())"
    before, after = map(int, run_python(code, PRODUCTION_ENV).stdout.split())
    assert before == 0 and after > 10_000


def test_the_application_server_refuses_to_start_with_the_default_secret_key() -> None:
    result = run_python("import config.wsgi", {"SITE_URL": "https://annuaire.example.org"}, check=False)
    assert result.returncode != 0
    assert "définissez la variable d'environnement SECRET_KEY" in result.stderr
    assert run_python("import config.wsgi", PRODUCTION_ENV).returncode == 0
    assert run_python("import config.wsgi", {"DEBUG": "true"}).returncode == 0


def test_an_https_site_gets_hsts_secure_cookies_and_trusts_the_proxy_header() -> None:
    expression = (
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_PROXY_SSL_HEADER, settings.CSRF_TRUSTED_ORIGINS"
    )
    assert setting(expression, PRODUCTION_ENV) == (
        "31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https') ['https://annuaire.example.org']"
    )
    assert setting(expression, {}) == "0 False False False None []"


def test_the_base_url_comes_from_the_environment() -> None:
    assert setting("settings.SITE_URL", {}) == "http://127.0.0.1:8000"
    assert setting("settings.SITE_URL", {"SITE_URL": "https://annuaire.example.org/"}) == "https://annuaire.example.org"


def test_postgresql_connections_persist_with_health_checks_and_a_statement_timeout() -> None:
    database = "settings.DATABASES['default']"
    expression = f"{database}['CONN_MAX_AGE'], {database}['CONN_HEALTH_CHECKS'], {database}['OPTIONS']"
    env = {"DATABASE_URL": "postgres://annuaire:secret@db.example.org:5432/annuaire"}
    assert setting(expression, env) == "60 True {'options': '-c statement_timeout=5000', 'prepare_threshold': 5}"


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them() -> None:
    env = {"DATABASE_URL": "postgres://annuaire:secret@db.example.org:5432/annuaire"}
    options = "settings.DATABASES['default']['OPTIONS']"
    assert setting(options, {**env, "DATABASE_PREPARED_STATEMENTS": "false"}) == (
        "{'options': '-c statement_timeout=5000'}"
    )


def test_sqlite_connections_persist_too() -> None:
    """Opening a SQLite connection costs about a millisecond, a tenth of a search (docs/adr/0042)."""
    database = "settings.DATABASES['default']"
    expression = f"{database}['CONN_MAX_AGE'], {database}['CONN_HEALTH_CHECKS'], {database}['ENGINE']"
    env = {"DATABASE_URL": "sqlite:////tmp/annuaire.sqlite3"}
    assert setting(expression, env) == "60 True django.db.backends.sqlite3"
    assert setting(f"{database}['CONN_MAX_AGE']", {**env, "CONN_MAX_AGE": "0"}) == "0"


def test_uploaded_documents_go_through_the_storage_api_to_a_folder_outside_the_web_root(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage, storages\n"
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        # The 404 page links its stylesheet and asks whether demo data is loaded.
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "call_command('migrate', interactive=False, verbosity=0)\n"
        "name = default_storage.save('justificatifs/charte.pdf', ContentFile(b'%PDF-1.4'))\n"
        "print(default_storage.path(name))\n"
        "print(','.join(c.__name__ for c in type(storages['staticfiles']).__mro__))\n"
        "print(Client().get('/media/' + name).status_code)\n"
    )
    path, static_storage, served = run_python(
        code,
        {
            "MEDIA_ROOT": str(tmp_path / "media"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    ).stdout.split()
    assert path.startswith(str(tmp_path / "media"))
    assert "CompressedManifestStaticFilesStorage" in static_storage.split(",")  # WhiteNoise's
    assert served == "404"


def test_an_s3_compatible_storage_is_a_setting_away() -> None:
    env = {"FILE_STORAGE_BACKEND": "storages.backends.s3.S3Storage", "S3_BUCKET_NAME": "annuaire-documents"}
    expression = "settings.STORAGES['default']['BACKEND'], settings.STORAGES['default']['OPTIONS']['bucket_name']"
    assert setting(expression, env) == "storages.backends.s3.S3Storage annuaire-documents"
