"""The demo province: a fictional "tỉnh Bắc Lâm" with its police, departments, communes, party
and mass bodies, each with a head and a security officer, and one login per role.

Everything goes through the services, so a demo database starts with an intact audit chain, and
every object is looked up by its natural key first, so loading twice changes nothing. The names
are assembled from common Vietnamese family, middle and given names; they are not real people.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date

from bmnn.org import services
from bmnn.org.models import Agency, AgencyGroup, AgencyType, Person, Role

PROVINCE = "Bắc Lâm"
DEMO_PASSWORD = "BaoMat@2026"  # noqa: S105 (documented demo password, never used in production)  # nosec B105 # documented demo password; the demo is refused in production
POLICE_CODE = "demo-cat"

T = AgencyType
AGENCIES: list[tuple[str, str, str, str]] = [
    # (code, type, name, short name)
    (POLICE_CODE, T.PROVINCIAL_POLICE, f"Công an tỉnh {PROVINCE}", "CAT"),
    ("demo-ubnd", T.PEOPLES_COMMITTEE, f"Ủy ban nhân dân tỉnh {PROVINCE}", "UBND tỉnh"),
    ("demo-vpubnd", T.PEOPLES_COMMITTEE_OFFICE, "Văn phòng UBND tỉnh", "VP UBND"),
    ("demo-snv", T.DEPARTMENT, "Sở Nội vụ", "SNV"),
    ("demo-stp", T.DEPARTMENT, "Sở Tư pháp", "STP"),
    ("demo-stc", T.DEPARTMENT, "Sở Tài chính", "STC"),
    ("demo-sct", T.DEPARTMENT, "Sở Công Thương", "SCT"),
    ("demo-snnmt", T.DEPARTMENT, "Sở Nông nghiệp và Môi trường", "SNN&MT"),
    ("demo-sxd", T.DEPARTMENT, "Sở Xây dựng", "SXD"),
    ("demo-skhcn", T.DEPARTMENT, "Sở Khoa học và Công nghệ", "SKH&CN"),
    ("demo-sgddt", T.DEPARTMENT, "Sở Giáo dục và Đào tạo", "SGD&ĐT"),
    ("demo-syt", T.DEPARTMENT, "Sở Y tế", "SYT"),
    ("demo-svhttdl", T.DEPARTMENT, "Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL"),
    ("demo-sdttg", T.DEPARTMENT, "Sở Dân tộc và Tôn giáo", "SDT&TG"),
    ("demo-sngv", T.DEPARTMENT, "Sở Ngoại vụ", "SNgV"),
    ("demo-ttt", T.DEPARTMENT, "Thanh tra tỉnh", "TTT"),
    ("demo-bqlkcn", T.BOARD, "Ban Quản lý các khu công nghiệp tỉnh", "BQL KCN"),
    ("demo-bqlda", T.BOARD, "Ban Quản lý dự án đầu tư xây dựng tỉnh", "BQLDA"),
    ("demo-vptu", T.PARTY, "Văn phòng Tỉnh ủy", "VPTU"),
    ("demo-btctu", T.PARTY, "Ban Tổ chức Tỉnh ủy", "BTCTU"),
    ("demo-btgdv", T.PARTY, "Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTG&DV"),
    ("demo-ubkttu", T.PARTY, "Ủy ban Kiểm tra Tỉnh ủy", "UBKT"),
    ("demo-bnctu", T.PARTY, "Ban Nội chính Tỉnh ủy", "BNC"),
    ("demo-mttq", T.FRONT, "Ủy ban MTTQ Việt Nam tỉnh", "UBMTTQ"),
    ("demo-hnd", T.FRONT, "Hội Nông dân tỉnh", "HND"),
    ("demo-hlhpn", T.FRONT, "Hội Liên hiệp Phụ nữ tỉnh", "HLHPN"),
    ("demo-tdtn", T.FRONT, "Tỉnh đoàn", "TĐ"),
    ("demo-ldld", T.FRONT, "Liên đoàn Lao động tỉnh", "LĐLĐ"),
    ("demo-hccb", T.FRONT, "Hội Cựu chiến binh tỉnh", "HCCB"),
    ("demo-vphdnd", T.COUNCIL_OFFICE, "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "VP ĐĐBQH&HĐND"),
    ("demo-kbnn", T.CENTRAL, "Kho bạc Nhà nước khu vực XV", "KBNN"),
    ("demo-thue", T.CENTRAL, f"Thuế tỉnh {PROVINCE}", "Thuế tỉnh"),
    ("demo-hq", T.CENTRAL, "Chi cục Hải quan khu vực XII", "HQ"),
    ("demo-bhxh", T.CENTRAL, "Bảo hiểm xã hội tỉnh", "BHXH"),
    ("demo-tk", T.CENTRAL, "Thống kê tỉnh", "TK"),
    ("demo-tand", T.CENTRAL, "Tòa án nhân dân tỉnh", "TAND"),
    ("demo-vks", T.CENTRAL, "Viện kiểm sát nhân dân tỉnh", "VKSND"),
    ("demo-bao", T.PRESS, f"Báo và Phát thanh, Truyền hình {PROVINCE}", "Báo BL"),
    ("demo-xskt", T.ENTERPRISE, f"Công ty TNHH MTV Xổ số kiến thiết {PROVINCE}", "XSKT"),
    ("demo-ktttl", T.ENTERPRISE, f"Công ty TNHH MTV Khai thác thủy lợi {PROVINCE}", "KTTL"),
]
WARDS = ["Bắc Lâm", "Đông Thành", "Tây Sơn", "Nam Giang", "Hưng Phú", "Quang Trung", "Kim Tân"]
COMMUNES = [
    "Tân Phú",
    "Hòa An",
    "Yên Lạc",
    "Phúc Thịnh",
    "Thanh Lâm",
    "Đồng Tâm",
    "Minh Đức",
    "Vĩnh Hòa",
    "Xuân Sơn",
    "Cao Phong",
    "Lương Sơn",
    "Trung Hà",
    "An Thịnh",
    "Bình Minh",
    "Hợp Tiến",
    "Quảng Lạc",
    "Phong Châu",
    "Sơn Dương",
    "Tiên Yên",
    "Hà Lâm",
    "Kỳ Sơn",
    "Mường Lát",
    "Na Hang",
]
GROUPS = [
    (
        "cac-so-ban-nganh",
        "Các sở, ban, ngành",
        [T.DEPARTMENT, T.BOARD],
        ["các sở, ban, ngành", "sở, ban, ngành", "các sở, ngành"],
    ),
    (
        "ubnd-xa-phuong",
        "UBND các xã, phường",
        [T.COMMUNE],
        ["ubnd các xã, phường", "ủy ban nhân dân các xã, phường", "các xã, phường"],
    ),
    (
        "co-quan-trung-uong",
        "Các cơ quan trung ương đóng tại địa phương",
        [T.CENTRAL],
        ["các cơ quan trung ương đóng tại địa phương", "các cơ quan tw trên địa bàn tỉnh"],
    ),
    (
        "co-quan-dang",
        "Các cơ quan Đảng tỉnh",
        [T.PARTY],
        ["các ban xây dựng đảng", "các ban đảng tỉnh ủy"],
    ),
    (
        "mttq-doan-the",
        "Ủy ban MTTQ và các tổ chức chính trị - xã hội",
        [T.FRONT],
        ["đoàn thể", "các tổ chức thành viên", "mặt trận tổ quốc và các đoàn thể"],
    ),
    (
        "bao-chi",
        "Các cơ quan báo chí",
        [T.PRESS],
        ["các cơ quan báo chí", "cơ quan thông tin đại chúng"],
    ),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Trọng"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Toàn",
    "Kiên",
    "Lực",
]
GIVEN_F = [
    "Giang",
    "Hà",
    "Hạnh",
    "Hiền",
    "Huyền",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Phương",
    "Tâm",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
    "Oanh",
    "Nhung",
]

# One login per role. (username, agency code, role, full name, position, clearance)
LOGINS = [
    (
        "quantri",
        POLICE_CODE,
        Role.ADMINISTRATOR,
        "Đỗ Minh Khoa",
        "Kỹ sư công nghệ thông tin",
        "none",
    ),
    (
        "giamsat",
        POLICE_CODE,
        Role.SUPERVISOR,
        "Lê Thị Thu Hằng",
        "Đội trưởng, Phòng An ninh chính trị nội bộ",
        "tuyet_mat",
    ),
    ("thanhtra", POLICE_CODE, Role.INSPECTOR, "Phạm Quốc Bảo", "Cán bộ kiểm tra", "toi_mat"),
    ("thutruong", "demo-stp", Role.HEAD, "Trần Văn Định", "Giám đốc Sở Tư pháp", "tuyet_mat"),
    (
        "baomat",
        "demo-stp",
        Role.SECURITY_OFFICER,
        "Nguyễn Thị Hoa",
        "Văn thư, cán bộ bảo mật",
        "toi_mat",
    ),
    ("canbo", "demo-stp", Role.STAFF, "Vũ Đức Hiếu", "Chuyên viên Phòng Văn bản", "mat"),
    ("chutich", "demo-ubnd", Role.HEAD, "Hoàng Minh Tuấn", "Chủ tịch UBND tỉnh", "tuyet_mat"),
]


def demo_totp_key(username: str) -> str:
    """The demo logins' authenticator key (hex), derived from the user name and documented."""
    return hashlib.sha256(f"bmnn-demo-totp:{username}".encode()).hexdigest()[:40]


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _person_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def all_agencies() -> list[tuple[str, str, str, str]]:
    rows = list(AGENCIES)
    for index, ward in enumerate(WARDS, start=1):
        rows.append((f"demo-p{index:02d}", T.COMMUNE, f"UBND phường {ward}", f"P. {ward}"))
    for index, commune in enumerate(COMMUNES, start=1):
        rows.append((f"demo-x{index:02d}", T.COMMUNE, f"UBND xã {commune}", f"X. {commune}"))
    return rows


