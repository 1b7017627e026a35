from django.urls import path

from bmnn.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.plan_import, name="plan_import"),
    path("my/", views.my_tasks, name="my_tasks"),
    path("matrix/", views.matrix, name="matrix"),
    path("<id:pk>/", views.plan_detail, name="plan_detail"),
    path("<id:pk>/source/", views.plan_source, name="plan_source"),
    path("<id:pk>/export.xlsx", views.plan_export_xlsx, name="plan_xlsx"),
    path("<id:pk>/report.docx", views.plan_report_docx, name="plan_docx"),
    path("<id:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("<id:pk>/close/", views.plan_close, name="plan_close"),
    path("tasks/<id:pk>/edit/", views.task_edit, name="task_edit"),
    path("assignments/<id:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<id:pk>/review/", views.assignment_review, name="assignment_review"),
    path("evidence/<id:pk>/", views.evidence_download, name="evidence"),
]
