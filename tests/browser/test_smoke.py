import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_chromium_opens_the_site(live_server, desktop) -> None:
    desktop.goto(live_server.url + "/")
    assert "Annuaire SOS" in desktop.content()
