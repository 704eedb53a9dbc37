"""Last resort under /api/v1/: any unknown address gets a JSON 404 in French.

Included in config/urls.py after every other `api/v1/...` route (order matters).
"""

from django.urls import re_path

from annuaire.api.views.not_found import UnknownAddressView

urlpatterns = [re_path(r"", UnknownAddressView.as_view(), name="api-unknown")]
