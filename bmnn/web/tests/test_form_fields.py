"""The shared form fields: dates hint dd/mm/yyyy, a bad value comes back typed and explained in
Vietnamese next to its field."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class _Form(forms.Form):
    name = forms.CharField(label="Tên", help_text="Tên đầy đủ")
    starts = forms.DateField(label="Từ ngày")
    count = forms.IntegerField(label="Số lượng", min_value=0)
    agree = forms.BooleanField(label="Đồng ý", required=False)


def _render(data: dict | None = None) -> str:
    with translation.override("vi"):
        form = _Form(data)
        if data is not None:
            form.is_valid()
        return render_to_string("web/_form_fields.html", {"form": form})


def test_a_date_input_says_day_month_year() -> None:
    html = _render()
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'inputmode="numeric"' in html
    assert "Ngày/tháng/năm, ví dụ 31/12/2026." in html
    assert 'aria-describedby="id_starts-help"' in html and 'id="id_starts-help"' in html


def test_bad_values_stay_typed_with_their_message_next_to_the_field() -> None:
    html = _render({"name": "", "starts": "31/02/2026", "count": "mười"})
    starts = html[html.index('for="id_starts"') : html.index('for="id_count"')]
    assert 'value="31/02/2026"' in starts
    assert 'aria-invalid="true"' in starts and "is-invalid" in starts
    assert 'id="id_starts_error"' in starts
    assert "Nhập một ngày hợp lệ" in starts  # Django's own message, in Vietnamese
    count = html[html.index('for="id_count"') : html.index('for="id_agree"')]
    assert 'value="mười"' in count
    assert "Nhập một số nguyên" in count
    name = html[html.index('for="id_name"') : html.index('for="id_starts"')]
    assert "Trường này là bắt buộc" in name
    assert "id_name-help id_name_error" in name


class _Elements(HTMLParser):
    """Every element's attributes by id, and the text inside each element that has an id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str]] = {}
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.by_id[values["id"]] = values
            if tag == "div":
                self._open.append(values["id"])
                self.text[values["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element in self._open:
            self.text[element] += data


def test_an_invalid_input_points_at_its_message_and_says_it_is_invalid() -> None:
    """A screen reader reads the message with the field: the input has aria-invalid and its
    aria-describedby names the element `<id>_error` that holds the message."""
    page = _Elements()
    page.feed(_render({"name": "Nguyễn Văn An", "starts": "31/02/2026", "count": "-3"}))

    for field, message in (
        ("id_starts", "Nhập một ngày hợp lệ"),
        ("id_count", "lớn hơn hoặc bằng"),
    ):
        input_ = page.by_id[field]
        assert input_.get("aria-invalid") == "true"
        assert f"{field}_error" in input_.get("aria-describedby", "").split()
        assert message in page.text[f"{field}_error"]
    valid = page.by_id["id_name"]
    assert "aria-invalid" not in valid and "id_name_error" not in page.by_id
    assert valid["aria-describedby"] == "id_name-help"
