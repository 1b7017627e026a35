"""Incident endpoints: list and read what the caller may see, file one, add a follow-up step."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api.fields import IdField
from bmnn.core import policy
from bmnn.core.services import actor_of
from bmnn.org.models import Agency, Level
from bmnn.reports import services
from bmnn.reports.models import Incident


class IncidentSerializer(serializers.ModelSerializer):
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id",
            "agency",
            "what",
            "level",
            "found_at",
            "channel",
            "scope",
            "measures",
            "source",
            "source_ref",
            "status",
            "reported_by",
            "reported_at",
            "closed_at",
            "steps",
        ]

    def get_steps(self, incident: Incident) -> list[dict[str, Any]]:
        return [
            {
                "text": s.text,
                "author": s.author_id,
                "at": s.created_at.isoformat(),
                "closes": s.closes,
            }
            for s in incident.steps.all()
        ]


class IncidentInput(serializers.Serializer):
    agency = IdField()
    what = serializers.CharField(max_length=4000)
    level = serializers.ChoiceField(choices=[("", "—"), *Level.choices], required=False, default="")
    found_at = serializers.DateTimeField()
    channel = serializers.ChoiceField(choices=Incident.Channel.choices)
    scope = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    measures = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class StepInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)
    close = serializers.BooleanField(default=False)


class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IncidentSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        rows = policy.restrict_incidents(
            self.request.user, Incident.objects.prefetch_related("steps")
        )
        status = self.request.query_params.get("status", "")
        return rows.filter(status=status) if status else rows

    @extend_schema(request=IncidentInput, responses={201: IncidentSerializer})
    def create(self, request: Request) -> Response:
        data = IncidentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency = Agency.objects.filter(pk=values.pop("agency"), is_active=True).first()
        if agency is None:
            raise NotFound
        incident = services.report_incident(actor=actor_of(request), agency=agency, **values)
        return Response(IncidentSerializer(incident).data, status=201)

    @extend_schema(request=StepInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def steps(self, request: Request, pk: str | None = None) -> Response:
        data = StepInput(data=request.data)
        data.is_valid(raise_exception=True)
        incident = self.get_object()
        services.add_step(actor=actor_of(request), incident=incident, **data.validated_data)
        return Response(IncidentSerializer(Incident.objects.get(pk=incident.pk)).data)
