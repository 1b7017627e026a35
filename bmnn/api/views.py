"""REST endpoints for agencies and people: the same queries and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api import serializers
from bmnn.org import queries, services


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
