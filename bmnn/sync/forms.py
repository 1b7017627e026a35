"""The node page's two forms: trusting another node by its card, and importing a bundle. A
refusal (an empty card, a card that is not one, no file, a file too large or altered) comes back
by its field on the same page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BUNDLE = 200 * 1024 * 1024
CHOOSE_BUNDLE = _("Choose a bundle file (at most 200 MB).")


class TrustForm(forms.Form):
    card = forms.CharField(
        label=_("Trust another node: paste its card"),
        max_length=20_000,
        error_messages={"required": _("Paste the other node's card.")},
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control font-monospace small"}),
    )


class ReceiveForm(forms.Form):
    bundle = forms.FileField(
        label=_("Bundle file"),
        error_messages={"required": CHOOSE_BUNDLE, "empty": CHOOSE_BUNDLE},
        widget=forms.FileInput(attrs={"class": "form-control"}),
    )

    def clean_bundle(self) -> Any:
        upload = self.cleaned_data["bundle"]
        if (upload.size or 0) > MAX_BUNDLE:
            raise forms.ValidationError(CHOOSE_BUNDLE)
        return upload
