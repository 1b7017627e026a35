from django.urls import path

from bmnn.devices import views

app_name = "devices"
urlpatterns = [
    path("", views.device_list, name="list"),
    path("new/", views.device_new, name="new"),
    path("agent/", views.agent, name="agent"),
    path("<id:pk>/", views.device_detail, name="device"),
    path("<id:pk>/edit/", views.device_edit, name="edit"),
    path("media/", views.media, name="media"),
]
