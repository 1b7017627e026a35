"""The classification levels of state secrets and their words: the one place that names them.

Law 29/2018/QH14 Art. 8 [V] sets three levels, highest first: Tuyệt mật, Tối mật, Mật; Law
117/2025/QH15 keeps them [S] (shared/domain/SOURCES.md, "độ mật"). The codes below are what the
database, the API, bundles and the scanner's verdicts store; the Django choices in
`bmnn.org.models` take their values from here and add the translated labels.

No Django imports: the scanner engine, the plan importer and the device agent are Django-free
and read the levels from this module too.
"""

from __future__ import annotations

# L18 Art. 8 [V], L25 [S]: the three levels, highest first.
TUYET_MAT, TOI_MAT, MAT = "tuyet_mat", "toi_mat", "mat"
LEVELS = (TUYET_MAT, TOI_MAT, MAT)
# A person's clearance may also be none at all (no access to any state secret).
NO_CLEARANCE = "none"

# The order of the levels (Art. 8 lists them highest first) and of a person's clearance, which
# reaches the levels ranked at or below it; no clearance ranks under Mật.
RANK = {NO_CLEARANCE: 0, MAT: 1, TOI_MAT: 2, TUYET_MAT: 3}

# The level as written in books, registers, reports and prose ("độ Tối mật").
LEVEL_NAME = {TUYET_MAT: "Tuyệt mật", TOI_MAT: "Tối mật", MAT: "Mật"}

# The words of the level stamp (Circular 24/2020/TT-BCA Form 02 [V]; Decree 63/2026's appendix
# keeps them [S]): upper case, in red ink (TT24 Art. 3.2 [V]).
STAMP_WORDS = {TUYET_MAT: "TUYỆT MẬT", TOI_MAT: "TỐI MẬT", MAT: "MẬT"}

# Decree 26/2020/NĐ-CP Art. 4.1.b [V]: the letter stamped on the outer envelope, A for Tuyệt
# mật, B for Tối mật, C for Mật (TT24 Form 03 draws it in a circle).
ENVELOPE_LETTER = {TUYET_MAT: "A", TOI_MAT: "B", MAT: "C"}
