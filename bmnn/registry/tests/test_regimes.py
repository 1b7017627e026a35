"""Rules looked up by the date of the act: Law 29/2018 (to 30/6/2025), the interim regime
(01/7/2025–28/2/2026: Law 81/2025, Decree 184/2025) and Law 117/2025 (from 01/3/2026). Each test
names the article; the interim's commune titles are the project's reading of summaries (see the
note in rules.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.org.models import AgencyType, Role
from bmnn.registry import rules, services
from bmnn.registry.models import ItemStatus
from bmnn.registry.rules import INTERIM, L18, L25, MAT, TOI_MAT, TUYET_MAT, regime_on
from bmnn.registry.tests.builders import destroy, received

IN_2024 = date(2024, 5, 2)
IN_INTERIM = date(2025, 10, 1)
IN_2026 = date(2026, 4, 1)


# --- the dated table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (date(2020, 7, 1), L18),
        (date(2025, 6, 30), L18),
        (date(2025, 7, 1), INTERIM),
        (date(2026, 2, 28), INTERIM),
        (date(2026, 3, 1), L25),
        (date(2031, 1, 1), L25),
    ],
)
def test_an_act_is_judged_by_the_regime_of_its_day(day, regime) -> None:
    """L18 in force 01/7/2020–30/6/2025; Law 81/2025 and Decree 184/2025 from 01/7/2025; Law
    117/2025 and Decree 63/2026 from 01/3/2026 (LAW.md, "Sources and what is in force")."""
    assert regime_on(day) is regime
    assert regime.in_force_on(day)


def test_an_act_before_1_july_2020_is_judged_by_the_oldest_regime_encoded() -> None:
    """The 2000 Ordinance is not encoded: earlier acts fall to Law 29/2018, which is not in
    force on that day (its catalogue and period articles applied from 01/01/2019)."""
    assert regime_on(date(2020, 6, 30)) is L18
    assert regime_on(date(2019, 1, 1)) is L18
    assert not L18.in_force_on(date(2020, 6, 30))


def test_the_regimes_follow_one_another_without_gap_or_overlap() -> None:
    """One regime for every day from 01/7/2020 on; the last is open-ended."""
    for older, newer in zip(rules.REGIMES, rules.REGIMES[1:], strict=False):
        assert older.valid_to is not None
        assert newer.valid_from == older.valid_to + timedelta(days=1)
    assert rules.REGIMES[-1].valid_to is None
    for regime in rules.REGIMES:
        assert set(regime.articles) == {
            rules.COPY,
            rules.PROVISION,
            rules.DESTRUCTION,
            rules.COUNCIL,
            rules.MEETING,
            rules.MEETING_FOREIGN,
            rules.SUMMARY,
        }


def test_refusals_cite_the_article_of_the_day() -> None:
    """L18 Art. 11 until 30/6/2025, L25 Art. 11 from 01/3/2026; L18 Art. 23.4 vs L25 Art. 23."""
    assert rules.cite(rules.COPY, date(2025, 6, 30)) == "L18 Art. 11"
    assert rules.cite(rules.COPY, date(2026, 3, 1)) == "L25 Art. 11"
    assert rules.cite(rules.COPY, IN_INTERIM).startswith("L18 Art. 11 as amended")
    assert rules.cite(rules.COUNCIL, date(2026, 2, 28)) == "L18 Art. 23.4"
    assert rules.cite(rules.COUNCIL, date(2026, 3, 1)) == "L25 Art. 23"


# --- commune titles (L25 Art. 11; interim) -------------------------------------------------------


def test_a_commune_chair_authorises_toi_mat_copies_from_1_july_2025_only() -> None:
    """L18 Art. 11.2 gave communes no copy authority (district chairs had it); from 01/7/2025
    and under L25 Art. 11 the commune People's Committee chair authorises Tối mật and Mật, not
    Tuyệt mật."""
    assert not rules.may_authorise_copy("commune", TOI_MAT, on=IN_2024)
    assert not rules.may_authorise_copy("commune", MAT, on=date(2025, 6, 30))
    assert rules.may_authorise_copy("commune", TOI_MAT, on=date(2025, 7, 1))
    assert rules.may_authorise_copy("commune", TOI_MAT, on=IN_2026)
    assert rules.may_authorise_copy("commune", MAT, on=IN_2026)
    assert not rules.may_authorise_copy("commune", TUYET_MAT, on=IN_2026)


def test_the_commune_party_secretary_has_the_chair_s_power() -> None:
    """L25 Art. 11 [S]: the commune Party committee secretary authorises Tối mật and Mật."""
    assert not rules.may_authorise_copy("commune_party", TOI_MAT, on=IN_2024)
    assert rules.may_authorise_copy("commune_party", TOI_MAT, on=IN_2026)
    assert not rules.may_authorise_copy("commune_party", TUYET_MAT, on=IN_2026)


def test_a_commune_division_head_authorises_mat_only() -> None:
    """L25 Art. 11 [S]: heads of divisions (trưởng phòng) of the commune People's Committee
    authorise Mật only; under L18 they had nothing."""
    assert rules.may_authorise_copy("commune_division", MAT, on=IN_2026)
    assert rules.may_authorise_copy("commune_division", MAT, on=IN_INTERIM)
    assert not rules.may_authorise_copy("commune_division", TOI_MAT, on=IN_2026)
    assert not rules.may_authorise_copy("commune_division", MAT, on=IN_2024)


def test_provision_and_meeting_consent_follow_the_copy_table_of_the_day() -> None:
    """L18 Art. 15.1 (the Art. 11 lists) and Art. 17.1.a (the provision authority)."""
    assert not rules.may_authorise_provision("commune", TOI_MAT, on=IN_2024)
    assert rules.may_authorise_provision("commune", TOI_MAT, on=IN_2026)
    assert not rules.may_consent_to_meeting("commune", MAT, foreign_element=False, on=IN_2024)
    assert rules.may_consent_to_meeting("commune", MAT, foreign_element=False, on=IN_2026)


# --- destruction (L18 Art. 23.3.a, 23.4; L25 Art. 23) ---------------------------------------------


@pytest.mark.parametrize("day", [IN_2024, IN_INTERIM, IN_2026])
def test_a_toi_mat_authority_decides_destruction_at_every_level(day) -> None:
    """L18 Art. 23.3.a names the Tuyệt mật and Tối mật copy authorities with no per-level limit
    among them (SOURCES.md §11): a department head (Tối mật and Mật) decides the destruction
    of a Tuyệt mật item too; a Mật-only authority decides none."""
    assert rules.may_decide_destruction("department", TUYET_MAT, on=day)
    assert rules.may_decide_destruction("department", MAT, on=day)
    assert not rules.may_decide_destruction("press", MAT, on=day)
    assert not rules.may_decide_destruction("commune_division", MAT, on=day)


def test_a_commune_chair_decides_destruction_once_the_commune_has_toi_mat_authority() -> None:
    """L18 Art. 23.3.a with the copy table of the day: nothing for communes in 2024."""
    assert not rules.may_decide_destruction("commune", MAT, on=IN_2024)
    assert rules.may_decide_destruction("commune", TUYET_MAT, on=IN_2026)


def test_every_destruction_needs_a_council_until_l25_then_only_tuyet_mat() -> None:
    """L18 Art. 23.4 (unchanged in the interim): a council for every destruction; L25 [S]:
    mandatory for Tuyệt mật only."""
    for level in rules.LEVELS:
        assert rules.destruction_needs_council(level, on=IN_2024)
        assert rules.destruction_needs_council(level, on=date(2026, 2, 28))
    assert rules.destruction_needs_council(TUYET_MAT, on=date(2026, 3, 1))
    assert not rules.destruction_needs_council(TOI_MAT, on=date(2026, 3, 1))
    assert not rules.destruction_needs_council(MAT, on=date(2026, 3, 1))


# --- the Tuyệt mật summary (ND26 Art. 4.1.a; Decree 63/2026) -------------------------------------


def test_the_tuyet_mat_summary_by_the_date_of_the_record() -> None:
    """ND26 Art. 4.1.a (L18 and the interim): with the classifier's consent; Decree 63/2026
    from 01/3/2026: never. Other levels always."""
    for day in (IN_2024, date(2025, 6, 30), date(2025, 7, 1), date(2026, 2, 28)):
        assert rules.summary_allowed(TUYET_MAT, day, classifier_consent=True)
        assert not rules.summary_allowed(TUYET_MAT, day)
    assert not rules.summary_allowed(TUYET_MAT, date(2026, 3, 1), classifier_consent=True)
    assert rules.summary_allowed(TOI_MAT, date(2026, 3, 1))
    assert rules.summary_allowed(MAT, IN_2024)


# --- the services use the date of the act ------------------------------------------------------------


@pytest.fixture
def on_day(monkeypatch):
    """Makes `timezone.localdate()` (with no argument: "today") return the given day."""
    real = timezone.localdate

    def set_day(day: date) -> None:
        def fake(value=None, timezone=None):  # same signature as Django's
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", fake)

    return set_day


@pytest.fixture
def commune(make_agency, make_person):
    ubnd = make_agency("UBND xã Thử Nghiệm", type=AgencyType.COMMUNE)
    division = make_agency("Phòng Kinh tế xã Thử Nghiệm", type=AgencyType.COMMUNE_DIVISION)
    return {
        "ubnd": ubnd,
        "chair": make_person(ubnd, Role.HEAD, "Lê Văn Xã", clearance="toi_mat"),
        "officer": make_person(ubnd, Role.SECURITY_OFFICER, "Đào Thị Văn", clearance="toi_mat"),
        "division": division,
        "division_head": make_person(division, Role.HEAD, "Ngô Văn Phòng", clearance="toi_mat"),
        "division_officer": make_person(division, Role.SECURITY_OFFICER, clearance="toi_mat"),
    }


def _received(officer, agency, level, day):
    entry = received(
        {},  # no province to look people up in: the officer and agency are given
        level,
        by=officer,
        agency=agency,
        issuer_name="UBND tỉnh",
        number="7/KH-UBND",
        doc_date=day - timedelta(days=10),
    )
    return entry.item


def test_a_commune_chair_s_copy_authorisation_in_2024_and_in_2026(on_day, commune) -> None:
    """L18 Art. 11 (2024: refused, citing L18) vs L25 Art. 11 (2026: allowed)."""
    on_day(IN_2024)
    item = _received(commune["officer"], commune["ubnd"], "toi_mat", IN_2024)
    with pytest.raises(ValidationError, match=r"\(L18 Art\. 11\)"):
        services.authorise_copies(actor=commune["chair"], item=item, count=1)
    on_day(IN_2026)
    grant = services.authorise_copies(actor=commune["chair"], item=item, count=1)
    assert grant.authorised_on == IN_2026


def test_a_commune_division_head_authorises_mat_copies_but_not_toi_mat(on_day, commune) -> None:
    """L25 Art. 11 [S]: trưởng phòng of the commune People's Committee, Mật only."""
    on_day(IN_2026)
    mat = _received(commune["division_officer"], commune["division"], "mat", IN_2026)
    toi_mat = _received(commune["division_officer"], commune["division"], "toi_mat", IN_2026)
    services.authorise_copies(actor=commune["division_head"], item=mat, count=1)
    with pytest.raises(ValidationError, match=r"\(L25 Art\. 11\)"):
        services.authorise_copies(actor=commune["division_head"], item=toi_mat, count=1)


