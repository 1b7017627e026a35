"""The registry's legal rules at their boundaries, each test naming its article."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bmnn.registry import rules
from bmnn.registry.rules import Extension, RuleViolation, protection_end


@pytest.mark.parametrize(
    ("level", "start", "end"),
    [
        ("mat", date(2026, 3, 10), date(2036, 3, 10)),
        ("toi_mat", date(2026, 12, 31), date(2046, 12, 31)),
        ("tuyet_mat", date(2026, 3, 1), date(2056, 3, 1)),
    ],
)
def test_base_periods_are_30_20_10_years_from_determination(level, start, end) -> None:
    """L18 Art. 19.1 (L25 keeps the periods)."""
    assert protection_end(level, start) == end
    assert rules.declassified_on(end) == end + timedelta(days=1)


@pytest.mark.parametrize(
    ("level", "end"),
    [("mat", date(2038, 2, 28)), ("toi_mat", date(2048, 2, 29)), ("tuyet_mat", date(2058, 2, 28))],
)
def test_a_29_february_start_ends_on_the_last_day_of_february(level, end) -> None:
    """Civil Code 2015 Art. 148.3–148.4 (by analogy for years); 2048 is a leap year."""
    assert protection_end(level, date(2028, 2, 29)) == end


def test_levels_may_be_given_as_choices() -> None:
    from bmnn.org.models import Level

    assert protection_end(Level.MAT, date(2026, 3, 10)) == date(2036, 3, 10)


def test_a_place_in_use_has_no_end_and_ends_when_released() -> None:
    """L18 Art. 19.3."""
    assert protection_end("tuyet_mat", date(2026, 5, 1), kind="place") is None
    assert protection_end(
        "tuyet_mat", date(2026, 5, 1), kind="place", released_on=date(2030, 1, 15)
    ) == date(2030, 1, 15)


def test_an_activity_may_have_a_shorter_period_but_not_a_longer_one() -> None:
    """L18 Art. 19.2."""
    assert protection_end("mat", date(2026, 4, 1), kind="activity", period_years=2) == date(
        2028, 4, 1
    )
    with pytest.raises(RuleViolation) as refused:
        protection_end("mat", date(2026, 4, 1), kind="activity", period_years=11)
    assert refused.value.article == "L18 Art. 19.2"


def test_extensions_replace_the_end_in_turn() -> None:
    """L18 Art. 20.2: each extension at most the base period."""
    first = Extension(date(2046, 3, 10), decided_on=date(2036, 1, 10))
    second = Extension(date(2056, 3, 10), decided_on=date(2046, 1, 9))  # 2046 is no leap year
    assert protection_end("mat", date(2026, 3, 10), [first, second]) == date(2056, 3, 10)


def test_an_extension_longer_than_the_base_period_is_refused() -> None:
    """L18 Art. 20.2."""
    with pytest.raises(RuleViolation) as refused:
        protection_end("mat", date(2026, 3, 10), [Extension(date(2046, 3, 11))])
    assert refused.value.article == "L18 Art. 20.2"


def test_the_extension_deadline_is_60_days_before_the_end() -> None:
    """L18 Art. 20.1; 2036 is a leap year, so 10/03/2036 - 60 days = 10/01/2036."""
    end = date(2036, 3, 10)
    assert rules.extension_deadline(end) == date(2036, 1, 10)
    rules.check_extension("mat", end, Extension(date(2040, 1, 1), decided_on=date(2036, 1, 10)))
    with pytest.raises(RuleViolation) as late:
        rules.check_extension("mat", end, Extension(date(2040, 1, 1), decided_on=date(2036, 1, 11)))
    assert late.value.article == "L18 Art. 20.1"


def test_an_extension_must_lengthen_the_period() -> None:
    with pytest.raises(RuleViolation):
        rules.check_extension("mat", date(2036, 3, 10), Extension(date(2036, 3, 10)))


def test_expiry_is_the_day_after_the_last_protected_day() -> None:
    """L18 Art. 22.2.a, 22.3: automatic declassification when the period ends."""
    end = date(2036, 3, 10)
    assert not rules.is_expired(end, date(2036, 3, 10))
    assert rules.is_expired(end, date(2036, 3, 11))
    assert not rules.is_expired(None, date(2099, 1, 1))


def test_holders_are_told_within_15_days() -> None:
    """L18 Art. 20.4, 21.5, 22.6."""
    assert rules.holder_notice_due(date(2026, 12, 20)) == date(2027, 1, 4)


def test_envelope_marks() -> None:
    """ND26 Art. 4.1.b."""
    assert [rules.envelope_mark(level) for level in rules.LEVELS] == ["A", "B", "C"]


def test_no_summary_for_tuyet_mat_from_1_march_2026() -> None:
    """Decree 63/2026 (from 01/3/2026); before: ND26 Art. 4.1.a, only with the classifier's consent."""
    assert not rules.summary_allowed("tuyet_mat", date(2026, 3, 1), classifier_consent=True)
    assert rules.summary_allowed("tuyet_mat", date(2026, 2, 28), classifier_consent=True)
    assert not rules.summary_allowed("tuyet_mat", date(2026, 2, 28))
    assert rules.summary_allowed("toi_mat", date(2026, 3, 1))


