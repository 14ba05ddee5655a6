from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("oogst.accounts.urls")),
    path("", include("oogst.dashboard.urls")),
    path("", include("oogst.engagements.urls")),
    path("", include("oogst.contracting.urls")),
    path("", include("oogst.results.urls")),
    path("", include("oogst.closing.urls")),
    path("", include("oogst.research.urls")),
]
