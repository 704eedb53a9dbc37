from pathlib import Path

import pytest
from django.test import Client

from annuaire.opendata.export import export_opendata
from tests.directory.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_open_data_page_lists_the_generated_files_with_size_date_and_link(
    client: Client, opendata_dir: Path
) -> None:
    OfferFactory()
    export_opendata()
    response = client.get("/donnees-ouvertes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="/donnees-ouvertes/offres.csv"' in html
    assert 'href="/donnees-ouvertes/offres.schema.json"' in html
    assert "Licence Ouverte" in html and "La Poste" in html
    assert "<time datetime=" in html
    assert "octets" in html or "Kio" in html


def test_the_page_says_in_french_when_nothing_is_generated_yet(client: Client, opendata_dir: Path) -> None:
    response = client.get("/donnees-ouvertes/")
    assert response.status_code == 200
    assert "pas encore été générés" in response.content.decode()


def test_a_generated_file_is_downloaded_with_its_media_type(client: Client, opendata_dir: Path) -> None:
    OfferFactory(title="Téléchargée")
    export_opendata()
    response = client.get("/donnees-ouvertes/offres.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Téléchargée" in b"".join(response.streaming_content).decode()
    assert client.get("/donnees-ouvertes/offres.geojson")["Content-Type"].startswith("application/geo+json")


def test_a_file_not_generated_yet_is_a_french_404(client: Client, opendata_dir: Path) -> None:
    response = client.get("/donnees-ouvertes/offres.csv")
    assert response.status_code == 404
    assert "pas encore été généré" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["notes.txt", "..%2F..%2Fconfig%2Fsettings.py", "%2Fetc%2Fpasswd", ".offres.csv.abc.tmp", "offres.CSV"],
)
def test_only_the_published_files_are_served_no_path_traversal(client: Client, opendata_dir: Path, name: str) -> None:
    export_opendata()
    (opendata_dir / "notes.txt").write_text("secret", encoding="utf-8")
    response = client.get(f"/donnees-ouvertes/{name}")
    assert response.status_code == 404
    assert b"secret" not in response.content
