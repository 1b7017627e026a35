"""Every audit sentence is translated the same way: the act alone ("lập gói dữ liệu số 3 gửi nút
…"), because the audit page's sentence puts "đã" between the person and the act. A translation
that says "đã" itself reads differently from the others wherever the act is shown alone."""

from __future__ import annotations

from django.utils import translation

from bmnn.core import audit_text


def _vietnamese_acts() -> dict[str, str]:
    with translation.override("vi"):
        return {code: str(template) for code, template in audit_text.SENTENCES.items()}


def test_the_page_sentence_says_da_before_the_act() -> None:
    with translation.override("vi"):
        assert (
            translation.gettext("%(who)s %(did)s at %(when)s") == "%(who)s đã %(did)s lúc %(when)s"
        )


def test_no_audit_act_is_translated_with_its_own_da() -> None:
    acts = _vietnamese_acts()
    assert len(acts) > 100  # the sentences were read, in Vietnamese
    assert acts["sync.export"].startswith("lập gói dữ liệu số")
    assert {code: act for code, act in acts.items() if act.split(" ", 1)[0].lower() == "đã"} == {}
