"""REST endpoints for plans and their assignments: an agency's share of a task, its progress
updates and their review — the same queries and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.params import parse_id
from bmnn.plans import queries as plan_queries
from bmnn.plans import services as plan_services
from bmnn.plans.models import Assignment, Evidence, Plan, ProgressUpdate, Status, Task, TaskParty


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "number",
            "issuer_name",
            "place",
            "date",
            "title",
            "legal_basis",
            "status",
            "issued_at",
            "signer",
        ]


class TaskPartySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = TaskParty
        fields = ["role", "agency", "group", "words", "name"]


class TaskSerializer(serializers.ModelSerializer):
    parties = TaskPartySerializer(many=True, read_only=True)
    issues = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "ref",
            *plan_services.TASK_FIELDS,
            "responsible",
            "parties",
            "issues",
        ]


class PlanDetailSerializer(PlanSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "tasks"]

    def get_tasks(self, plan: Plan) -> list[dict[str, Any]]:
        return TaskSerializer(plan_queries.tasks_of(plan), many=True).data  # type: ignore[return-value]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "size", "sha256", "content_type"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    author_name = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "status", "note", "period", "created_at", "author_name", "evidence"]


class AssignmentSerializer(serializers.ModelSerializer):
    task_ref = serializers.CharField(source="task.ref", read_only=True)
    plan = serializers.IntegerField(source="task.plan_id", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "plan",
            "task",
            "task_ref",
            "agency",
            "agency_name",
            "role",
            "status",
            "review",
            "review_note",
            "updated_at",
        ]


class ProgressInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class AssignmentReviewInputSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans the caller may see; the detail carries the tasks with their "4 rõ" issues."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> Any:
        return plan_queries.plans(
            self.request.user, status=self.request.query_params.get("status", "")
        )

    def get_serializer_class(self) -> Any:
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        plan = plan_services.issue_plan(actor=request.user, plan=self.get_object())  # type: ignore[arg-type]
        return Response(PlanSerializer(plan).data)


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Agencies' shares of tasks; an agency sees its own (and, where it leads, its coordinators')."""

    serializer_class = AssignmentSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        rows = plan_queries.assignments(self.request.user).order_by("pk")
        if plan_id := parse_id(params.get("plan")):
            rows = rows.filter(task__plan_id=plan_id)
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        return rows

    @extend_schema(request=None, responses=ProgressUpdateSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def updates(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        return Response(
            ProgressUpdateSerializer(plan_queries.updates_of(assignment), many=True).data
        )

    @extend_schema(request=ProgressInputSerializer, responses=ProgressUpdateSerializer)
    @updates.mapping.post
    def post_update(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        files = [(f.name or "", f.read()) for f in data.validated_data["evidence"]]
        update = plan_services.post_progress(
            actor=request.user,  # type: ignore[arg-type]
            assignment=assignment,
            status=data.validated_data["status"],
            note=data.validated_data["note"],
            files=files,
        )
        return Response(ProgressUpdateSerializer(update).data, status=201)

    @extend_schema(
        request=AssignmentReviewInputSerializer,
        responses=AssignmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = AssignmentReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = plan_services.review_progress(
            actor=request.user,  # type: ignore[arg-type]
            assignment=assignment,
            **data.validated_data,
        )
        return Response(AssignmentSerializer(result).data)
