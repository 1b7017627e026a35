"""Template helpers for presenting lists: `{% load bmnn_format %}`.

`rows|vi_sort:"agency.name"` sorts a list the Vietnamese way by an attribute path (dots walk
attributes or dictionary keys); `names|vi_sort` sorts plain strings."""

from __future__ import annotations

from typing import Any

from django import template

from bmnn.core.sorting import vietnamese_sorted

register = template.Library()


def _walk(row: Any, path: str) -> Any:
    value = row
    for part in path.split("."):
        if value is None:
            return ""
        value = value.get(part, "") if isinstance(value, dict) else getattr(value, part, "")
        if callable(value):
            value = value()
    return value


@register.filter
def vi_sort(rows: Any, path: str = "") -> list[Any]:
    if not rows:
        return []
    if not path:
        return vietnamese_sorted(rows, key=str)
    return vietnamese_sorted(rows, key=lambda row: _walk(row, path))


DATE_PLACEHOLDER = "dd/mm/yyyy"


def is_date_field(bound: Any) -> bool:
    """A date typed as text (Django's DateInput renders type="text"): it gets the day/month/year
    hint. A browser date picker (type="date") shows its own format."""
    from django import forms

    widget = bound.field.widget
    return isinstance(widget, forms.DateInput) and getattr(widget, "input_type", "") == "text"


@register.filter
def date_hint(bound: Any) -> bool:
    return is_date_field(bound)


@register.filter
def bmnn_widget(bound: Any) -> Any:
    """The field's input with what the form page needs: the dd/mm/yyyy placeholder on dates,
    `is-invalid` and aria-invalid when the field has errors, and aria-describedby pointing at
    its help and error lines (ids `<id>-help`, `<id>_error`: Django's own name for the error
    line, also used by the pages that lay out their fields by hand)."""
    attrs: dict[str, str] = {}
    widget_attrs = bound.field.widget.attrs
    described = []
    if is_date_field(bound):
        attrs.setdefault("placeholder", widget_attrs.get("placeholder") or DATE_PLACEHOLDER)
        attrs.setdefault("inputmode", widget_attrs.get("inputmode") or "numeric")
        described.append(f"{bound.auto_id}-help")
    elif bound.help_text:
        described.append(f"{bound.auto_id}-help")
    if bound.errors:
        css = widget_attrs.get("class", "")
        attrs["class"] = f"{css} is-invalid".strip()
        attrs["aria-invalid"] = "true"
        described.append(f"{bound.auto_id}_error")
    if described and bound.auto_id:
        attrs["aria-describedby"] = " ".join(described)
    return bound.as_widget(attrs=attrs) if attrs else bound
