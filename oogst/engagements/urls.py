from django.urls import path

from oogst.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.home, name="home"),
]
