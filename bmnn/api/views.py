"""REST endpoints for agencies and people: the same queries and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api import serializers
from bmnn.core.params import parse_id
from bmnn.org import queries, services
from bmnn.plans import queries as plan_queries
from bmnn.plans import services as plan_services


@extend_schema_view(
    create=extend_schema(request=serializers.AgencyWriteSerializer),
    partial_update=extend_schema(request=serializers.AgencyUpdateSerializer),
)
class AgencyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.AgencySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return queries.agencies(
            self.request.user,
            search=params.get("q", ""),
            agency_type=params.get("type", ""),
            active=None,
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = serializers.AgencyWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agency = services.create_agency(actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        fresh = queries.agency(request.user, agency.pk)
        return Response(serializers.AgencySerializer(fresh).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agency = self.get_object()
        data = serializers.AgencyUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_agency(actor=request.user, agency=agency, **data.validated_data)  # type: ignore[arg-type]
        return Response(serializers.AgencySerializer(queries.agency(request.user, agency.pk)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


@extend_schema_view(partial_update=extend_schema(request=serializers.PersonUpdateSerializer))
class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.PersonSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        params = self.request.query_params
        agency = params.get("agency")
        return queries.people(
            self.request.user,
            search=params.get("q", ""),
            agency_id=parse_id(agency),
            role=params.get("role", ""),
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        data = serializers.PersonUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_person(actor=request.user, person=person, **data.validated_data)  # type: ignore[arg-type]
        fresh = queries.person(request.user, person.pk)
        if fresh is None:
            raise NotFound
        return Response(serializers.PersonSerializer(fresh).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans the caller may see; the detail carries the tasks with their "4 rõ" issues."""

    serializer_class = serializers.PlanSerializer

    def get_queryset(self) -> Any:
        return plan_queries.plans(
            self.request.user, status=self.request.query_params.get("status", "")
        )

    def get_serializer_class(self) -> Any:
        return (
            serializers.PlanDetailSerializer
            if self.action == "retrieve"
            else serializers.PlanSerializer
        )

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        plan = plan_services.issue_plan(actor=request.user, plan=self.get_object())  # type: ignore[arg-type]
        return Response(serializers.PlanSerializer(plan).data)


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Agencies' shares of tasks; an agency sees its own (and, where it leads, its coordinators')."""

    serializer_class = serializers.AssignmentSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        rows = plan_queries.assignments(self.request.user).order_by("pk")
        if plan_id := parse_id(params.get("plan")):
            rows = rows.filter(task__plan_id=plan_id)
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        return rows

    @extend_schema(request=None, responses=serializers.ProgressUpdateSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def updates(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        return Response(
            serializers.ProgressUpdateSerializer(
                plan_queries.updates_of(assignment), many=True
            ).data
        )

    @extend_schema(
        request=serializers.ProgressInputSerializer, responses=serializers.ProgressUpdateSerializer
    )
    @updates.mapping.post
    def post_update(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = serializers.ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        files = [(f.name or "", f.read()) for f in data.validated_data["evidence"]]
        update = plan_services.post_progress(
            actor=request.user,  # type: ignore[arg-type]
            assignment=assignment,
            status=data.validated_data["status"],
            note=data.validated_data["note"],
            files=files,
        )
        return Response(serializers.ProgressUpdateSerializer(update).data, status=201)

    @extend_schema(
        request=serializers.AssignmentReviewInputSerializer,
        responses=serializers.AssignmentSerializer,
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = serializers.AssignmentReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = plan_services.review_progress(
            actor=request.user,  # type: ignore[arg-type]
            assignment=assignment,
            **data.validated_data,
        )
        return Response(serializers.AssignmentSerializer(result).data)