def test_a_toi_mat_authority_destroys_a_tuyet_mat_item_with_a_council(on_day, reg) -> None:
    """L18 Art. 23.3.a: the department head (Tối mật and Mật copy authority) decides; L25 Art. 23:
    a council is mandatory for Tuyệt mật."""
    on_day(IN_2026)
    item = _received(reg["officer"], reg["justice"], "tuyet_mat", IN_2026)
    with pytest.raises(ValidationError, match=r"\(L25 Art\. 23\)"):
        destroy(reg, item, "Đốt")
    destroy(reg, item, "Đốt, biên bản số 2", council=["Trần Văn Định", "Nguyễn Thị Hoa"])
    item.refresh_from_db()
    assert item.status == ItemStatus.DESTROYED and item.destroyed_on == IN_2026


def test_a_mat_item_without_a_council_refused_under_l18_and_allowed_under_l25(on_day, reg) -> None:
    """L18 Art. 23.4: every destruction on a council's proposal (refusal names L18 Art. 23.4);
    L25 [S]: none required for Mật."""
    on_day(IN_2024)
    item = _received(reg["officer"], reg["justice"], "mat", IN_2024)
    with pytest.raises(ValidationError, match=re.escape("(L18 Art. 23.4)")):
        destroy(reg, item, "Đốt")
    with pytest.raises(ValidationError, match=re.escape("(L18 Art. 23.4)")):
        destroy(reg, item, "Đốt", council=["Trần Văn Định", " "])
    on_day(IN_2026)
    destroy(reg, item, "Đốt, biên bản số 3")
    item.refresh_from_db()
    assert item.status == ItemStatus.DESTROYED


def test_a_mat_only_head_may_not_decide_destruction_citing_the_article_of_the_day(
    on_day, reg, make_person
) -> None:
    """L18 Art. 23.3.a in 2024, L25 Art. 23 in 2026: the press head (Mật only) decides none."""
    officer = make_person(reg["press"], Role.SECURITY_OFFICER, clearance="mat")
    on_day(IN_2024)
    item = _received(officer, reg["press"], "mat", IN_2024)
    with pytest.raises(ValidationError, match=re.escape("(L18 Art. 23.3.a)")):
        destroy(reg, item, "x", council=["A", "B"], by="press_head")
    on_day(IN_2026)
    with pytest.raises(ValidationError, match=re.escape("(L25 Art. 23)")):
        destroy(reg, item, "x", council=["A", "B"], by="press_head")
