"""Reporting endpoints: periods and ad-hoc requests, agencies' submissions through their whole
workflow, and the province's report (build, edit, DOCX/XLSX). Every action goes through the same
services as the pages; ids outside the caller's view are 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api.fields import IdField
from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.org.models import Agency, AgencyGroup
from bmnn.reports import figures, province, services
from bmnn.reports.models import ProvinceReport, ReportingPeriod, Submission


class PeriodSerializer(serializers.ModelSerializer):
    targets: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", *services.PERIOD_FIELDS, "targets", "status", "created_at"]


class PeriodInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportingPeriod.Kind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    part = serializers.IntegerField(min_value=1, max_value=4, default=1)
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    window_start = serializers.DateField(required=False, allow_null=True, default=None)
    window_end = serializers.DateField(required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    agencies = serializers.ListField(child=IdField(), required=False, default=list)
    groups = serializers.ListField(child=IdField(), required=False, default=list)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=2000), required=False, default=list
    )


class PeriodChange(serializers.Serializer):
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(
        choices=ReportingPeriod.Status.choices, required=False, allow_null=True, default=None
    )


class SubmissionSerializer(serializers.ModelSerializer):
    figures = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "period",
            "agency",
            "state",
            "situation",
            "shortcomings",
            "lessons",
            "proposals",
            "answers",
            "figures",
            "figures_filled_at",
            "drafted_by",
            "signed_by",
            "signed_at",
            "first_sent_at",
            "accepted_by",
            "accepted_at",
            "revision",
            "events",
        ]

    def get_figures(self, submission: Submission) -> list[dict[str, Any]]:
        return [
            {
                "key": row["key"],
                "label": str(row["label"]),
                "level": row["level"],
                "value": row["value"],
                "auto": row["auto"],
                "reason": row["reason"],
                "source": str(row["source"]),
            }
            for row in figures.rows_for_display(submission.figures)
        ]

    def get_events(self, submission: Submission) -> list[dict[str, Any]]:
        return [
            {"action": e.action, "actor": e.actor_id, "at": e.at.isoformat(), "comment": e.comment}
            for e in submission.events.all()
        ]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer
    lookup_value_regex = r"\d+"
    ad_hoc: bool | None = None

    def get_queryset(self) -> Any:
        rows = ReportingPeriod.objects.prefetch_related("targets")
        if self.ad_hoc is not None:
            rows = rows.filter(kind="ad_hoc") if self.ad_hoc else rows.exclude(kind="ad_hoc")
        return policy.restrict_periods(self.request.user, rows)

    @extend_schema(request=PeriodInput, responses={201: PeriodSerializer})
    def create(self, request: Request) -> Response:
        data = PeriodInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if self.ad_hoc:
            values["kind"] = ReportingPeriod.Kind.AD_HOC
        values["agencies"] = list(Agency.objects.filter(pk__in=values["agencies"], is_active=True))
        values["groups"] = list(AgencyGroup.objects.filter(pk__in=values["groups"]))
        period = services.create_period(actor=actor_of(request), **values)
        return Response(PeriodSerializer(period).data, status=201)

    @extend_schema(request=PeriodChange, responses=PeriodSerializer)
    @action(detail=True, methods=["post"])
    def change(self, request: Request, pk: str | None = None) -> Response:
        data = PeriodChange(data=request.data)
        data.is_valid(raise_exception=True)
        period = services.change_period(
            actor=actor_of(request), period=self.get_object(), **data.validated_data
        )
        return Response(PeriodSerializer(period).data)

    @extend_schema(request=None, responses={201: SubmissionSerializer})
    @action(detail=True, methods=["post"], url_path=r"start/(?P<agency>\d+)")
    def start(self, request: Request, pk: str | None = None, agency: str | None = None) -> Response:
        """Starts (or returns) the agency's report for this period, figures filled."""
        found = policy.restrict_agencies(
            request.user, Agency.objects.filter(pk=int(agency or 0))
        ).first()
        if found is None:
            raise NotFound
        submission = services.start_submission(
            actor=actor_of(request), period=self.get_object(), agency=found
        )
        return Response(SubmissionSerializer(submission).data, status=201)


class RequestViewSet(PeriodViewSet):
    """Ad-hoc requests: periods of kind ad_hoc sent to chosen agencies and groups."""

    ad_hoc = True


class CorrectionInput(serializers.Serializer):
    value = serializers.IntegerField(min_value=0, max_value=10_000_000)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SaveInput(serializers.Serializer):
    revision = serializers.IntegerField()
    situation = serializers.CharField(max_length=50_000, required=False, allow_blank=True)
    shortcomings = serializers.CharField(max_length=50_000, required=False, allow_blank=True)
    lessons = serializers.CharField(max_length=50_000, required=False, allow_blank=True)
    proposals = serializers.CharField(max_length=50_000, required=False, allow_blank=True)
    answers = serializers.ListField(
        child=serializers.CharField(max_length=20_000, allow_blank=True), required=False
    )
    figures = serializers.DictField(child=CorrectionInput(), required=False, default=dict)


