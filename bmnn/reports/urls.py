from django.urls import path

from bmnn.reports.views import incidents, periods

app_name = "reports"
urlpatterns = [
    path("", periods.period_list, name="periods"),
    path("periods/new/", periods.period_new, name="period_new"),
    path("periods/<id:pk>/", periods.period_detail, name="period"),
    path("periods/<id:pk>/agencies/<id:agency>/", periods.submission, name="submission"),
    path(
        "periods/<id:pk>/agencies/<id:agency>/<str:fmt>/",
        periods.submission_file,
        name="submission_file",
    ),
    path("periods/<id:pk>/province/", periods.province_report, name="province"),
    path("periods/<id:pk>/province/<str:fmt>/", periods.province_file, name="province_file"),
    path("imports/", periods.imports, name="imports"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/new/", incidents.incident_new, name="incident_new"),
    path("incidents/<id:pk>/", incidents.incident_detail, name="incident"),
]
