from django.urls import path

from bmnn.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_new, name="new"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/agencies/<int:target_pk>/", views.target_checklist, name="target"),
    path("<int:pk>/conclude/", views.conclude, name="conclude"),
    path("<int:pk>/conclusion.docx", views.conclusion, name="conclusion"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("training/", views.training, name="training"),
    path("library/", views.library, name="library"),
    path("agencies/", views.readiness, name="readiness"),
    path("budget/", views.budget, name="budget"),
    path("budget/<int:pk>/decision/", views.budget_decision, name="budget_decision"),
    path("agencies/<int:agency_pk>/regulation/", views.regulation_file, name="regulation_file"),
]
