"""The 500 page: the site's layout without touching the database (it may be the cause)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponse:
    context = {"SITE_NAME": settings.SITE_NAME, "NETWORK_NAME": settings.NETWORK_NAME}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
