"""Agencies, the people in them, their roles and their clearances.

An agency (cơ quan, tổ chức, đơn vị) is the unit that answers for state-secret work: it has a
head and one or more security officers, and its users see only its records. Groups are the plural
names that plans assign tasks to ("các sở, ban, ngành"); they are saved queries over agency types,
so they follow the directory as agencies are added or closed.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core import levels
from bmnn.core.text import fold


class AgencyType(models.TextChoices):
    PROVINCIAL_POLICE = "provincial_police", _("Provincial police")
    PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee (leadership)")
    PEOPLES_COMMITTEE_OFFICE = "committee_office", _("People's Committee office")
    DEPARTMENT = "department", _("Department")
    BOARD = "board", _("Board")
    COMMUNE = "commune", _("Commune or ward People's Committee")
    COMMUNE_PARTY = "commune_party", _("Commune or ward Party committee")
    COMMUNE_DIVISION = "commune_division", _("Division of a commune or ward People's Committee")
    PARTY = "party", _("Party body")
    FRONT = "front", _("Fatherland Front and member organisations")
    COUNCIL_OFFICE = "council_office", _("People's Council office")
    CENTRAL = "central", _("Central agency located in the province")
    PRESS = "press", _("Press and media")
    ENTERPRISE = "enterprise", _("State enterprise")


class Level(models.TextChoices):
    """Độ mật — the three classification levels (codes and order: `bmnn.core.levels`)."""

    TUYET_MAT = levels.TUYET_MAT, _("Top secret (Tuyệt mật)")
    TOI_MAT = levels.TOI_MAT, _("Secret (Tối mật)")
    MAT = levels.MAT, _("Confidential (Mật)")


class ClearanceLevel(models.TextChoices):
    """Highest level a person may access; ordered by `bmnn.core.levels.RANK`."""

    NONE = levels.NO_CLEARANCE, _("None")
    MAT = levels.MAT, _("Confidential (Mật)")
    TOI_MAT = levels.TOI_MAT, _("Secret (Tối mật)")
    TUYET_MAT = levels.TUYET_MAT, _("Top secret (Tuyệt mật)")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISOR = "supervisor", _("Province supervisor")
    HEAD = "head", _("Agency head")
    SECURITY_OFFICER = "security_officer", _("Security officer")
    STAFF = "staff", _("Staff")
    INSPECTOR = "inspector", _("Inspector")


# Roles whose holders must pass a second factor (TOTP) at every login.
# Inspectors are among them: they read every agency's inspection records.
SECOND_FACTOR_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.SUPERVISOR, Role.INSPECTOR, Role.HEAD, Role.SECURITY_OFFICER}
)
# Roles whose scope is the whole province rather than their own agency.
PROVINCE_ROLES = frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR})


class Agency(models.Model):
    """Cơ quan, tổ chức, đơn vị."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=AgencyType.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        indexes = [models.Index(fields=["type", "is_active", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")[:400]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AgencyGroup(models.Model):
    """Nhóm cơ quan — a plural name used in plans, saved as a query over agency types."""

    name = models.CharField(_("name"), max_length=255)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    agency_types = models.JSONField(_("agency types"), default=list)
    aliases = models.JSONField(
        _("other names"), default=list, blank=True, help_text=_("Wordings used in plans")
    )

    class Meta:
        verbose_name = _("agency group")
        verbose_name_plural = _("agency groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def members(self) -> models.QuerySet[Agency]:
        """Active agencies of the group's types, as of now."""
        return Agency.objects.filter(type__in=self.agency_types, is_active=True)


class PersonManager(UserManager["Person"]):
    pass


class Person(AbstractUser):
    """A person who uses BMNN or is named in its records (cán bộ, công chức, viên chức)."""

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    clearance = models.CharField(
        _("clearance"), max_length=16, choices=ClearanceLevel.choices, default=ClearanceLevel.NONE
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = PersonManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.full_name} {self.username} {self.position}")[:400]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """A person's role in an agency; a person may hold several (head here, inspector there)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "agency", "role"], name="org_membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["agency", "role", "is_active"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.agency}"


class ClearanceGrant(models.Model):
    """A decision giving a person access up to a level; the newest one is the person's clearance."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="clearance_grants"
    )
    level = models.CharField(_("level"), max_length=16, choices=ClearanceLevel.choices)
    granted_by = models.ForeignKey(
        Person,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="clearances_granted",
    )
    granted_on = models.DateField(_("granted on"))
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clearance grant")
        verbose_name_plural = _("clearance grants")
        ordering = ["-granted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_level_display()}"
