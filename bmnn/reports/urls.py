from django.urls import path

from bmnn.reports import period_views, views

app_name = "reports"
urlpatterns = [
    path("", period_views.period_list, name="periods"),
    path("periods/new/", period_views.period_new, name="period_new"),
    path("periods/<id:pk>/", period_views.period_detail, name="period"),
    path("periods/<id:pk>/agencies/<id:agency>/", period_views.submission, name="submission"),
    path(
        "periods/<id:pk>/agencies/<id:agency>/<str:fmt>/",
        period_views.submission_file,
        name="submission_file",
    ),
    path("periods/<id:pk>/province/", period_views.province_report, name="province"),
    path("periods/<id:pk>/province/<str:fmt>/", period_views.province_file, name="province_file"),
    path("imports/", period_views.imports, name="imports"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<id:pk>/", views.incident_detail, name="incident"),
]
