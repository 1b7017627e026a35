from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bmnn.api import devices, incidents, inspections, org, plans, registry, reports, scanner
from bmnn.api.routers import Router

app_name = "api"
router = Router()
router.register("agencies", org.AgencyViewSet, basename="agency")
router.register("people", org.PersonViewSet, basename="person")
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("assignments", plans.AssignmentViewSet, basename="assignment")
router.register("secret-items", registry.SecretItemViewSet, basename="secret-item")
router.register("secret-files", registry.ItemFileViewSet, basename="secret-file")
router.register("secret-copies", registry.CopyViewSet, basename="secret-copy")
router.register("transfers", registry.TransferViewSet, basename="transfer")
router.register("carry-outs", registry.CarryOutViewSet, basename="carry-out")
router.register("meetings", registry.MeetingViewSet, basename="meeting")
router.register("register-books", registry.RegisterBookViewSet, basename="register-book")
router.register("scan", scanner.ScanViewSet, basename="scan")
router.register("findings", scanner.FindingViewSet, basename="finding")
router.register("portals", scanner.PortalViewSet, basename="portal")
router.register("inspections", inspections.InspectionViewSet, basename="inspection")
router.register("inspection-findings", inspections.FindingViewSet, basename="inspection-finding")
router.register("trainings", inspections.TrainingViewSet, basename="training")
router.register("library", inspections.LegalDocumentViewSet, basename="legal-document")
router.register("regulations", inspections.RegulationViewSet, basename="regulation")
router.register("designations", inspections.DesignationViewSet, basename="designation")
router.register("budgets", inspections.BudgetViewSet, basename="budget")
router.register("devices", devices.DeviceViewSet, basename="device")
router.register("media", devices.MediumViewSet, basename="medium")
router.register("independent-lans", devices.LanViewSet, basename="independent-lan")
router.register("device-findings", devices.DeviceFindingViewSet, basename="device-finding")
router.register("incidents", incidents.IncidentViewSet, basename="incident")
router.register("report-periods", reports.PeriodViewSet, basename="report-period")
router.register("report-requests", reports.RequestViewSet, basename="report-request")
router.register("report-submissions", reports.SubmissionViewSet, basename="report-submission")
router.register("province-reports", reports.ProvinceReportViewSet, basename="province-report")

urlpatterns = [
    # Both need a login (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): the schema answers 401 like
    # the rest of the API, the documentation page sends a person to the login page.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI styles itself inline; its scripts stay 'self' (the split view serves them).
    path(
        "docs/",
        login_required(
            csp_update({"style-src": [UNSAFE_INLINE]})(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api:schema", template_name="api/docs.html"
                )
            )
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
