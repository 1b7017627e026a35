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
from bmnn.core.services import actor_of
from bmnn.org import queries, services
from bmnn.org.models import Agency
from bmnn.plans import queries as plan_queries
from bmnn.plans import services as plan_services
from bmnn.registry import queries as registry_queries
from bmnn.registry import services as registry_services


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
            agency_id=int(agency) if agency and agency.isdigit() else None,
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
        if params.get("plan", "").isdigit():
            rows = rows.filter(task__plan_id=int(params["plan"]))
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        return rows

    @extend_schema(request=None, responses=serializers.ProgressUpdateSerializer(many=True))
    @action(detail=True, methods=["get"])
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
        request=serializers.ReviewInputSerializer, responses=serializers.AssignmentSerializer
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        data = serializers.ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = plan_services.review_progress(
            actor=request.user,  # type: ignore[arg-type]
            assignment=assignment,
            **data.validated_data,
        )
        return Response(serializers.AssignmentSerializer(result).data)


class SecretItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Secret items the caller may read (clearance and need-to-know); each detail read is audited."""

    serializer_class = serializers.SecretItemSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return registry_queries.items(
            self.request.user,
            search=params.get("q", ""),
            level=params.get("level", ""),
            status=params.get("status", ""),
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = list(page) if page is not None else []
        registry_services.record_list_read(
            actor=actor_of(request), items=rows, where=request.get_full_path()[:200]
        )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        registry_services.record_read(actor=request.user, item=item)  # type: ignore[arg-type]
        return Response(self.get_serializer(item).data)

    @extend_schema(
        request=serializers.IncomingInputSerializer, responses=serializers.SecretItemSerializer
    )
    @action(detail=False, methods=["post"])
    def incoming(self, request: Request) -> Response:
        """Registers an incoming item in the agency's incoming book (same service as the page)."""
        data = serializers.IncomingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency = Agency.objects.filter(pk=values.pop("agency"), is_active=True).first()
        if agency is None:
            raise NotFound
        entry = registry_services.register_incoming(actor=request.user, agency=agency, **values)  # type: ignore[arg-type]
        return Response(serializers.SecretItemSerializer(entry.item).data, status=201)

    @extend_schema(
        request=serializers.DecisionInputSerializer, responses=serializers.SecretItemSerializer
    )
    @action(detail=True, methods=["post"])
    def declassify(self, request: Request, pk: str | None = None) -> Response:
        """Declassifies by decision (the classifier) or records the classifier's notice (a holder)."""
        item = self.get_object()
        data = serializers.DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if item.origin == "received":
            result = registry_services.record_declassification_notice(
                actor=request.user,  # type: ignore[arg-type]
                item=item,
                notice=data.validated_data["decision"],
                decided_on=data.validated_data["decided_on"],
            )
        else:
            result = registry_services.declassify(
                actor=actor_of(request), item=item, **data.validated_data
            )
        return Response(serializers.SecretItemSerializer(result).data)
