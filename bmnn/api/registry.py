"""REST endpoints of the state-secret registry: every lifecycle step the pages offer, through
the same services (authorisation, the law's refusals, audit) and the same restricted queries.

Objects are looked up only among those the caller may read (or, for a decider, among what
awaits their decision), so an id the caller may not see is a 404, never a 403 that confirms it
exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.api.fields import IdField
from bmnn.core.levels import TUYET_MAT
from bmnn.core.services import actor_of
from bmnn.org.models import Agency, Level, Person
from bmnn.registry import books, queries, services
from bmnn.registry.models import (
    CarryOut,
    CatalogueItem,
    Copy,
    CopyAuthorisation,
    CopyForm,
    Declassification,
    ItemFile,
    Kind,
    Meeting,
    RegisterBook,
    SecretItem,
    Transfer,
)

# --- output ------------------------------------------------------------------------------------


class SecretItemSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField()

    class Meta:
        model = SecretItem
        fields = [
            "id",
            "agency",
            "origin",
            "kind",
            "level",
            "status",
            "number",
            "doc_type",
            "doc_date",
            "summary",
            "issuer_name",
            "protected_until",
            "declassified_at",
        ]

    def get_summary(self, item: SecretItem) -> str:
        return "" if item.level == TUYET_MAT else item.summary


class CopySerializer(serializers.ModelSerializer):
    class Meta:
        model = Copy
        fields = [
            "id",
            "item",
            "kind",
            "number",
            "holder",
            "location",
            "status",
            "made_on",
            "authorisation",
        ]


class CopyAuthorisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = CopyAuthorisation
        fields = [
            "id",
            "item",
            "form",
            "kind",
            "count",
            "used",
            "spoiled",
            "authorised_by",
            "authorised_on",
            "purpose",
        ]


class TransferSerializer(serializers.ModelSerializer):
    item_number = serializers.CharField(source="copy.item.number", read_only=True)
    level = serializers.CharField(source="copy.item.level", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "copy",
            "item_number",
            "level",
            "from_agency",
            "to_agency",
            "purpose",
            "state",
            "received_item",
            "created_at",
        ]


class CarryOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = CarryOut
        fields = [
            "id",
            "copy",
            "requested_by",
            "purpose",
            "place",
            "until",
            "protection",
            "abroad",
            "delegation_leader",
            "state",
            "endorsed_by",
            "decided_by",
            "returned_on",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = [
            "id",
            "item",
            "state",
            *services.MEETING_FIELDS,  # what arrange_meeting may set
            "consent_by",
            "consent_document",
            "documents_collected",
            "room_sealed_daily",
            "closing_note",
        ]


class RecallReturnSerializer(serializers.Serializer):
    """One recipient's return of a recalled item; `state` is returned, pending or overdue."""

    id = serializers.IntegerField()
    recipient = serializers.CharField()
    to_agency = serializers.IntegerField(source="to_agency_id", allow_null=True)
    received_item = serializers.IntegerField(source="received_item_id", allow_null=True)
    returned_on = serializers.DateField(allow_null=True)
    checked_by = serializers.IntegerField(source="checked_by_id", allow_null=True)
    note = serializers.CharField()
    state = serializers.SerializerMethodField()

    def get_state(self, line: Any) -> str:
        if line.returned_on is not None:
            return "returned"
        return "overdue" if line.recall.return_by < timezone.localdate() else "pending"


class RecallSerializer(serializers.Serializer):
    """A recall ("Tài liệu thu hồi", ND26 Art. 4.4) with a return line per recipient."""

    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id")
    return_by = serializers.DateField()
    reason = serializers.CharField()
    decided_by = serializers.IntegerField(source="decided_by_id")
    decided_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    returns = serializers.SerializerMethodField()

    @extend_schema_field(RecallReturnSerializer(many=True))
    def get_returns(self, recall: Any) -> Any:
        lines = getattr(recall, "lines", None)
        if lines is None:
            lines = list(recall.returns.order_by("pk"))
        return RecallReturnSerializer(lines, many=True).data


class ItemFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemFile
        fields = ["id", "item", "original_name", "content_type", "size", "sha256", "uploaded_at"]


class RegisterBookSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegisterBook
        fields = ["id", "agency", "kind", "year", "volume", "closed_at", "last_seq"]


# --- input -------------------------------------------------------------------------------------


class IncomingInputSerializer(serializers.Serializer):
    agency = IdField()
    level = serializers.ChoiceField(choices=Level.choices)
    issuer_name = serializers.CharField(max_length=255)
    number = serializers.CharField(max_length=64)
    doc_date = serializers.DateField()
    doc_type = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    copies = serializers.IntegerField(min_value=1, max_value=100, default=1)
    # the unit or person inside the agency it is passed to; blank: the agency itself keeps it
    receiver = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class DecisionInputSerializer(serializers.Serializer):
    decided_on = serializers.DateField()
    decision = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")


class ProposeInput(serializers.Serializer):
    agency = IdField()
    level = serializers.ChoiceField(choices=Level.choices)
    catalogue_item = IdField(min_value=0)  # 0 (none) is refused by the service, citing the law
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.DOCUMENT)
    doc_type = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    recipients = serializers.CharField(required=False, allow_blank=True, default="")
    copies_planned = serializers.IntegerField(min_value=1, max_value=500, default=1)
    copy_allowed = serializers.BooleanField(default=False)
    period_years = serializers.IntegerField(
        min_value=1, max_value=30, required=False, allow_null=True, default=None
    )


class ClassifyInput(serializers.Serializer):
    number = serializers.CharField(max_length=64, allow_blank=True)
    doc_date = serializers.DateField()
    signer = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class OutgoingInput(serializers.Serializer):
    day = serializers.DateField(required=False, allow_null=True, default=None)
    keeping_unit = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    recall_by = serializers.DateField(required=False, allow_null=True, default=None)


class AuthoriseInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=100)
    purpose = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    form = serializers.ChoiceField(choices=CopyForm.choices, default=CopyForm.TRUE_COPY)


class RecordCopiesInput(serializers.Serializer):
    authorisation = IdField()
    count = serializers.IntegerField(min_value=1, max_value=100)
    spoiled = serializers.IntegerField(min_value=0, max_value=100, default=0)
    recipients = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ExtendInput(DecisionInputSerializer):
    new_end = serializers.DateField()


class ChangeLevelInput(DecisionInputSerializer):
    new_level = serializers.ChoiceField(choices=Level.choices)
    new_end = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The end of protection after the change; kept when omitted (never shortened silently).",
    )


class DeclassifyInput(DecisionInputSerializer):
    """For the classifier: the decision after a declassification council, in whole or in part
    (L18 Art. 22.4); a holder sends only the notice's number and date as `decision`."""

    council = serializers.ListField(
        child=serializers.CharField(max_length=150),
        required=False,
        default=list,
        max_length=30,
        help_text="The council's members, the chair first.",
    )
    minutes = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")
    # the request's field is named "partial"; DRF takes declared fields off the class, so it
    # does not clash with Serializer.partial at run time
    partial = serializers.BooleanField(default=False)  # type: ignore[assignment]
    parts = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class DeclassificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Declassification
        fields = [
            "id",
            "item",
            "reason",
            "partial",
            "parts",
            "decided_on",
            "decision",
            "council",
            "council_minutes",
            "decided_by",
            "created_at",
        ]


class DestroyInput(serializers.Serializer):
    copies = serializers.ListField(child=IdField(), min_length=1, max_length=500)
    council = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, default=list, max_length=20
    )
    minutes = serializers.CharField(max_length=2000)


