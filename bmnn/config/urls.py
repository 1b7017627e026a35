from django.urls import include, path

urlpatterns = [
    path("accounts/", include("bmnn.accounts.urls")),
    path("api/", include("bmnn.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("plans/", include("bmnn.plans.urls")),
    path("registry/", include("bmnn.registry.urls")),
    path("scanner/", include("bmnn.scanner.urls")),
    path("inspections/", include("bmnn.inspections.urls")),
    path("devices/", include("bmnn.devices.urls")),
    path("reports/", include("bmnn.reports.urls")),
    path("sync/", include("bmnn.sync.urls")),
    path("", include("bmnn.core.urls")),
    path("", include("bmnn.org.urls")),
    path("", include("bmnn.web.urls")),
]

handler400 = "bmnn.web.views.bad_request"
handler403 = "bmnn.web.views.permission_denied"
handler404 = "bmnn.web.views.page_not_found"
handler500 = "bmnn.web.views.server_error"
