from django.urls import path

from oogst.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("language/", views.language, name="language"),
    path("profile/", views.profile, name="profile"),
    path("coaches/", views.coach_invite, name="coach_invite"),
    path("welcome/<str:uidb64>/<str:token>/", views.coach_welcome, name="coach_welcome"),
]
