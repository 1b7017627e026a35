from django.urls import path

from bmnn.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_new, name="new"),
    path("import/", views.import_plan, name="plan_import"),
    path("<id:pk>/", views.inspection_detail, name="detail"),
    path("<id:pk>/agencies/<id:target_pk>/", views.target_checklist, name="target"),
    path("<id:pk>/conclude/", views.conclude, name="conclude"),
    path("<id:pk>/conclusion.docx", views.conclusion, name="conclusion"),
    path("findings/<id:pk>/", views.finding_detail, name="finding"),
    path("training/", views.training, name="training"),
    path("library/", views.library, name="library"),
    path("agencies/", views.readiness, name="readiness"),
    path("budget/", views.budget, name="budget"),
    path("budget/<id:pk>/decision/", views.budget_decision, name="budget_decision"),
    path("agencies/<id:agency_pk>/regulation/", views.regulation_file, name="regulation_file"),
]
