from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.core import policy
from bmnn.core.sorting import vietnamese_key, vietnamese_sorted
from bmnn.core.text import fold
from bmnn.inspections.models import (
    Answer,
    BudgetEstimate,
    Finding,
    Inspection,
    LegalDocument,
    Regulation,
    StaffDesignation,
    TrainingSession,
)
from bmnn.inspections.services import MAX_AMOUNT, MAX_PARTICIPANTS
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.web.forms import BootstrapMixin


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy; 31/02/2026 and letters are refused with a message saying how
    to write it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": DATE_MESSAGE})
        super().__init__(**kwargs)


def number_input() -> forms.TextInput:
    """A number typed as text (the phone's number pad): letters reach the server, which says
    what is wrong, instead of being dropped by the browser."""
    return forms.TextInput(attrs={"inputmode": "numeric"})


def year_field() -> forms.IntegerField:
    """The year of an inspection or a budget, 2000 to 2100, typed on the number pad."""
    return forms.IntegerField(
        label=pgettext_lazy("inspection", "Year"),
        widget=number_input(),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Enter a year such as 2026."),
            "min_value": _("The year must be between 2000 and 2100."),
            "max_value": _("The year must be between 2000 and 2100."),
        },
    )


DATE_MESSAGE = _("Enter a real date as dd/mm/yyyy (e.g. 05/03/2026).")
END_BEFORE_START = _("An end date is before its start.")


def add_service_errors(form: forms.Form, exc: ValidationError, default: str | None = None) -> None:
    """A service's refusal on the form: each message next to its field (a field the form lacks,
    or none: at `default`, else above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else default, errors)
    else:
        form.add_error(default, exc.messages)


def _check_span(form: forms.Form, data: dict[str, Any], start: str, end: str) -> None:
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, END_BEFORE_START)


# --- who may lead and join an inspection ---------------------------------------------------------

LEADER_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)


def _person_label(person: Person) -> str:
    return f"{person.full_name} — {person.position}" if person.position else person.full_name


def grouped_people(memberships: Iterable[Membership]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Choices grouped by agency (`<optgroup>`): the provincial police first, then agencies and
    names in Vietnamese order, each person once (under the provincial police when there)."""
    groups: dict[str, list[Person]] = {}
    police: set[str] = set()
    seen: set[int] = set()
    rows = sorted(memberships, key=lambda m: m.agency.type != AgencyType.PROVINCIAL_POLICE)
    for membership in rows:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        groups.setdefault(membership.agency.name, []).append(membership.person)
        if membership.agency.type == AgencyType.PROVINCIAL_POLICE:
            police.add(membership.agency.name)
    order = sorted(groups, key=lambda name: (name not in police, vietnamese_key(name)))
    return [
        (
            name,
            [
                (p.pk, _person_label(p))
                for p in vietnamese_sorted(groups[name], key=lambda p: p.full_name)
            ],
        )
        for name in order
    ]


def team_memberships(actor: Any, *, leaders_only: bool) -> QuerySet[Membership]:
    """Who may lead an inspection: the inspectors and supervisors, and the head of the
    provincial police; the team also takes the provincial police's other people. For a
    self-inspection the agency's own head and security officer lead, so the agencies the actor
    may inspect themselves add their heads and officers (the team: all their people)."""
    police = Q(agency__type=AgencyType.PROVINCIAL_POLICE)
    who = Q(role__in=LEADER_ROLES) | (police & Q(role=Role.HEAD))
    if not leaders_only:
        who |= police
    own = [a for a in policy.scope(actor).agency_ids if policy.can_self_inspect(actor, a)]
    if own:
        own_people = Q(agency_id__in=own)
        if leaders_only:
            own_people &= Q(role__in=(Role.HEAD, Role.SECURITY_OFFICER))
        who |= own_people
    return Membership.objects.filter(
        who, is_active=True, person__is_active=True, agency__is_active=True
    ).select_related("person", "agency")


