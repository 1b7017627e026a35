from django.urls import path

from bmnn.core import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/poll/", views.notification_poll, name="notification_poll"),
]
