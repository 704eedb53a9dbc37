"""The site's addresses, with a public page that puts the CSRF token in an htmx header."""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from config.urls import urlpatterns as site


def token_in_a_header(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<body hx-headers=\'{{"X-CSRFToken": "{get_token(request)}"}}\'></body>')


urlpatterns = [path("a-propos/", token_in_a_header), *site]
