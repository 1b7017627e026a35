from django.urls import path

from bmnn.org import views

app_name = "org"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/export.csv", views.agency_export, name="agency_export"),
    path("agencies/<id:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<id:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<id:agency_pk>/people/new/", views.person_create, name="person_create"),
    path("groups/", views.group_list, name="group_list"),
    path("people/", views.person_list, name="person_list"),
    path("people/export.csv", views.person_export, name="person_export"),
    path("people/<id:pk>/", views.person_detail, name="person_detail"),
    path("people/<id:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<id:pk>/clearance/", views.person_grant_clearance, name="person_clearance"),
    path("people/<id:pk>/roles/", views.person_add_membership, name="person_add_membership"),
    path("memberships/<id:pk>/end/", views.membership_end, name="membership_end"),
]
