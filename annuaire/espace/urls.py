"""The back office under /espace/. Other features add their own url modules under /espace/
(see config/urls.py); signing in is at /compte/ (django-allauth). Every URL must be
declared in tests/espace/test_authorisation_matrix.py."""

from django.urls import path

from annuaire.espace.views import home, journal, queue, review

app_name = "espace"

urlpatterns = [
    path("", home.dashboard, name="dashboard"),
    path("a-valider/", queue.review_queue, name="queue"),
    path("a-valider/valider-la-selection/", queue.bulk_approve, name="bulk_approve"),
    path("offres/<int:pk>/", review.offer_review, name="offer_review"),
    path("offres/<int:pk>/decision/", review.offer_decide, name="offer_decide"),
    path("journal/", journal.journal, name="journal"),
]
