"""/admin/ is for technical superusers only (config/admin_site.py): coordinators and
administrators of the network work in the back office, /espace/."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/admin/", "/admin/directory/structure/", "/admin/imports/importrun/importer/"]


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_with_every_permission() -> User:
    user = User.objects.create_user("coordinatrice", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.mark.parametrize("url", PAGES)
def test_staff_who_are_not_superusers_get_the_admin_login_page_even_with_every_permission(url: str, db: Any) -> None:
    response = logged_in(staff_with_every_permission()).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_signing_in_at_the_admin_login_does_not_let_staff_in(db: Any) -> None:
    staff_with_every_permission()
    response = Client().post("/admin/login/?next=/admin/", {"username": "coordinatrice", "password": "x"}, follow=True)
    assert response.request["PATH_INFO"] == "/admin/login/"
    assert "app_list" not in response.context


def test_an_inactive_superuser_gets_no_access(db: Any) -> None:
    user = User.objects.create_superuser("ancien", password="x")
    user.is_active = False
    user.save()
    response = logged_in(user).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", PAGES)
def test_a_superuser_gets_in(url: str, db: Any) -> None:
    response = logged_in(User.objects.create_superuser("technicien", password="x")).get(url)
    assert response.status_code == 200
