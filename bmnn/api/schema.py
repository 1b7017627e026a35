"""The error answers of the API, declared in its OpenAPI schema.

Every error body has the same shape (`bmnn.api.errors.exception_handler`: a stable code, a
message for people, the details). drf-spectacular documents only the success of an operation;
this hook adds the errors any operation can answer, so that a client generated from the schema
(and schemathesis, which checks answers against it) knows them.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "stable, for programs (e.g. not_found)"},
        "message": {"type": "string", "description": "for people, in the user's language"},
        "errors": {"description": "details: field -> messages, or the detail"},
    },
    "required": ["code", "message", "errors"],
}
ERRORS = {
    "400": "Invalid request (parameters or body); `errors` says what, per field.",
    "401": "Not logged in (or the second factor not passed).",
    "403": "Not allowed for this user.",
    "404": "Not found, or not visible to this user.",
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result
