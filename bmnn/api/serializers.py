from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.api.fields import IdField
from bmnn.core.levels import TUYET_MAT
from bmnn.org.models import Agency, AgencyType, Level, Membership, Person, Role
from bmnn.plans.models import Assignment, Evidence, Plan, ProgressUpdate, Status, Task, TaskParty
from bmnn.registry.models import SecretItem


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
            "section",
            "content",
            "timing_kind",
            "timing_text",
            "due_date",
            "period",
            "expected_output",
            "responsible",
            "parties",
            "issues",
        ]


class PlanDetailSerializer(PlanSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "tasks"]

    def get_tasks(self, plan: Plan) -> list[dict[str, Any]]:
        from bmnn.plans import queries

        return TaskSerializer(queries.tasks_of(plan), many=True).data  # type: ignore[return-value]


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