class InspectionFields(BootstrapMixin, forms.Form):
    """What every inspection form asks: typed by hand or read from an imported plan."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("Inspection title"), max_length=255)
    year = year_field()
    decision = forms.CharField(label=_("Decision number"), max_length=128, required=False)
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    period_from = DayField(label=_("Period under review from"))
    period_to = DayField(label=_("Period under review to"))


class InspectionForm(InspectionFields):
    on_site_from = DayField(label=_("On site from"))
    on_site_to = DayField(label=_("On site to"))
    leader = forms.TypedChoiceField(
        label=_("Team leader"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Inspectors and supervisors, by agency."),
    )
    team = forms.TypedMultipleChoiceField(label=_("Team"), coerce=int, required=False)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies inspected"), queryset=Agency.objects.filter(is_active=True)
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leaders = grouped_people(team_memberships(actor, leaders_only=True))
        team = grouped_people(team_memberships(actor, leaders_only=False))
        self.fields["leader"].choices = [("", "—"), *leaders]  # type: ignore[attr-defined]
        self.fields["team"].choices = team  # type: ignore[attr-defined]
        self.fields["team"].widget.attrs["size"] = "8"
        self.fields["agencies"].widget.attrs["size"] = "8"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_span(self, data, "period_from", "period_to")
        _check_span(self, data, "on_site_from", "on_site_to")
        people = Person.objects.in_bulk(
            [pk for pk in [data.get("leader"), *(data.get("team") or [])] if pk]
        )
        data["leader"] = people.get(data["leader"]) if data.get("leader") else None
        data["team"] = [people[pk] for pk in data.get("team") or [] if pk in people]
        if (
            data.get("kind") == Inspection.Kind.INSPECTION
            and data["leader"] is None
            and "leader" not in self.errors
        ):
            self.add_error("leader", _("Name the team leader."))
        return data


class ChecklistForm(forms.Form):
    """Every answer of one agency's checklist in one form: a result and the evidence per item
    (`result-<id>`, `evidence-<id>`). An item never answered may stay empty; an answer once
    given can be changed, not withdrawn."""

    def __init__(
        self,
        *args: Any,
        items: list[Any],
        answers: dict[int, Answer],
        hints: dict[str, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            given = answers.get(item.pk)
            hint = hints.get(item.code)
            empty = [] if given else [("", _("— not answered —"))]
            result = forms.ChoiceField(
                label=_("Result"), required=False, choices=[*empty, *Answer.Result.choices]
            )
            evidence = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            for field in (result, evidence):
                css = (
                    "form-select form-select-sm"
                    if field is result
                    else "form-control form-control-sm"
                )
                field.widget.attrs["class"] = css
            if given:
                result.initial, evidence.initial = given.result, given.evidence
            elif hint:
                result.initial, evidence.initial = hint.result, hint.evidence
            self.fields[f"result-{item.pk}"] = result
            self.fields[f"evidence-{item.pk}"] = evidence
        self.answers = answers

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (item, self[f"result-{item.pk}"], self[f"evidence-{item.pk}"]) for item in self.items
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            result = data.get(f"result-{item.pk}")
            if (
                result == Answer.Result.NOT_COMPLIANT
                and not (data.get(f"evidence-{item.pk}") or "").strip()
            ):
                self.add_error(f"evidence-{item.pk}", _("Say what was seen that does not comply."))
        return data

    def changes(self) -> list[tuple[Any, str, str]]:
        """(item, result, evidence) for each answer given or changed."""
        out = []
        for item in self.items:
            result = self.cleaned_data.get(f"result-{item.pk}") or ""
            evidence = (self.cleaned_data.get(f"evidence-{item.pk}") or "").strip()
            given = self.answers.get(item.pk)
            if result and (given is None or (given.result, given.evidence) != (result, evidence)):
                out.append((item, result, evidence))
        return out


class ChecklistItemForm(BootstrapMixin, forms.Form):
    area = forms.CharField(label=_("Area"), max_length=255, required=False)
    text = forms.CharField(label=_("What is checked"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=_("Rule"), max_length=255, required=False)


class FindingForm(BootstrapMixin, forms.Form):
    item = forms.TypedChoiceField(
        label=_("Checklist item"), coerce=int, required=False, empty_value=None
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Finding.Severity.choices, initial=Finding.Severity.MEDIUM
    )
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    rule = forms.CharField(
        label=_("Rule broken"),
        max_length=255,
        required=False,
        help_text=_("Left empty: the rule the checklist item cites."),
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )
    deadline = DayField(label=_("Remediation deadline"))

    def __init__(
        self, *args: Any, items: list[Any], people: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[int, str]]] = {}
        for item in items:
            text = item.text if len(item.text) <= 90 else f"{item.text[:89]}…"
            groups.setdefault(item.area_title, []).append((item.pk, text))
        self.fields["item"].choices = [("", "—"), *groups.items()]  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = people  # type: ignore[attr-defined]
        self.items = {item.pk: item for item in items}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        item = self.items.get(data.get("item") or 0)
        data["item"] = item
        if not (data.get("rule") or "").strip():
            if item is not None and item.source:
                data["rule"] = item.source
            elif "rule" not in self.errors:
                self.add_error("rule", _("Name the rule broken, or choose the checklist item."))
        return data


class RemediationForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class VerifyForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Verification"), choices=[("accept", _("Remedied")), ("reject", _("Not remedied"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say why the remediation is not enough."))
        return data


# --- training, regulations and staff, budget -------------------------------------------------------


class CountField(forms.IntegerField):
    """A number of people: a whole number from 0, with messages that say what to type."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_PARTICIPANTS)
        kwargs.setdefault("initial", 0)
        kwargs.setdefault("widget", number_input())
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Enter a whole number, such as 3."),
                "min_value": _("A number of people cannot be negative."),
                "max_value": _("That many participants cannot be right."),
            },
        )
        super().__init__(**kwargs)


class TrainingForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=TrainingSession.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    held_on = DayField(label=_("Date"))
    audience = forms.CharField(label=_("Audience"), max_length=255, required=False)
    leaders = CountField(label=_("Leaders"), required=False)
    staff = CountField(label=_("Staff"), required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees with an account"), required=False, queryset=Membership.objects.none()
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("name")
        if len(agencies) == 1:
            field.initial = agencies[0].pk
        members: Any = self.fields["attendees"]
        members.queryset = (
            Membership.objects.filter(agency__in=agencies, is_active=True, person__is_active=True)
            .select_related("person", "agency")
            .order_by("agency__name", "person__full_name")
        )
        members.label_from_instance = lambda m: (
            f"{m.agency.short_name or m.agency.name} — {m.person}"
            if len(agencies) > 1
            else str(m.person)
        )
        members.widget.attrs["size"] = "6"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency = data.get("agency")
        chosen = data.get("attendees") or []
        if agency is not None and any(m.agency_id != agency.pk for m in chosen):
            self.add_error("attendees", _("Choose attendees of the agency that held the session."))
        data["attendees"] = list(dict.fromkeys(m.person for m in chosen))
        return data


class RegulationForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Regulation.Status.choices)
    document_number = forms.CharField(label=_("Issuing document"), max_length=128, required=False)
    issued_on = DayField(label=_("Issued on"), required=False)
    review_due = DayField(label=_("Review due"), required=False)
    file = forms.FileField(label=_("Regulation file (PDF or DOCX)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Regulation.Status.ISSUED:
            if (
                not (data.get("document_number") or "").strip()
                and "document_number" not in self.errors
            ):
                self.add_error(
                    "document_number", _("An issued regulation has its document number.")
                )
            if data.get("issued_on") is None and "issued_on" not in self.errors:
                self.add_error("issued_on", _("An issued regulation has its date."))
        _check_span(self, data, "issued_on", "review_due")
        return data


class DesignationForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    mode = forms.ChoiceField(label=_("Kind"), choices=StaffDesignation.Mode.choices)
    decision = forms.CharField(label=_("Designating decision"), max_length=128)
    decided_on = DayField(label=_("Decided on"))

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people: Any = self.fields["person"]
        people.queryset = (
            Person.objects.filter(
                memberships__agency=agency, memberships__is_active=True, is_active=True
            )
            .distinct()
            .order_by("full_name")
        )


_AMOUNT = re.compile(r"^(?:\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*|\d+)$")


def parse_amount(text: str) -> int:
    """An amount in đồng as people write it: 1250000, 1.250.000 or 1 250 000 (a trailing "đ"
    or "VND" is allowed). A ValidationError says what is wrong."""
    raw = re.sub(r"\s*(?:đ|đồng|vnd|vnđ)\s*$", "", text.strip(), flags=re.I)
    if raw.startswith("-") and _AMOUNT.match(raw[1:].strip()):
        raise ValidationError(_("An amount cannot be negative."), code="min_value")
    if not _AMOUNT.match(raw):
        raise ValidationError(
            _("Write the amount in whole đồng, digits only, such as 1.250.000."), code="invalid"
        )
    amount = int(re.sub(r"\D", "", raw))
    if amount > MAX_AMOUNT:
        raise ValidationError(_("An amount has more than 15 digits."), code="max_value")
    return amount


class AmountField(forms.CharField):
    """An amount in đồng (see parse_amount)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return parse_amount(text) if text else None


class BudgetForm(BootstrapMixin, forms.Form):
    year = year_field()
    lines = forms.CharField(
        label=_("Lines (item | amount in VND, one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: Mua két sắt | 25.000.000"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (v, label)
            for v, label in BudgetEstimate.Status.choices
            if v != BudgetEstimate.Status.DECIDED
        ],
    )
    appraised_by = forms.CharField(label=_("Appraised by"), max_length=255, required=False)

    def clean_lines(self) -> list[tuple[str, int]]:
        lines, problems = [], []
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not raw.strip():
                continue
            item, sep, amount = raw.rpartition("|")
            if not sep or not item.strip():
                problems.append(
                    _("Line %(n)s: write the item, then | and the amount.") % {"n": number}
                )
                continue
            try:
                lines.append((item.strip(), parse_amount(amount)))
            except ValidationError as exc:
                problems.append(
                    _("Line %(n)s: %(problem)s") % {"n": number, "problem": exc.messages[0]}
                )
        if problems:
            raise ValidationError(problems)
        if not lines:
            raise ValidationError(_("Write at least one line."))
        return lines


class BudgetDecisionForm(BootstrapMixin, forms.Form):
    decision = forms.CharField(label=_("Decision"), max_length=128)
    decided_on = DayField(label=_("Decided on"))

    def __init__(self, *args: Any, estimate: BudgetEstimate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.estimate = estimate
        self.lines = list(estimate.lines.all())
        for line in self.lines:
            self.fields[f"allocated-{line.pk}"] = AmountField(
                label=_("Allocated (VND): %(item)s") % {"item": line.item},
                initial=f"{int(line.requested):,}".replace(",", "."),
            )
            self.fields[f"allocated-{line.pk}"].widget.attrs["class"] = "form-control"

    def allocated(self) -> list[int]:
        return [self.cleaned_data[f"allocated-{line.pk}"] for line in self.lines]


class LibrarySearchForm(BootstrapMixin, forms.Form):
    """The legal library's filter: words, and a kind chosen from the list (one sent by hand
    that is not in it is refused by the field; the words still search)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Number, title or words, with or without diacritics"),
                "aria-label": _("Search"),
                "type": "search",
            }
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *LegalDocument.Kind.choices],
        error_messages={"invalid_choice": _("Choose a kind of text from the list.")},
        widget=forms.Select(attrs={"aria-label": _("Kind")}),
    )


