"""The database's own index for free-text search (docs/adr/0030-full-text-search.md):
an FTS5 trigram table kept by triggers on SQLite, a pg_trgm GIN index on PostgreSQL."""

from typing import Any

from django.db import migrations

from annuaire.directory.fulltext import create_index, drop_index


def forwards(apps: Any, schema_editor: Any) -> None:
    create_index(schema_editor)


def backwards(apps: Any, schema_editor: Any) -> None:
    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_notice")]

    operations = [migrations.RunPython(forwards, backwards)]