def test_nobody_classifies_or_reads_above_their_clearance() -> None:
    """L18 Art. 10.2, 26."""
    assert rules.may_classify("toi_mat", "mat") and rules.may_classify("toi_mat", "toi_mat")
    assert not rules.may_classify("toi_mat", "tuyet_mat")
    assert not rules.may_access("none", "mat")


@pytest.mark.parametrize("on", [date(2024, 5, 2), date(2026, 4, 1)])
def test_a_department_head_authorises_toi_mat_and_mat_copies_and_the_police_director_all(
    on,
) -> None:
    """L25 Art. 11 / L18 Art. 11.1–11.3: department heads authorise Tối mật and Mật, not
    Tuyệt mật; the provincial police director all three (TT104 Art. 4) — the same under both
    laws (the dated differences are in test_regimes.py)."""
    assert rules.may_authorise_copy("department", "toi_mat", on=on)
    assert not rules.may_authorise_copy("department", "tuyet_mat", on=on)
    assert rules.may_authorise_copy("provincial_police", "tuyet_mat", on=on)
    assert not rules.may_authorise_copy("press", "toi_mat", on=on)


def test_destruction_is_decided_by_tuyet_mat_and_toi_mat_authorities() -> None:
    """L18 Art. 23.3.a: the Tuyệt mật and Tối mật copy authorities decide, at any level (a
    Tối-mật-only department head for Tuyệt mật too — the earlier rule limited them to their own
    copy levels, which the article does not); L25: a council is mandatory for Tuyệt mật."""
    on = date(2026, 4, 1)
    assert rules.may_decide_destruction("department", "mat", on=on)
    assert rules.may_decide_destruction("department", "tuyet_mat", on=on)
    assert not rules.may_decide_destruction("press", "mat", on=on)
    assert rules.destruction_needs_council("tuyet_mat", on=on)
    assert not rules.destruction_needs_council("toi_mat", on=on)


# --- carrying out abroad and meetings ------------------------------------------------------------


def test_carrying_out_at_home_is_for_the_managing_head_only() -> None:
    """L18 Art. 14.1: the head of the body managing the secret approves."""
    assert rules.may_approve_carry_out("department", abroad=False, own_agency=True)
    assert not rules.may_approve_carry_out("peoples_committee", abroad=False, own_agency=False)


def test_carrying_out_abroad_needs_an_article_14_2_authority() -> None:
    """L18 Art. 14.2: list 11.1 points a–đ and g–l — not a department head, nor the provincial
    court or procuracy (point e)."""
    assert rules.may_approve_carry_out("peoples_committee", abroad=True, own_agency=False)
    for kind in ("department", "central", "provincial_police", "commune"):
        assert not rules.may_approve_carry_out(kind, abroad=True, own_agency=True)


