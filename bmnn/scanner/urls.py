from django.urls import path

from bmnn.scanner import views

app_name = "scanner"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("check/", views.check, name="check"),
    path("portals/new/", views.portal_edit, name="portal_new"),
    path("portals/<int:pk>/", views.portal_detail, name="portal"),
    path("portals/<int:pk>/edit/", views.portal_edit, name="portal_edit"),
    path("portals/<int:pk>/scan/", views.portal_scan, name="portal_scan"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("import/", views.import_bundle, name="import"),
]