class SubmissionReviewInput(serializers.Serializer):
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class SubmissionSendBackInput(serializers.Serializer):
    """What the officer must change (a blank reason is refused by the service, as on the page)."""

    comment = serializers.CharField(max_length=5000, allow_blank=True)


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SubmissionSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        rows = policy.restrict_submissions(
            self.request.user, Submission.objects.prefetch_related("events")
        )
        params = self.request.query_params
        if period_id := parse_id(params.get("period")):
            rows = rows.filter(period_id=period_id)
        if params.get("state"):
            rows = rows.filter(state=params["state"])
        return rows

    def _done(self, submission: Submission) -> Response:
        return Response(SubmissionSerializer(Submission.objects.get(pk=submission.pk)).data)

    @extend_schema(request=SaveInput, responses=SubmissionSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = SaveInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        corrections = {
            key: (entry["value"], entry["reason"]) for key, entry in values.pop("figures").items()
        }
        submission = services.save_submission(
            actor=actor_of(request), submission=self.get_object(), corrections=corrections, **values
        )
        return self._done(submission)

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._done(services.submit(actor=actor_of(request), submission=self.get_object()))

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str | None = None) -> Response:
        return self._done(services.sign(actor=actor_of(request), submission=self.get_object()))

    @extend_schema(request=SubmissionSendBackInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        """The head returns a report awaiting the signature to the officer, with the reason; the
        service decides who may."""
        data = SubmissionSendBackInput(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.send_back(
            actor=actor_of(request),
            submission=self.get_object(),
            comment=data.validated_data["comment"],
        )
        return self._done(submission)

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def refill(self, request: Request, pk: str | None = None) -> Response:
        return self._done(
            services.refill_figures(actor=actor_of(request), submission=self.get_object())
        )

    @extend_schema(request=SubmissionReviewInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._review(request, accept=True)

    @extend_schema(request=SubmissionReviewInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._review(request, accept=False)

    def _review(self, request: Request, *, accept: bool) -> Response:
        data = SubmissionReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.review(
            actor=actor_of(request),
            submission=self.get_object(),
            accept=accept,
            comment=data.validated_data["comment"],
        )
        return self._done(submission)


class ProvinceReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProvinceReport
        fields = [
            "id",
            "period",
            *province.HEADER_FIELDS,
            *province.NARRATIVE,
            "data",
            "built_at",
            "revision",
        ]


class ProvinceEdit(serializers.Serializer):
    revision = serializers.IntegerField()
    issuer_parent = serializers.CharField(max_length=255, required=False)
    issuer = serializers.CharField(max_length=255, required=False)
    number = serializers.CharField(max_length=64, required=False)
    place = serializers.CharField(max_length=64, required=False)
    day = serializers.DateField(required=False)
    summary = serializers.CharField(max_length=500, required=False)
    recipients = serializers.CharField(max_length=4000, required=False)
    signer_title = serializers.CharField(max_length=255, required=False)
    signer_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    situation = serializers.CharField(max_length=200_000, required=False, allow_blank=True)
    shortcomings = serializers.CharField(max_length=200_000, required=False, allow_blank=True)
    lessons = serializers.CharField(max_length=200_000, required=False, allow_blank=True)
    proposals = serializers.CharField(max_length=200_000, required=False, allow_blank=True)


class ProvinceReportViewSet(viewsets.ReadOnlyModelViewSet):
    """The province's report of a period (its id is the period's id)."""

    serializer_class = ProvinceReportSerializer
    lookup_value_regex = r"\d+"

    def _allowed(self) -> None:
        if not policy.can_manage_reporting(self.request.user):
            raise PermissionDenied

    def get_queryset(self) -> Any:
        # The read path is the policy's alone: others see an empty list and 404.
        return policy.restrict_province_reports(self.request.user, ProvinceReport.objects.all())

    def get_object(self) -> ProvinceReport:
        report = self.get_queryset().filter(period_id=self.kwargs["pk"]).first()
        if report is None:
            raise NotFound
        return report

    @extend_schema(request=None, responses=ProvinceReportSerializer)
    @action(detail=True, methods=["post"])
    def build(self, request: Request, pk: str | None = None) -> Response:
        self._allowed()
        period = ReportingPeriod.objects.filter(pk=int(pk or 0)).first()
        if period is None:
            raise NotFound
        return Response(
            ProvinceReportSerializer(province.build(actor=actor_of(request), period=period)).data
        )

    @extend_schema(request=ProvinceEdit, responses=ProvinceReportSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = ProvinceEdit(data=request.data)
        data.is_valid(raise_exception=True)
        report = province.update(
            actor=actor_of(request), report=self.get_object(), **data.validated_data
        )
        return Response(ProvinceReportSerializer(report).data)

    @extend_schema(responses={200: bytes})
    @action(detail=True, methods=["get"], url_path=r"file/(?P<fmt>docx|xlsx)")
    def file(self, request: Request, pk: str | None = None, fmt: str = "docx") -> HttpResponse:
        report = self.get_object()
        content = province.xlsx(report) if fmt == "xlsx" else province.docx(report)
        province.record_export(actor=actor_of(request), report=report, fmt=fmt)
        kind = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if fmt == "xlsx"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response = HttpResponse(content, content_type=kind)
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-{report.period.year}.{fmt}"'
        )
        return response
