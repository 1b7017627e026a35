"""The first administrator of a new production installation.

`bmnn setup` never loads the demo province when BMNN_ENV=production, so a new server has no
account at all. install.sh runs this file once through `bmnn shell -c`: when no active
administrator exists it adds the province police agency (if there is none) and an administrator
`quantri` with a one-time password, through the org services (actor None: the system, audited
like any other change), and writes the login to BMNN_FIRST_ADMIN_FILE (mode 0600). When an
administrator exists it changes nothing, so later runs (upgrades) leave accounts alone.
"""

import os
import secrets
from pathlib import Path

from bmnn.org import services
from bmnn.org.models import Agency, AgencyType, Membership, Role

USERNAME = "quantri"
out = Path(os.environ["BMNN_FIRST_ADMIN_FILE"])

if Membership.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exists():
    print("an administrator exists: no account created")
else:
    police = Agency.objects.filter(type=AgencyType.PROVINCIAL_POLICE).order_by("pk").first()
    if police is None:
        police = services.create_agency(
            actor=None,
            name=os.environ.get("BMNN_FIRST_AGENCY_NAME") or "Công an tỉnh",
            code="cat",
            type=AgencyType.PROVINCIAL_POLICE,
            short_name="CAT",
        )
    # upper and lower case letters and a digit, as the password rules ask
    password = secrets.token_urlsafe(12) + "-Bm" + str(secrets.randbelow(10))
    services.create_person(
        actor=None,
        agency=police,
        role=Role.ADMINISTRATOR,
        username=USERNAME,
        full_name="Quản trị hệ thống",
        password=password,
    )
    old_umask = os.umask(0o077)
    try:
        out.write_text(
            "First administrator (made by install.sh; delete this file once you have logged in):\n"
            f"  user name {USERNAME}\n"
            f"  password  {password}\n"
            "At the first login BMNN asks to enrol an authenticator app (TOTP) as second\n"
            "factor; then change the password (menu under your name > Đổi mật khẩu), rename\n"
            f"the agency '{police.name}' as the province's police is named, and add the other accounts.\n",
            encoding="utf-8",
        )
    finally:
        os.umask(old_umask)
    print(f"administrator {USERNAME} created; login written to {out}")