class GrantInput(serializers.Serializer):
    person = IdField()
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class MeetingInput(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    venue = serializers.CharField(max_length=255)
    at_headquarters = serializers.BooleanField(default=True)
    venue_check = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    wired_microphones = serializers.BooleanField(default=True)
    recording_devices = serializers.BooleanField(default=False)
    devices_allowed_by_chair = serializers.BooleanField(default=False)
    video_conference = serializers.BooleanField(default=False)
    protected_link = serializers.BooleanField(default=False)
    foreign_element = serializers.BooleanField(default=False)
    participants_screened = serializers.BooleanField(default=False)
    protection_plan = serializers.CharField(max_length=4000)
    participants = serializers.CharField(max_length=8000)


class ProvideInput(serializers.Serializer):
    to_agency = IdField()
    purpose = serializers.CharField(max_length=255)


class LostInput(serializers.Serializer):
    what = serializers.CharField(max_length=2000)


class CarryOutInput(serializers.Serializer):
    purpose = serializers.CharField(max_length=255)
    place = serializers.CharField(max_length=255)
    until = serializers.DateField()
    protection = serializers.CharField(max_length=255)
    abroad = serializers.BooleanField(default=False)
    delegation_leader = serializers.CharField(
        max_length=150, required=False, allow_blank=True, default=""
    )


class ApproveInput(serializers.Serializer):
    approve = serializers.BooleanField()
    consent_document = serializers.CharField(
        max_length=128, required=False, allow_blank=True, default=""
    )


class CarryOutReportInput(serializers.Serializer):
    report = serializers.CharField(max_length=2000)


class CloseMeetingInput(serializers.Serializer):
    documents_collected = serializers.BooleanField()
    room_sealed_daily = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class FileInput(serializers.Serializer):
    file = serializers.FileField()


class RecallInput(serializers.Serializer):
    return_by = serializers.DateField()
    reason = serializers.CharField(max_length=255)


class RecallReturnInput(serializers.Serializer):
    line = IdField()
    returned_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _found(value: Any) -> Any:
    if value is None:
        raise NotFound
    return value


def _item(request: Request, pk: Any) -> SecretItem:
    return _found(queries.item(request.user, int(pk)))


def _on_item(
    request: Request, pk: Any, service: Callable[..., Any], given: type[serializers.Serializer]
) -> Any:
    """What `service` makes of the caller's item with the caller's checked input."""
    return service(actor=actor_of(request), item=_item(request, pk), **_valid(given, request))


def _agency(pk: int) -> Agency:
    return _found(Agency.objects.filter(pk=pk, is_active=True).first())


def _item_out(item: SecretItem) -> Response:
    return Response(SecretItemSerializer(item).data)


# --- items -------------------------------------------------------------------------------------


class SecretItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Secret items the caller may read (clearance and need-to-know); each read is audited; each
    write goes through the registry services."""

    lookup_value_regex = r"\d+"
    serializer_class = SecretItemSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return queries.items(
            self.request.user,
            search=params.get("q", ""),
            level=params.get("level", ""),
            status=params.get("status", ""),
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = list(page) if page is not None else []
        services.record_list_read(
            actor=actor_of(request), items=rows, where=request.get_full_path()[:200]
        )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        services.record_read(actor=actor_of(request), item=item)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=ProposeInput, responses={201: SecretItemSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Proposes a level for a new item, against a catalogue item (ND26 Art. 2.1)."""
        values = _valid(ProposeInput, request)
        agency = _agency(values.pop("agency"))
        catalogue = CatalogueItem.objects.filter(pk=values.pop("catalogue_item")).first()
        item = services.propose_item(
            actor=actor_of(request), agency=agency, catalogue_item=catalogue, **values
        )
        return Response(SecretItemSerializer(item).data, status=201)

    @extend_schema(request=IncomingInputSerializer, responses={201: SecretItemSerializer})
    @action(detail=False, methods=["post"])
    def incoming(self, request: Request) -> Response:
        """Registers an incoming item in the agency's incoming book."""
        values = _valid(IncomingInputSerializer, request)
        agency = _agency(values.pop("agency"))
        entry = services.register_incoming(actor=actor_of(request), agency=agency, **values)
        return Response(SecretItemSerializer(entry.item).data, status=201)

    @extend_schema(request=ClassifyInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        """The head approves the proposed level (L18 Art. 10.2)."""
        return _item_out(_on_item(request, pk, services.classify_item, ClassifyInput))

    @extend_schema(request=ReasonInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return _item_out(_on_item(request, pk, services.reject_item, ReasonInput))

    @extend_schema(request=OutgoingInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"], url_path="register-outgoing")
    def register_outgoing(self, request: Request, pk: str | None = None) -> Response:
        """Enters the item in the outgoing register and numbers its copies (ND26 Art. 4.1.a)."""
        return _item_out(_on_item(request, pk, services.register_outgoing, OutgoingInput).item)

    @extend_schema(request=AuthoriseInput, responses={201: CopyAuthorisationSerializer})
    @action(detail=True, methods=["post"], url_path="authorise-copies")
    def authorise_copies(self, request: Request, pk: str | None = None) -> Response:
        """The competent head authorises a number of copies in one form (L18 Art. 11; ND26 Art.
        3.1); the answer is the authorisation, whose id the copies are recorded against."""
        values = _valid(AuthoriseInput, request)
        grant = services.authorise_copies(
            actor=actor_of(request), item=_item(request, pk), **values
        )
        return Response(CopyAuthorisationSerializer(grant).data, status=201)

    @extend_schema(responses=CopyAuthorisationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, url_path="copy-authorisations")
    def copy_authorisations(self, request: Request, pk: str | None = None) -> Response:
        """The item's copy authorisations, with how many copies each has left."""
        item = _item(request, pk)
        services.record_read(actor=actor_of(request), item=item)
        grants = item.copy_authorisations.order_by("pk")
        return Response(CopyAuthorisationSerializer(grants, many=True).data)

    @extend_schema(request=RecordCopiesInput, responses={201: CopySerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="record-copies")
    def record_copies(self, request: Request, pk: str | None = None) -> Response:
        """The officer records copies made under one of the item's authorisations, with the
        spoiled copies destroyed, in the copy register (ND26 Art. 3; L18 Art. 11)."""
        values = _valid(RecordCopiesInput, request)
        grant = (
            _item(request, pk).copy_authorisations.filter(pk=values.pop("authorisation")).first()
        )
        if grant is None:
            raise NotFound
        made = services.record_copies(actor=actor_of(request), authorisation=grant, **values)
        return Response(CopySerializer(made, many=True).data, status=201)

    @extend_schema(responses=CopySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def copies(self, request: Request, pk: str | None = None) -> Response:
        item = _item(request, pk)
        services.record_read(actor=actor_of(request), item=item)
        return Response(CopySerializer(item.copies.all(), many=True).data)

    @extend_schema(request=ExtendInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk: str | None = None) -> Response:
        """Extends the protection period (L18 Art. 20)."""
        return _item_out(_on_item(request, pk, services.extend_protection, ExtendInput))

    @extend_schema(request=ChangeLevelInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"], url_path="change-level")
    def change_level(self, request: Request, pk: str | None = None) -> Response:
        """Raises or lowers the level (L18 Art. 21)."""
        return _item_out(_on_item(request, pk, services.change_level, ChangeLevelInput))

    @extend_schema(request=DeclassifyInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"])
    def declassify(self, request: Request, pk: str | None = None) -> Response:
        """Declassifies by decision after a council, in whole or in part (the classifier, L18
        Art. 22.4), or records the classifier's notice (a holder)."""
        item = _item(request, pk)
        values = _valid(DeclassifyInput, request)
        if item.origin == "received":
            result = services.record_declassification_notice(
                actor=actor_of(request),
                item=item,
                notice=values["decision"],
                decided_on=values["decided_on"],
            )
        else:
            result = services.declassify(actor=actor_of(request), item=item, **values)
        return _item_out(result)

    @extend_schema(responses=DeclassificationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def declassifications(self, request: Request, pk: str | None = None) -> Response:
        """How the item was declassified, in whole or in part, with the council and minutes."""
        item = _item(request, pk)
        services.record_read(actor=actor_of(request), item=item)
        return Response(DeclassificationSerializer(item.declassifications.all(), many=True).data)

    @extend_schema(request=DestroyInput, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"], url_path="destroy")
    def destroy_copies(self, request: Request, pk: str | None = None) -> Response:
        """Destroys the listed copies with the council and minutes the level requires (L18 Art. 23)."""
        item = _item(request, pk)
        values = _valid(DestroyInput, request)
        copies = list(item.copies.filter(pk__in=values.pop("copies")))
        result = services.destroy(
            actor=actor_of(request), item=item, copies=_found(copies or None), **values
        )
        return _item_out(result)

    @extend_schema(request=GrantInput, responses={201: None})
    @action(detail=True, methods=["post"])
    def grants(self, request: Request, pk: str | None = None) -> Response:
        """Gives a person need-to-know of the item."""
        item = _item(request, pk)
        values = _valid(GrantInput, request)
        person = _found(Person.objects.filter(pk=values.pop("person"), is_active=True).first())
        grant = services.grant_need_to_know(
            actor=actor_of(request), item=item, person=person, **values
        )
        return Response({"id": grant.pk, "item": item.pk, "person": person.pk}, status=201)

    @extend_schema(request=MeetingInput, responses=MeetingSerializer)
    @action(detail=True, methods=["get", "post"])
    def meeting(self, request: Request, pk: str | None = None) -> Response:
        """The meeting's arrangements; POST plans them (or changes them before consent)."""
        item = _item(request, pk)
        if request.method == "GET":
            meeting = _found(Meeting.objects.filter(item=item).first())
            services.record_read(actor=actor_of(request), item=item)
            return Response(MeetingSerializer(meeting).data)
        meeting = services.plan_meeting(
            actor=actor_of(request), item=item, **_valid(MeetingInput, request)
        )
        return Response(MeetingSerializer(meeting).data)

    @extend_schema(
        request={"multipart/form-data": FileInput}, responses=ItemFileSerializer(many=True)
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        pagination_class=None,
    )
    def files(self, request: Request, pk: str | None = None) -> Response:
        """The item's electronic files; POST stores one, encrypted."""
        item = _item(request, pk)
        if request.method == "POST":
            upload = _valid(FileInput, request)["file"]
            stored = services.attach_file(
                actor=actor_of(request), item=item, name=upload.name or "", data=upload.read()
            )
            return Response(ItemFileSerializer(stored).data, status=201)
        services.record_read(actor=actor_of(request), item=item)
        return Response(ItemFileSerializer(item.files.all(), many=True).data)

    @extend_schema(
        request=RecallInput, responses={200: RecallSerializer(many=True), 201: RecallSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def recalls(self, request: Request, pk: str | None = None) -> Response:
        """The item's recalls, a return line per recipient; POST: its sender's head recalls it,
        to be returned by a date (ND26 Art. 4.4; L25 Art. 5.4)."""
        item = _item(request, pk)
        if request.method == "POST":
            recall = services.decide_recall(
                actor=actor_of(request), item=item, **_valid(RecallInput, request)
            )
            return Response(RecallSerializer(recall).data, status=201)
        services.record_read(actor=actor_of(request), item=item)
        return Response(RecallSerializer(queries.item_recalls(request.user, item), many=True).data)

    @extend_schema(request=RecallReturnInput, responses=RecallReturnSerializer)
    @action(detail=True, methods=["post"], url_path="recall-return")
    def recall_return(self, request: Request, pk: str | None = None) -> Response:
        """The sending agency's officer records one recipient's return (TT07 Art. 6.5)."""
        item = _item(request, pk)
        values = _valid(RecallReturnInput, request)
        line = _found(queries.recall_line(request.user, item, values.pop("line")))
        done = services.record_recall_return(actor=actor_of(request), line=line, **values)
        return Response(RecallReturnSerializer(done).data)


class ItemFileViewSet(viewsets.GenericViewSet):
    """Downloads an electronic file (decrypted, audited); `?stamp=1` adds the level stamp to a PDF."""

    lookup_value_regex = r"\d+"
    queryset = ItemFile.objects.none()
    serializer_class = ItemFileSerializer

    @extend_schema(
        parameters=[OpenApiParameter("stamp", bool, description="PDF with the level stamp")],
        responses={(200, "application/octet-stream"): bytes},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> HttpResponse:
        stored = _found(ItemFile.objects.select_related("item").filter(pk=int(pk or 0)).first())
        _item(request, stored.item_id)
        stamped = request.query_params.get("stamp") in {"1", "true"}
        data = services.open_file(actor=actor_of(request), stored=stored, stamped=stamped)
        response = HttpResponse(data, content_type=stored.content_type)
        response["Content-Disposition"] = content_disposition_header(True, stored.original_name)
        return response


# --- copies, transfers, carrying out, meetings, books --------------------------------------------


def _copy(request: Request, pk: Any) -> Copy:
    copy = _found(Copy.objects.select_related("item").filter(pk=int(pk or 0)).first())
    _item(request, copy.item_id)
    return copy


class CopyViewSet(viewsets.GenericViewSet):
    """Actions on one copy of an item the caller may read."""

    lookup_value_regex = r"\d+"
    queryset = Copy.objects.none()
    serializer_class = CopySerializer

    @extend_schema(request=ProvideInput, responses={201: TransferSerializer})
    @action(detail=True, methods=["post"])
    def provide(self, request: Request, pk: str | None = None) -> Response:
        """The head decides to provide the copy to another agency (L18 Art. 15)."""
        values = _valid(ProvideInput, request)
        transfer = services.approve_provision(
            actor=actor_of(request),
            copy=_copy(request, pk),
            to_agency=_agency(values["to_agency"]),
            purpose=values["purpose"],
        )
        return Response(TransferSerializer(transfer).data, status=201)

    @extend_schema(request=LostInput, responses=CopySerializer)
    @action(detail=True, methods=["post"], url_path="report-lost")
    def report_lost(self, request: Request, pk: str | None = None) -> Response:
        copy = services.report_lost(
            actor=actor_of(request), copy=_copy(request, pk), **_valid(LostInput, request)
        )
        return Response(CopySerializer(copy).data)

    @extend_schema(request=CarryOutInput, responses={201: CarryOutSerializer})
    @action(detail=True, methods=["post"], url_path="carry-out")
    def carry_out(self, request: Request, pk: str | None = None) -> Response:
        """Asks to carry the copy out of its storage place (L18 Art. 14; ND26 Art. 5.2)."""
        made = services.request_carry_out(
            actor=actor_of(request), copy=_copy(request, pk), **_valid(CarryOutInput, request)
        )
        return Response(CarryOutSerializer(made).data, status=201)


class _PendingWork(viewsets.GenericViewSet):
    """What awaits the caller, listed whole (not paginated): by default the `pending` list of
    `queries.approvals`."""

    lookup_value_regex = r"\d+"
    pagination_class = None
    pending = ""

    def list(self, request: Request) -> Response:
        rows = queries.approvals(request.user)[self.pending]
        return Response(self.serializer_class(rows, many=True).data)  # type: ignore[misc]


class TransferViewSet(_PendingWork):
    """Transfers: those awaiting the caller's receipt (list), hand-over and receipt."""

    queryset = Transfer.objects.none()
    serializer_class = TransferSerializer

    def list(self, request: Request) -> Response:
        rows = queries.pending_transfers(request.user).order_by("created_at", "pk")[:500]
        return Response(TransferSerializer(rows, many=True).data)

    @extend_schema(request=None, responses=TransferSerializer)
    @action(detail=True, methods=["post"], url_path="hand-over")
    def hand_over(self, request: Request, pk: str | None = None) -> Response:
        """The sending officer hands the copy over and enters it in the handover book (ND26 Art. 4)."""
        transfer = _found(
            Transfer.objects.filter(pk=int(pk or 0), state=Transfer.State.DECIDED).first()
        )
        _item(request, transfer.copy.item_id)
        return Response(
            TransferSerializer(services.hand_over(actor=actor_of(request), transfer=transfer)).data
        )

    @extend_schema(request=None, responses=SecretItemSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request: Request, pk: str | None = None) -> Response:
        """The receiving officer signs for the copy; it enters their incoming register."""
        transfer = _found(queries.pending_transfers(request.user).filter(pk=int(pk or 0)).first())
        return _item_out(services.receive_transfer(actor=actor_of(request), transfer=transfer))


def _decidable(request: Request, found: Any, pending: str, item_id: Any) -> Any:
    """A request or meeting the caller may act on: it awaits their decision, or they may read
    the item it concerns; anything else is a 404."""
    awaiting = {row.pk for row in queries.approvals(request.user)[pending]}
    if found is None or (
        found.pk not in awaiting and queries.item(request.user, item_id()) is None
    ):
        raise NotFound
    return found


def _carry_out(request: Request, pk: Any) -> CarryOut:
    found = CarryOut.objects.select_related("copy__item").filter(pk=pk).first()
    return _decidable(request, found, "carry_outs", lambda: found.copy.item_id)  # type: ignore[union-attr]


class CarryOutViewSet(_PendingWork):
    """Requests to carry copies out: those awaiting the caller's decision (list), decide, return."""

    queryset = CarryOut.objects.none()
    serializer_class = CarryOutSerializer
    pending = "carry_outs"

    @extend_schema(request=ApproveInput, responses=CarryOutSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Approves or refuses (abroad: the head endorses, then an Art. 14.2 authority decides)."""
        values = _valid(ApproveInput, request)
        made = services.decide_carry_out(
            actor=actor_of(request), request=_carry_out(request, pk), approve=values["approve"]
        )
        return Response(CarryOutSerializer(made).data)

    @extend_schema(request=CarryOutReportInput, responses=CarryOutSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_copy(self, request: Request, pk: str | None = None) -> Response:
        made = services.return_carried_out(
            actor=actor_of(request),
            request=_carry_out(request, pk),
            **_valid(CarryOutReportInput, request),
        )
        return Response(CarryOutSerializer(made).data)


def _meeting(request: Request, pk: Any) -> Meeting:
    found = Meeting.objects.select_related("item").filter(pk=pk).first()
    return _decidable(request, found, "meetings", lambda: found.item_id)  # type: ignore[union-attr]


class MeetingViewSet(_PendingWork):
    """Meetings with secret content: those awaiting the caller's consent (list), consent, close."""

    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer
    pending = "meetings"

    @extend_schema(request=ApproveInput, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request: Request, pk: str | None = None) -> Response:
        """Consent of the level's provision authority (L18 Art. 17)."""
        made = services.consent_to_meeting(
            actor=actor_of(request), meeting=_meeting(request, pk), **_valid(ApproveInput, request)
        )
        return Response(MeetingSerializer(made).data)

    @extend_schema(request=CloseMeetingInput, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        made = services.close_meeting(
            actor=actor_of(request),
            meeting=_meeting(request, pk),
            **_valid(CloseMeetingInput, request),
        )
        return Response(MeetingSerializer(made).data)


class RegisterBookViewSet(viewsets.ReadOnlyModelViewSet):
    """Volumes of the registers the caller keeps; export in the official layout; close a volume."""

    lookup_value_regex = r"\d+"
    serializer_class = RegisterBookSerializer

    def get_queryset(self) -> Any:
        return queries.books(self.request.user).order_by("agency_id", "kind", "-year", "-volume")

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, enum=["pdf", "docx", "xlsx"], required=True)],
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        book = self.get_object()
        fmt = request.query_params.get("fmt", "")
        if fmt not in {"pdf", "docx", "xlsx"}:
            raise serializers.ValidationError({"fmt": "pdf, docx or xlsx"})
        entries = queries.book_entries(request.user, book)
        data, content_type = books.export(book, entries, fmt)
        services.record_book_read(actor=actor_of(request), book=book, lines=len(entries), fmt=fmt)
        response = HttpResponse(data, content_type=content_type)
        name = f"so-{book.kind}-{book.year}-q{book.volume}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response

    @extend_schema(request=None, responses=RegisterBookSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Closes (locks) the volume; new lines open the next one."""
        book = services.close_volume(actor=actor_of(request), book=self.get_object())
        return Response(RegisterBookSerializer(book).data)
