"""What every form of the site shares: the Bootstrap classes on its widgets.

The domain apps' forms mix this in so that a field renders with Bootstrap's look without each
template naming the class; it belongs here, with the base layout, not to any one domain app.
"""

from __future__ import annotations

from django import forms


class BootstrapMixin:
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)
