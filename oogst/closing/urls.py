from django.urls import path

from oogst.closing import views

app_name = "closing"
urlpatterns = [
    path("engagements/<int:engagement_id>/", views.engagement, name="engagement"),
]
