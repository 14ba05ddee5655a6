from django.urls import path

from oogst.engagements import views

app_name = "engagements"
urlpatterns = [
    path("engagements/new/", views.start, name="start"),
    path("engagements/<int:engagement_id>/intake/", views.intake, name="intake"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
