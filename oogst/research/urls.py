from django.urls import path

from oogst.research.views import consent, overview, practices

app_name = "research"
urlpatterns = [
    path("engagements/<int:engagement_id>/research-consent/", consent.consent, name="consent"),
    path(
        "engagements/<int:engagement_id>/good-practice/",
        practices.practice_propose,
        name="practice_propose",
    ),
    path("research/", overview.overview, name="overview"),
    path("research/export.<str:fmt>", overview.export, name="export"),
    path("research/practices/", practices.practices, name="practices"),
    path(
        "research/practices/<int:practice_id>/review/",
        practices.practice_review,
        name="practice_review",
    ),
]