# --- the review of an imported inspection plan ---------------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


class ImportedPlanForm(InspectionFields):
    """The inspection an imported plan describes, as the reviewer corrects it."""

    on_site_from = DayField(
        label=_("On site from"),
        required=False,
        help_text=_("Taken from the schedule; needed only when no unit has a date."),
    )
    on_site_to = DayField(label=_("On site to"), required=False)
    self_report_due = DayField(label=_("Inspected agencies' own reports due"), required=False)
    leader = PersonChoiceField(
        label=_("Team leader"), queryset=Person.objects.none(), required=False
    )
    team = PeopleChoiceField(label=_("Team"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = people  # type: ignore[attr-defined]
        self.fields["team"].queryset = people  # type: ignore[attr-defined]
        self.fields["team"].widget.attrs["size"] = "8"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("An end date is before its start."))
        return data


class ScheduleRowForm(BootstrapMixin, forms.Form):
    """A unit of the plan's schedule: kept or not, its directory agency, its days."""

    include = forms.BooleanField(label=_("Inspect"), required=False)
    ref = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    unit = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    note = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    when = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    agency = forms.CharField(
        label=_("Agency in the directory"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"list": "directory-agencies", "autocomplete": "off"}),
    )
    scheduled_from = DayField(label=_("From"), required=False)
    scheduled_to = DayField(label=_("To"), required=False)

    def __init__(self, *args: Any, agencies: dict[str, Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("include"):
            return data
        name = (data.get("agency") or "").strip()
        agency = self.agencies.get(fold(name)) if name else None
        if agency is None:
            self.add_error(
                "agency", _("Choose an agency of the directory, or leave this unit out.")
            )
        else:
            data["agency"] = agency
        start, end = data.get("scheduled_from"), data.get("scheduled_to")
        if start and end and end < start:
            self.add_error("scheduled_to", _("An end date is before its start."))
        return data


ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=0, max_num=500, validate_max=True)
