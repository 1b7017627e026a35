"""The forms of reporting and incidents. What a person types is checked here, field by field, so
that a mistake comes back on the same page with everything typed and the message next to its
field; the services check again, since the API calls them too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bmnn.org.models import Agency, AgencyGroup, Level
from bmnn.reports import figures, province, rules
from bmnn.reports.models import Incident, ProvinceReport, ReportingPeriod, Submission
from bmnn.web.forms import BootstrapMixin, take_errors

DAY_HINT = _("dd/mm/yyyy, e.g. 05/03/2026")
DAY_INVALID = _("Write a real date as dd/mm/yyyy, e.g. 05/03/2026.")
MOMENT_HINT = _("dd/mm/yyyy hh:mm, e.g. 05/03/2026 14:30")
MOMENT_INVALID = _("Write a real date and time as dd/mm/yyyy hh:mm, e.g. 05/03/2026 14:30.")
NARRATIVE = ("situation", "shortcomings", "lessons", "proposals")
# numbers typed as text, so that letters reach the server and come back with a message (a
# number input drops them, and the person sees only "required")
NUMBER = forms.TextInput(attrs={"inputmode": "numeric"})


def day_field(label: Any, *, required: bool = True, help_text: Any = DAY_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"invalid": DAY_INVALID},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


# --- reporting periods -------------------------------------------------------------------------


class PeriodForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingPeriod.Kind.choices)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=NUMBER,
        error_messages={
            "invalid": _("Write the year in figures, e.g. 2026."),
            "min_value": _("Choose a year from 2000 to 2100."),
            "max_value": _("Choose a year from 2000 to 2100."),
        },
    )
    part = forms.IntegerField(
        label=_("Half or quarter"),
        min_value=1,
        max_value=4,
        initial=1,
        widget=NUMBER,
        help_text=_("For six-monthly and quarterly reports"),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            _("Write 1 or 2 for a half, 1 to 4 for a quarter."),
        ),
    )
    title = forms.CharField(
        label=_("Report title"),
        required=False,
        max_length=255,
        help_text=_("Left empty, the statutory title is used"),
    )
    window_start = day_field(_("Data from"), required=False)
    window_end = day_field(_("Data to"), required=False)
    due_on = day_field(
        _("Agencies report by"),
        required=False,
        help_text=_("dd/mm/yyyy; left empty, the dates follow the statutory calendar"),
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies asked"), required=False, queryset=Agency.objects.filter(is_active=True)
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups asked"), required=False, queryset=AgencyGroup.objects.all()
    )
    questions = forms.CharField(
        label=_("Questions, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, due = data.get("window_start"), data.get("window_end"), data.get("due_on")
        problems = rules.period_date_problems(start, end, due)
        if "window_end" in problems:
            self.add_error("window_end", _("The data window ends before it starts."))
        if "due_on" in problems:
            self.add_error("due_on", _("The deadline is before the data window starts."))
        if data.get("kind") == ReportingPeriod.Kind.AD_HOC:
            if not (data.get("title") or "").strip():
                self.add_error("title", _("An ad-hoc request needs a title."))
            for name in ("window_start", "window_end", "due_on"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("An ad-hoc request needs this date."))
            if not data.get("agencies") and not data.get("groups"):
                self.add_error("agencies", _("Choose the agencies or groups asked to report."))
        elif data.get("kind") in ("semiannual", "quarterly") and data.get("part"):
            count = 2 if data["kind"] == "semiannual" else 4
            if data["part"] > count:
                self.add_error("part", _("Write 1 or 2 for a half, 1 to 4 for a quarter."))
        return data


class PeriodChangeForm(BootstrapMixin, forms.Form):
    due_on = day_field(_("Agencies report by"), help_text="")
    status = forms.ChoiceField(label=_("Status"), choices=ReportingPeriod.Status.choices)

    def __init__(self, *args: Any, period: ReportingPeriod, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"due_on": period.due_on, "status": period.status})
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_due_on(self) -> Any:
        due = self.cleaned_data["due_on"]
        if rules.period_date_problems(self.period.window_start, None, due):
            raise ValidationError(_("The deadline is before the data window starts."))
        return due


# --- an agency's report ------------------------------------------------------------------------


class FigureField(forms.IntegerField):
    """A figure of the report: a whole number from 0, with messages that say what to type."""

    def __init__(self, *, label: Any, most: int = figures.FIGURE_MAX) -> None:
        too_large = (
            _("Enter 1 if the regulation is issued, 0 if not.")
            if most == 1
            else _("This figure is too large: at most %(limit_value)s.")
        )
        super().__init__(
            label=label,
            min_value=0,
            max_value=most,
            error_messages={
                "required": _("Enter a number (0 if there is none)."),
                "invalid": _("Enter a whole number, such as 3."),
                "min_value": _("A figure cannot be negative."),
                "max_value": too_large,
            },
        )


def _figure_name(key: str) -> str:
    return f"fig-{key}"


def _reason_name(key: str) -> str:
    return f"why-{key}"


class SubmissionForm(forms.Form):
    """The narrative, the answers to a request's questions, and every figure with the reason for
    a correction. A field missing from the data keeps what the report holds (a partial post
    changes only what it sends)."""

    def __init__(self, data: Any = None, *, submission: Submission) -> None:
        self.submission = submission
        initial: dict[str, Any] = {name: getattr(submission, name) for name in NARRATIVE}
        for index, entry in enumerate(submission.answers):
            initial[f"answer-{index}"] = entry.get("answer", "")
        for key in figures.KEYS:
            entry = submission.figures.get(key) or {}
            initial[_figure_name(key)] = int(entry.get("value") or 0)
            initial[_reason_name(key)] = entry.get("reason", "")
        if data is not None:
            merged = {name: str(value) for name, value in initial.items()}
            merged.update({name: data.get(name) for name in data if name in merged})
            data = merged
        super().__init__(data, initial=initial)
        for name in NARRATIVE:
            self.fields[name] = forms.CharField(
                label=getattr(Submission._meta.get_field(name), "verbose_name", name),
                required=False,
                max_length=50_000,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            )
        for index, entry in enumerate(submission.answers):
            self.fields[f"answer-{index}"] = forms.CharField(
                label=entry.get("question", ""),
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
        levels = dict(Level.choices)
        for figure in figures.FIGURES:
            label = (
                f"{figure.label} ({levels[figure.level]})" if figure.level else str(figure.label)
            )
            most = 1 if figure.key == "regulation_issued" else figures.FIGURE_MAX
            self.fields[_figure_name(figure.key)] = FigureField(label=label, most=most)
            self.fields[_reason_name(figure.key)] = forms.CharField(
                label=_("Reason for a correction"), required=False, max_length=500
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {}
        for key in figures.KEYS:
            value = data.get(_figure_name(key))
            entry = self.submission.figures.get(key) or {}
            values[key] = int(entry.get("value") or 0) if value is None else value
            auto = entry.get("auto")
            reason = (data.get(_reason_name(key)) or "").strip()
            if value is not None and auto is not None and value != int(auto) and not reason:
                self.add_error(
                    _reason_name(key),
                    _("Differs from BMNN's records (%(auto)s): give the reason.") % {"auto": auto},
                )
        for key, message in figures.contradictions(values).items():
            if _figure_name(key) not in self.errors:
                self.add_error(_figure_name(key), str(message))
        return data

    def narrative(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in NARRATIVE}

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer-{i}"] for i in range(len(self.submission.answers))]

    def corrections(self) -> dict[str, tuple[int, str]]:
        """The figures whose value or reason differs from what the report holds."""
        changed = {}
        for key in figures.KEYS:
            entry = self.submission.figures.get(key) or {}
            value = self.cleaned_data[_figure_name(key)]
            reason = self.cleaned_data[_reason_name(key)].strip()
            if value != int(entry.get("value") or 0) or reason != entry.get("reason", ""):
                changed[key] = (value, reason)
        return changed

    def take(self, exc: ValidationError) -> None:
        """A refusal of the services, each message on its field (figures by their key)."""
        take_errors(self, exc, {key: _figure_name(key) for key in figures.KEYS})

    def figure_rows(self) -> list[dict[str, Any]]:
        """The figures in form order for the table: label, group, source, the value from the
        records, and the bound fields of the value and the reason."""
        rows = []
        for row in figures.rows_for_display(self.submission.figures):
            row["field"] = self[_figure_name(row["key"])]
            row["why"] = self[_reason_name(row["key"])]
            rows.append(row)
        return rows

    def narrative_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in NARRATIVE]

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer-{i}"] for i in range(len(self.submission.answers))]


class ReviewForm(forms.Form):
    """A supervisor's comment when accepting or returning an agency's report."""

    comment = forms.CharField(
        label=_("Comment to the agency"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class SendBackForm(forms.Form):
    """The head returns the report to the officer with the reason."""

    prefix = "back"
    comment = forms.CharField(
        label=_("What the officer must change"),
        max_length=5_000,
        error_messages={"required": _("Say what the officer must change.")},
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


# --- the province's report ---------------------------------------------------------------------


class ProvinceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProvinceReport
        fields = [*province.HEADER_FIELDS, *province.NARRATIVE]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in province.NARRATIVE} | {
            "recipients": forms.Textarea(attrs={"rows": 3})
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day = self.fields["day"]
        day.error_messages["invalid"] = DAY_INVALID
        day.help_text = DAY_HINT
        day.widget.attrs.update({"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


# --- incidents ---------------------------------------------------------------------------------


class IncidentForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        error_messages={"required": _("Choose the agency where it happened.")},
    )
    what = forms.CharField(
        label=_("What was leaked or lost"),
        max_length=20_000,
        error_messages={"required": _("Say what was leaked or lost.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Level.choices], required=False)
    found_at = forms.DateTimeField(
        label=_("When it was found"),
        help_text=MOMENT_HINT,
        error_messages={
            "invalid": MOMENT_INVALID,
            "required": _("Say when it was found."),
        },
        widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[("", "—"), *Incident.Channel.choices],
        error_messages={"required": _("Say how the secret was leaked or lost.")},
    )
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    measures = forms.CharField(
        label=_("Measures taken"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        """`agencies`: those the person may report for; the only one is chosen already."""
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = agencies  # type: ignore[attr-defined]
        only = list(agencies.order_by("pk")[:2])
        if len(only) == 1:
            self.initial.setdefault("agency", only[0].pk)
        self.initial.setdefault("found_at", timezone.localtime().strftime("%d/%m/%Y %H:%M"))

    def clean_found_at(self) -> Any:
        found = self.cleaned_data["found_at"]
        if found and rules.found_later_than(found, timezone.now()):
            raise ValidationError(_("The time it was found is in the future."))
        return found


class StepForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("What was done"),
        max_length=20_000,
        error_messages={"required": _("Say what was done to handle it.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
