"""Names vulture cannot see being used, because they are reached by a dotted path, by a class
registry or from a template (read only by vulture, never imported; `[tool.vulture]` in
pyproject.toml). Add a name here only with the place that uses it."""

__all__ = [
    # dotted paths in bmnn/config/settings.py (REST_FRAMEWORK, SPECTACULAR_SETTINGS,
    # AUTH_PASSWORD_VALIDATORS, TEMPLATES, CSRF_FAILURE_VIEW)
    "ApiTokenAuthentication",
    "VerifiedSessionAuthentication",
    "Pagination",
    "add_error_responses",
    "CharacterClassValidator",
    "navigation",
    "csrf_failure",
    # handler400/403/404 in bmnn/config/urls.py
    "bad_request",
    "permission_denied",
    "page_not_found",
    # drf-spectacular finds its extensions by subclassing
    "ApiTokenScheme",
    "VerifiedSessionScheme",
    # called from migrations, which vulture does not read
    "encrypt_files_operation",
    # read by templates: devices/detail.html, registry/item_list.html,
    # reports/submission.html, web/dashboard.html
    "concerns_shown",
    "rows_html",
    "narrative_fields",
    "answer_fields",
    "shown_count",
    # fontTools' BasePen calls these on a subclass while drawing a glyph's outline
    # (bmnn/scanner/tests/test_ocr_pdf_pictures.py, tests/corpus/heldout7_render.py)
    "_moveTo",
    "_lineTo",
    "_curveToOne",
    "_qCurveToOne",
    "_closePath",
    # held-out corpus 9 builds each format by name (getattr(corpus, builder_name) in
    # tests/corpus/heldout9.py, from its FORMATS table)
    "doc97",
    "pptx",
    "eml",
]