def load_demo() -> LoadResult:
    """Creates whatever part of the demo province is missing."""
    result = LoadResult()
    rng = random.Random(2026)  # noqa: S311 (reproducible demo names, not security)  # nosec B311 # reproducible demo names, not security
    agencies: dict[str, Agency] = {
        a.code: a for a in Agency.objects.filter(code__startswith="demo-")
    }
    for code, kind, name, short in all_agencies():
        if code not in agencies:
            agencies[code] = services.create_agency(
                actor=None, name=name, code=code, type=kind, short_name=short
            )
            result.add("agencies")
    for code, name, types, aliases in GROUPS:
        if not AgencyGroup.objects.filter(code=code).exists():
            services.create_group(
                actor=None, name=name, code=code, agency_types=list(types), aliases=aliases
            )
            result.add("groups")

    people = {p.username: p for p in Person.objects.filter(username__startswith="demo.")}
    people.update(
        {p.username: p for p in Person.objects.filter(username__in=[x[0] for x in LOGINS])}
    )

    def ensure(
        username: str,
        agency: Agency,
        role: str,
        full_name: str,
        position: str,
        password: str | None = None,
    ) -> Person:
        if username in people:
            return people[username]
        person = services.create_person(
            actor=None,
            agency=agency,
            role=role,
            username=username,
            full_name=full_name,
            position=position,
            password=password,
        )
        people[username] = person
        result.add("people")
        return person

    # Every agency has a head and a security officer; the Sở Tư pháp ones are logins below.
    login_slots = {(code, role) for _u, code, role, *_rest in LOGINS}
    heads: dict[str, Person] = {}
    for code, _kind, name, _short in all_agencies():
        agency = agencies[code]
        if (code, Role.HEAD) not in login_slots:
            heads[code] = ensure(
                f"demo.{code[5:]}.head", agency, Role.HEAD, _person_name(rng), f"Thủ trưởng {name}"
            )
        if (code, Role.SECURITY_OFFICER) not in login_slots:
            ensure(
                f"demo.{code[5:]}.officer",
                agency,
                Role.SECURITY_OFFICER,
                _person_name(rng),
                "Cán bộ làm công tác bảo vệ bí mật nhà nước",
            )
    logins = {}
    for username, code, role, full_name, position, _clearance in LOGINS:
        logins[username] = ensure(
            username, agencies[code], role, full_name, position, password=DEMO_PASSWORD
        )
    _enrol_and_clear(logins, heads[POLICE_CODE], result)
    return result


def _enrol_and_clear(logins: dict[str, Person], police_head: Person, result: LoadResult) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bmnn.accounts.services import enrol_known_totp

    for username, person in logins.items():
        if not TOTPDevice.objects.filter(user=person).exists():
            enrol_known_totp(actor=None, person=person, key_hex=demo_totp_key(username))
            result.add("authenticators")
    if police_head.clearance == "none":
        services.grant_clearance(
            actor=None,
            person=police_head,
            level="tuyet_mat",
            granted_on=date(2026, 3, 2),
            decision="Quyết định số 15/QĐ-UBND",
        )
        result.add("clearances")
    supervisor = logins["giamsat"]
    for username, _code, _role, _name, _position, level in LOGINS:
        person = logins[username]
        if level == "none" or person.clearance != "none":
            continue
        # The police chief clears the supervisor, who then clears the others.
        grantor = police_head if username == "giamsat" else supervisor
        services.grant_clearance(
            actor=grantor,
            person=person,
            level=level,
            granted_on=date(2026, 3, 16),
            decision="Quyết định số 27/QĐ-CAT",
        )
        result.add("clearances")