def _meeting(**changes):
    values = {"level": "mat", "protection_plan": "Phòng họp kín, thu hồi tài liệu cuối buổi"}
    return rules.MeetingPlan(**(values | changes))


def _articles(plan) -> list[str]:
    return [violation.article for violation in rules.meeting_violations(plan)]


def test_a_meeting_at_headquarters_with_a_plan_may_go_ahead() -> None:
    """L18 Art. 17.1; ND26 Art. 6: closed room at headquarters, wired microphones, a plan."""
    assert rules.meeting_violations(_meeting()) == []


def test_a_meeting_needs_a_protection_plan() -> None:
    """L18 Art. 17.1."""
    assert _articles(_meeting(protection_plan=" ")) == ["L18 Art. 17.1; ND26 Art. 6"]


def test_a_venue_elsewhere_needs_a_police_security_check() -> None:
    """ND26 Art. 6: outside headquarters the police check the venue."""
    assert _articles(_meeting(at_headquarters=False)) == ["ND26 Art. 6"]
    assert _articles(_meeting(at_headquarters=False, venue_checked_by_police=True)) == []


def test_no_recording_devices_in_tuyet_mat_and_toi_mat_meetings() -> None:
    """ND26 Art. 6.2: banned at Tuyệt mật and Tối mật whatever the chair says; at Mật the
    chair decides."""
    for level in ("toi_mat", "tuyet_mat"):
        plan = _meeting(
            level=level,
            recording_devices=True,
            devices_allowed_by_chair=True,
            participants_screened=True,
        )
        assert _articles(plan) == ["ND26 Art. 6.2"]
    assert _articles(_meeting(recording_devices=True)) == ["ND26 Art. 6.2"]
    assert _articles(_meeting(recording_devices=True, devices_allowed_by_chair=True)) == []


def test_wired_microphones_and_protected_video_links() -> None:
    """ND26 Art. 6.2."""
    assert _articles(_meeting(wired_microphones=False)) == ["ND26 Art. 6.2"]
    assert _articles(_meeting(video_conference=True)) == ["ND26 Art. 6.2"]
    assert _articles(_meeting(video_conference=True, protected_link=True)) == []


def test_tuyet_mat_participants_are_security_checked() -> None:
    """ND26 Art. 6: security checks on participants of a Tuyệt mật meeting."""
    assert _articles(_meeting(level="tuyet_mat")) == ["ND26 Art. 6"]
    assert _articles(_meeting(level="tuyet_mat", participants_screened=True)) == []


def test_the_room_is_sealed_each_day_from_two_days() -> None:
    """ND26 Art. 6: meetings of two days or more."""
    assert not rules.meeting_needs_daily_seal(1)
    assert rules.meeting_needs_daily_seal(2)


def test_who_consents_to_a_meeting() -> None:
    """L18 Art. 17.1.a: the provision authority of the level; Art. 17.2 with Art. 16: for
    foreign participants the Art. 16 authority — never a department head, and not for
    Tuyệt mật in a province (the Prime Minister decides)."""
    kw = {"on": date(2026, 4, 1)}
    assert rules.may_consent_to_meeting("department", "toi_mat", foreign_element=False, **kw)
    assert not rules.may_consent_to_meeting("department", "tuyet_mat", foreign_element=False, **kw)
    assert not rules.may_consent_to_meeting("press", "toi_mat", foreign_element=False, **kw)
    assert not rules.may_consent_to_meeting("department", "mat", foreign_element=True, **kw)
    assert rules.may_consent_to_meeting("peoples_committee", "toi_mat", foreign_element=True, **kw)
    assert not rules.may_consent_to_meeting(
        "peoples_committee", "tuyet_mat", foreign_element=True, **kw
    )
