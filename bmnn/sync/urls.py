from django.urls import path

from bmnn.sync import views

app_name = "sync"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("receive/", views.receive, name="receive"),
    path("trust/", views.trust, name="trust"),
    path("peers/<id:pk>/", views.peer_detail, name="peer"),
    path("peers/<id:pk>/export/", views.export, name="export"),
    path("peers/<id:pk>/revoke/", views.revoke, name="revoke"),
    path("outbox/<id:pk>/download/", views.download, name="download"),
]
