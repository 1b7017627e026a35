"""REST endpoints for agencies and people: the same queries and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.params import parse_id
from bmnn.org import queries, services
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role


class KeyPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="person.id")
    full_name = serializers.CharField(source="person.full_name")
    role = serializers.ChoiceField(choices=Role.choices)


class AgencySerializer(serializers.ModelSerializer):
    key_people = KeyPersonSerializer(source="key_memberships", many=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "type",
            "parent",
            "is_active",
            "address",
            "phone",
            "key_people",
        ]


class AgencyWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    short_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    code = serializers.SlugField(max_length=64)
    type = serializers.ChoiceField(choices=AgencyType.choices)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Agency.objects.all(), required=False, allow_null=True
    )
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)


class AgencyUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False)
    short_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class MembershipSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "agency", "agency_name", "role", "is_active", "since"]


class PersonSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(source="visible_memberships", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "position",
            "phone",
            "clearance",
            "is_active",
            "memberships",
        ]


class PersonUpdateSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    position = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)


@extend_schema_view(
    create=extend_schema(request=AgencyWriteSerializer),
    partial_update=extend_schema(request=AgencyUpdateSerializer),
)
class AgencyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AgencySerializer
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
        data = AgencyWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agency = services.create_agency(actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        fresh = queries.agency(request.user, agency.pk)
        return Response(AgencySerializer(fresh).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agency = self.get_object()
        data = AgencyUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_agency(actor=request.user, agency=agency, **data.validated_data)  # type: ignore[arg-type]
        return Response(AgencySerializer(queries.agency(request.user, agency.pk)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


@extend_schema_view(partial_update=extend_schema(request=PersonUpdateSerializer))
class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PersonSerializer
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
        data = PersonUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_person(actor=request.user, person=person, **data.validated_data)  # type: ignore[arg-type]
        fresh = queries.person(request.user, person.pk)
        if fresh is None:
            raise NotFound
        return Response(PersonSerializer(fresh).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)
