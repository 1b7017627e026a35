"""Scanner endpoints: the pre-publication check a portal's publishing system calls (token
authentication; one verdict per file and archive member, in the CLI's JSON), findings and
portals for supervisors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core import policy
from bmnn.core.services import actor_of
from bmnn.scanner import services
from bmnn.scanner.leases import TooManyScans
from bmnn.scanner.models import Finding, Portal

MAX_UPLOAD = 100 * 1024 * 1024
# the reading limits a verdict may name (bmnn.scanner.engine.limits); the schema names this
# choice set through SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]
SCAN_LIMITS = ["bytes", "members", "depth", "time"]


class CheckInput(serializers.Serializer):
    file = serializers.FileField()


class DecideInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Finding.Status.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class VerdictEvidenceSerializer(serializers.Serializer):
    rule = serializers.CharField()
    text = serializers.CharField()
    page = serializers.IntegerField()
    zone = serializers.CharField()
    score = serializers.FloatField()
    box = serializers.ListField(child=serializers.FloatField(), required=False)


class VerdictSerializer(serializers.Serializer):
    path = serializers.CharField()
    secret = serializers.BooleanField()
    level = serializers.CharField(allow_null=True)
    declassified = serializers.BooleanField()
    score = serializers.FloatField()
    evidence = VerdictEvidenceSerializer(many=True)
    kind = serializers.CharField()
    error = serializers.CharField(required=False)
    limit = serializers.ChoiceField(
        choices=SCAN_LIMITS,
        required=False,
        help_text="The scan's limit that stopped the reading; the file was not read in full.",
    )
    incomplete = serializers.BooleanField(required=False)


@extend_schema_serializer(component_name="ScannerFinding")  # three apps have a FindingSerializer
class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = [
            "id",
            "portal",
            "url",
            "referrer",
            "content_hash",
            "level",
            "score",
            "evidence",
            "first_seen",
            "last_seen",
            "status",
            "source",
            "note",
        ]


class PortalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Portal
        fields = ["id", *services.PORTAL_FIELDS]  # what save_portal may set


class ScanViewSet(viewsets.ViewSet):
    """POST a file; get the verdicts. Nothing but the name, size, fingerprint and verdict is kept."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CheckInput},
        responses={200: VerdictSerializer(many=True), 429: None},
    )
    def create(self, request: Request) -> Response:
        data = CheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > MAX_UPLOAD:
            raise serializers.ValidationError({"file": f"larger than {MAX_UPLOAD // 2**20} MB"})
        try:
            verdicts = services.check_document(
                actor=actor_of(request), name=upload.name or "", data=upload.read(), via="api"
            )
        except TooManyScans as exc:
            raise Throttled(detail=str(exc), code=exc.code) from exc
        return Response([v.as_dict() for v in verdicts])


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        # The policy's restrict is the only read gate: others see an empty list and 404.
        rows = policy.restrict_scan_findings(self.request.user, Finding.objects.all())
        rows = rows.order_by("-first_seen", "-pk")
        status = self.request.query_params.get("status", "")
        return rows.filter(status=status) if status else rows

    @extend_schema(request=DecideInput, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        finding = self.get_object()
        data = DecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        made = services.decide_finding(
            actor=actor_of(request), finding=finding, **data.validated_data
        )
        return Response(FindingSerializer(made).data)


class PortalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PortalSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        return policy.restrict_scan_findings(self.request.user, Portal.objects.order_by("name"))

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def scan(self, request: Request, pk: str | None = None) -> Response:
        run = services.start_crawl(actor=actor_of(request), portal=self.get_object())
        return Response({"run": run.pk}, status=202)
