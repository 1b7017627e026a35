"""Inspection endpoints: inspections and their checklist, findings with remediation and
verification, training, agency readiness, the legal library — the same services and queries
as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api.fields import IdField
from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.inspections import prefill, queries, services
from bmnn.inspections.models import (
    BudgetEstimate,
    Finding,
    Inspection,
    LegalDocument,
    Regulation,
    StaffDesignation,
    Target,
    TrainingSession,
)
from bmnn.org.models import Agency


class InspectionSerializer(serializers.ModelSerializer):
    agencies = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            *services.HEADING_FIELDS,
            "leader",
            "status",
            "checklist_version",
            "agencies",
        ]

    def get_agencies(self, inspection: Inspection) -> list[int]:
        return [t.agency_id for t in inspection.targets.all()]


@extend_schema_serializer(component_name="InspectionFinding")  # three apps have a FindingSerializer
class FindingSerializer(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="target.agency_id", read_only=True)
    inspection = serializers.IntegerField(source="target.inspection_id", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "inspection",
            "agency",
            "severity",
            "description",
            "rule",
            "responsible",
            "deadline",
            "status",
            "verified_at",
        ]


class TrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "agency",
            "kind",
            "title",
            "held_on",
            "audience",
            "participants",
            "materials",
        ]


class LegalDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalDocument
        fields = ["id", *services.LEGAL_FIELDS]


class TextInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class VerifyInput(serializers.Serializer):
    accept = serializers.BooleanField()
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class TrainingInput(serializers.Serializer):
    agency = IdField()
    kind = serializers.ChoiceField(choices=TrainingSession.Kind.choices)
    title = serializers.CharField(max_length=255)
    held_on = serializers.DateField()
    audience = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    participants = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=10_000_000),
        required=False,
        default=dict,
    )


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The request body as `serializer_class` reads it (a 400 naming each field it refuses)."""
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class InspectionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InspectionSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        # Only the targets the reader may see: an inspected agency is not told who else was.
        targets = policy.restrict_targets(self.request.user, Target.objects.all())
        return queries.inspections(self.request.user).prefetch_related(
            Prefetch("targets", queryset=targets)
        )

    @extend_schema(
        responses=None,
        parameters=[
            OpenApiParameter(
                "target",
                int,
                description=(
                    "An inspected agency's target id: the inspection team gets, per item, the answer BMNN's "
                    "records suggest (`suggested`: result and evidence, or null)."
                ),
            )
        ],
    )
    @action(detail=True, methods=["get"])
    def checklist(self, request: Request, pk: str | None = None) -> Response:
        inspection = self.get_object()
        rows = list(
            inspection.items.filter(removed=False).values(
                "id", "area_code", "area_title", "code", "text", "source"
            )
        )
        if "target" in request.query_params:
            targets = Target.objects.filter(
                inspection=inspection, pk=parse_id(request.query_params["target"]) or 0
            )
            target = policy.restrict_targets(request.user, targets.select_related("agency")).first()
            if target is None:
                raise NotFound
            if not policy.is_inspector_of(request.user, inspection):
                raise PermissionDenied
            suggested = prefill.suggestions(target, today=timezone.localdate())
            for row in rows:
                hint = suggested.get(row["code"])
                row["suggested"] = (
                    {"result": hint.result, "evidence": hint.evidence} if hint else None
                )
        return Response(rows)


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        rows = queries.findings(self.request.user).select_related("target")
        if self.request.query_params.get("late") == "1":
            rows = queries.overdue_findings(self.request.user)
        return rows.order_by("deadline", "pk")

    @extend_schema(request=TextInput, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def remediate(self, request: Request, pk: str | None = None) -> Response:
        text = _valid(TextInput, request)["text"]
        finding = self.get_object()
        services.post_remediation(actor=actor_of(request), finding=finding, text=text)
        finding.refresh_from_db()
        return Response(FindingSerializer(finding).data)

    @extend_schema(request=VerifyInput, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        values = _valid(VerifyInput, request)
        made = services.verify(actor=actor_of(request), finding=self.get_object(), **values)
        return Response(FindingSerializer(made).data)


# The rows of `queryset` of the agencies whose records the reader may see
# (policy.restrict_agency_records); no docstring, which the schema would give as every
# subclass's description.
class _AgencyRecordsViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        return policy.restrict_agency_records(self.request.user, super().get_queryset())


class TrainingViewSet(_AgencyRecordsViewSet):
    serializer_class = TrainingSerializer
    queryset = TrainingSession.objects.all()

    @extend_schema(request=TrainingInput, responses={201: TrainingSerializer})
    def create(self, request: Request) -> Response:
        values = _valid(TrainingInput, request)
        agency = Agency.objects.filter(pk=values.pop("agency"), is_active=True).first()
        if agency is None:
            raise NotFound
        made = services.record_training(actor=actor_of(request), agency=agency, **values)
        return Response(TrainingSerializer(made).data, status=201)

    @extend_schema(responses=None)
    @action(detail=False, methods=["get"])
    def readiness(self, request: Request) -> Response:
        """Regulation status, designated staff and training coverage per agency."""
        agencies = policy.restrict_agencies(request.user, Agency.objects.filter(is_active=True))
        rows = queries.agency_readiness(list(agencies.order_by("name")[:3000]))
        return Response(
            [
                {
                    "agency": r["agency"].pk,
                    "name": r["agency"].name,
                    "regulation": r["regulation_status"],
                    "regulation_late": r["regulation_late"],
                    "staff_designated": r["staff"],
                    "training_coverage": r["coverage"],
                }
                for r in rows
            ]
        )


class LegalDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The legal library; `?q=` searches without diacritics."""

    serializer_class = LegalDocumentSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return queries.library(params.get("q", ""), params.get("kind", ""))


class RegulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Regulation
        fields = [
            "id",
            "agency",
            "status",
            "document_number",
            "issued_on",
            "review_due",
            "file_name",
        ]


class RegulationInput(serializers.Serializer):
    agency = IdField()
    status = serializers.ChoiceField(choices=Regulation.Status.choices)
    document_number = serializers.CharField(
        max_length=128, required=False, allow_blank=True, default=""
    )
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    review_due = serializers.DateField(required=False, allow_null=True, default=None)


class DesignationSerializer(serializers.ModelSerializer):
    class Meta:
        model = StaffDesignation
        fields = ["id", "agency", "person", "mode", "decision", "decided_on", "ended_on"]


class DesignationInput(serializers.Serializer):
    agency = IdField()
    person = IdField()
    mode = serializers.ChoiceField(choices=StaffDesignation.Mode.choices)
    decision = serializers.CharField(max_length=128)
    decided_on = serializers.DateField()


class BudgetSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField()

    class Meta:
        model = BudgetEstimate
        fields = [
            "id",
            "year",
            "status",
            "submitted_on",
            "appraised_by",
            "decision",
            "decided_on",
            "lines",
        ]

    def get_lines(self, estimate: BudgetEstimate) -> list[dict[str, Any]]:
        return [
            {
                "item": line.item,
                "requested": int(line.requested),
                "allocated": None if line.allocated is None else int(line.allocated),
            }
            for line in estimate.lines.all()
        ]


def _own_agency(request: Request, pk: int) -> Agency:
    rows = Agency.objects.filter(pk=pk, is_active=True)
    agency = policy.restrict_agencies(request.user, rows).first()
    if agency is None:
        raise NotFound
    return agency


class RegulationViewSet(_AgencyRecordsViewSet):
    serializer_class = RegulationSerializer
    queryset = Regulation.objects.order_by("agency__name")

    # Sets the agency's one regulation record (created or updated): 200, not 201.
    @extend_schema(request=RegulationInput, responses={200: RegulationSerializer})
    def create(self, request: Request) -> Response:
        values = _valid(RegulationInput, request)
        made = services.set_regulation(
            actor=actor_of(request), agency=_own_agency(request, values.pop("agency")), **values
        )
        return Response(RegulationSerializer(made).data)


class DesignationViewSet(_AgencyRecordsViewSet):
    serializer_class = DesignationSerializer
    queryset = StaffDesignation.objects.all()

    @extend_schema(request=DesignationInput, responses={201: DesignationSerializer})
    def create(self, request: Request) -> Response:
        values = _valid(DesignationInput, request)
        agency = _own_agency(request, values.pop("agency"))
        membership = (
            agency.memberships.filter(person_id=values.pop("person"), is_active=True)
            .select_related("person")
            .first()
        )
        if membership is None:
            raise NotFound
        made = services.designate_staff(
            actor=actor_of(request), agency=agency, person=membership.person, **values
        )
        return Response(DesignationSerializer(made).data, status=201)


class BudgetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        if not policy.can_plan_inspections(self.request.user):
            raise PermissionDenied
        rows = policy.restrict_budgets(self.request.user, BudgetEstimate.objects.all())
        return rows.prefetch_related("lines")
