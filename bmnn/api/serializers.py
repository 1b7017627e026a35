from __future__ import annotations

from rest_framework import serializers

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
