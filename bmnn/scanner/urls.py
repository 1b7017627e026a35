from django.urls import path

from bmnn.scanner import views

app_name = "scanner"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("check/", views.check, name="check"),
    path("portals/new/", views.portal_edit, name="portal_new"),
    path("portals/<id:pk>/", views.portal_detail, name="portal"),
    path("portals/<id:pk>/edit/", views.portal_edit, name="portal_edit"),
    path("portals/<id:pk>/scan/", views.portal_scan, name="portal_scan"),
    path("findings/<id:pk>/", views.finding_detail, name="finding"),
    path("import/", views.import_bundle, name="import"),
]
