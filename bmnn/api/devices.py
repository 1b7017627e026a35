"""Device inventory endpoints: devices, media, independent LANs, host reports (upload) and the
findings they raise — the same services and restrictions as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api.fields import IdField
from bmnn.core import policy
from bmnn.core.services import actor_of
from bmnn.devices import services
from bmnn.devices.models import Device, DeviceFinding, IndependentLan, Medium
from bmnn.org.models import Agency, Level

# bmnn.devices.rules.Concern.kind; the schema names this choice set through
# SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]
CONCERN_KINDS = ["violation", "check"]


class ConcernSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=CONCERN_KINDS)
    article = serializers.CharField()


class DeviceSerializer(serializers.ModelSerializer):
    concerns = serializers.SerializerMethodField()

    class Meta:
        model = Device
        # what save_device may set, as the pages and DeviceInput set it
        fields = ["id", "agency", *services.DEVICE_FIELDS, "concerns"]

    @extend_schema_field(ConcernSerializer(many=True))
    def get_concerns(self, device: Device) -> list[dict[str, str]]:
        """What the two connection facts mean (a violation of L25 Art. 5.2, or a check before use)."""
        return [{"code": c.code, "kind": c.kind, "article": c.article} for c in device.concerns]


class MediumSerializer(serializers.ModelSerializer):
    class Meta:
        model = Medium
        fields = [
            "id",
            "agency",
            "label",
            "kind",
            "make_model",
            "serial",
            "custodian",
            "highest_level",
            "registered_on",
            "active",
        ]


class LanSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndependentLan
        fields = ["id", "agency", "name", "site", "administrator", "measures"]


@extend_schema_serializer(component_name="DeviceFinding")  # three apps have a FindingSerializer
class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeviceFinding
        fields = [
            "id",
            "device",
            "report",
            "code",
            "severity",
            "summary",
            "evidence",
            "status",
            "note",
            "created_at",
        ]


class DeviceInput(serializers.Serializer):
    agency = IdField(required=False)
    asset_tag = serializers.CharField(max_length=64, required=False)
    kind = serializers.ChoiceField(choices=Device.Kind.choices, required=False)
    make_model = serializers.CharField(max_length=255, required=False, allow_blank=True)
    serial = serializers.CharField(max_length=128, required=False, allow_blank=True)
    os = serializers.CharField(max_length=128, required=False, allow_blank=True)
    location = serializers.CharField(max_length=255, required=False, allow_blank=True)
    custodian = IdField(required=False, allow_null=True)
    highest_level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)
    connected_to = serializers.ChoiceField(choices=Device.Connection.choices, required=False)
    ever_connected = serializers.ChoiceField(choices=Device.EverConnected.choices, required=False)
    ever_connected_on = serializers.DateField(required=False, allow_null=True)
    ever_connected_to = serializers.CharField(max_length=255, required=False, allow_blank=True)
    lan = IdField(required=False, allow_null=True)


class HostAuditReportInput(serializers.Serializer):
    file = serializers.FileField()


# The rows of `queryset` in the inventories the reader may see (policy.restrict_devices); no
# docstring, which the schema would give as every subclass's description.
class _InventoryViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        return policy.restrict_devices(self.request.user, super().get_queryset())


class DeviceViewSet(_InventoryViewSet):
    serializer_class = DeviceSerializer
    queryset = Device.objects.order_by("agency_id", "asset_tag")

    def _values(self, request: Request, agency: Agency) -> dict[str, Any]:
        data = DeviceInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("agency", None)
        if "custodian" in values:  # one of the agency's people: the service's rule (a 400)
            values["custodian"] = services.member_by_id(agency, values["custodian"], "custodian")
        if "lan" in values:
            values["lan"] = IndependentLan.objects.filter(
                pk=values["lan"] or 0, agency=agency
            ).first()
        return values

    @extend_schema(request=DeviceInput, responses={201: DeviceSerializer})
    def create(self, request: Request) -> Response:
        chosen = request.data.get("agency", 0) if isinstance(request.data, dict) else 0
        rows = Agency.objects.filter(pk=chosen or 0, is_active=True)
        agency = policy.restrict_agencies(request.user, rows).first()
        if agency is None:
            raise NotFound
        device = services.save_device(
            actor=actor_of(request), agency=agency, **self._values(request, agency)
        )
        return Response(DeviceSerializer(device).data, status=201)

    @extend_schema(request=DeviceInput, responses=DeviceSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        device = self.get_object()
        saved = services.save_device(
            actor=actor_of(request),
            agency=device.agency,
            device=device,
            **self._values(request, device.agency),
        )
        return Response(DeviceSerializer(saved).data)

    @extend_schema(
        request={"multipart/form-data": HostAuditReportInput},
        responses={201: FindingSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def reports(self, request: Request, pk: str | None = None) -> Response:
        """Imports a host-audit report (bmnn/devices/agent/bmnn_audit.py) and returns the findings it raised."""
        data = HostAuditReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.import_report(
            actor=actor_of(request),
            device=self.get_object(),
            data=data.validated_data["file"].read(),
        )
        return Response(FindingSerializer(report.findings.all(), many=True).data, status=201)


class MediumViewSet(_InventoryViewSet):
    serializer_class = MediumSerializer
    queryset = Medium.objects.order_by("agency_id", "label")


class LanViewSet(_InventoryViewSet):
    serializer_class = LanSerializer
    queryset = IndependentLan.objects.order_by("agency_id", "name")


class DeviceFindingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> Any:
        devices = policy.restrict_devices(self.request.user, Device.objects.all())
        rows = DeviceFinding.objects.filter(device__in=devices).order_by("-created_at", "-pk")
        status = self.request.query_params.get("status", "")
        return rows.filter(status=status) if status else rows
