"""Articles cited the way a reader of the law writes them.

Rules and services name their article as a short code ("L18 Art. 17.1.a, 15.1", "ND26 Art.
4.1.c", "L25 Art. 5.1"): a refusal ends with it in brackets, and tests and the API keep it. On
screen a Vietnamese reader expects "điểm a khoản 1 Điều 17, khoản 1 Điều 15 Luật Bảo vệ bí mật
nhà nước năm 2018": `words` turns a code into that, in the active language, and `in_words`
does it for every bracketed code in a message shown to a person. A code it cannot read is
shown as it is.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The texts by their code (SOURCES.md §1): laws, decrees and circulars cited by the registry.
TEXTS = {
    "L18": gettext_lazy("the Law on the Protection of State Secrets of 2018"),
    "L25": gettext_lazy("the Law on the Protection of State Secrets of 2025"),
    "ND26": gettext_lazy("Decree No. 26/2020/NĐ-CP"),
    "ND63": gettext_lazy("Decree No. 63/2026/NĐ-CP"),
    "TT24": gettext_lazy("Circular No. 24/2020/TT-BCA"),
    "TT104": gettext_lazy("Circular No. 104/2021/TT-BCA"),
    "TT07": gettext_lazy("Circular No. 07/2020/TT-BKHĐT"),
}
_TEXT = re.compile(r"\b(L18/L25|L18|L25|ND26|ND63|TT24|TT104|TT07)(?:/\d{4})?\b")
# "Art. 17.1.a, 15.1" or "Art. 20–22"; the rest of a part (e.g. "as amended …") is kept.
_PART = re.compile(
    r"^(?P<code>L18/L25|L18|L25|ND26|ND63|TT24|TT104|TT07)(?:/\d{4})?"
    r"(?: Art\. (?P<articles>\d[\d.a-zđ]*(?:(?:, ?|–|-)\d[\d.a-zđ]*)*))?"
    r"(?:\s+(?P<rest>.+))?$"
)


def _article(ref: str) -> str:
    """'17.1.a' -> 'điểm a khoản 1 Điều 17'; '20–22' -> 'Điều 20–22'."""
    ref = ref.strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?(?:\.[a-zđ])?", ref):
        return _("Article %(article)s") % {"article": ref}
    parts = ref.split(".")
    if len(parts) == 3:
        return _("point %(point)s, clause %(clause)s, Article %(article)s") % {
            "point": parts[2],
            "clause": parts[1],
            "article": parts[0],
        }
    if len(parts) == 2:
        return _("clause %(clause)s, Article %(article)s") % {
            "clause": parts[1],
            "article": parts[0],
        }
    return _("Article %(article)s") % {"article": parts[0]}


def _one(part: str) -> str:
    found = _PART.match(part.strip())
    if found is None:
        return part.strip()
    code = found["code"]
    text = (
        _("the Law on the Protection of State Secrets") if code == "L18/L25" else str(TEXTS[code])
    )
    rest = found["rest"] or ""
    if rest.startswith("as amended"):
        rest = _("as amended from %(day)s") % {"day": rest.removeprefix("as amended").strip()}
    articles = found["articles"]
    if not articles:
        cited = text
    else:
        refs = [r.strip() for r in articles.split(",") if r.strip()]
        cited = _("%(articles)s of %(text)s") % {
            "articles": ", ".join(_article(r) for r in refs),
            "text": text,
        }
    return f"{cited} ({rest})" if rest else cited


def words(article: str) -> str:
    """An article code in words; several texts separated by ";" are cited one after the other."""
    if not article or not _TEXT.search(article):
        return article
    return "; ".join(_one(part) for part in article.split(";"))


_BRACKETED = re.compile(r"\(((?:L18/L25|L18|L25|ND26|ND63|TT24|TT104|TT07)\b[^()]*)\)")


def in_words(message: str) -> str:
    """A message with each bracketed article code ("… (L18 Art. 11)") cited in words."""
    return _BRACKETED.sub(lambda found: f"({words(found[1])})", str(message))
