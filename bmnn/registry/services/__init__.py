"""The lifecycle of a secret item as services, one module per stage: classification,
registers, copies and provision, protection (extend, change level, declassify, destroy, lost),
access, carrying out, meetings and files. Each service checks who may act and what the rules
allow (bmnn.registry.rules), writes, and appends its audit event in one transaction.

A refusal by the law raises `RuleViolation`-backed `ValidationError`s that name the article;
a refusal by role or clearance raises `NotAllowed`. Callers import from this package.
"""

from bmnn.registry.services.access import (
    grant_need_to_know,
    record_book_read,
    record_list_read,
    record_read,
)
from bmnn.registry.services.carry_out import (
    decide_carry_out,
    request_carry_out,
    return_carried_out,
)
from bmnn.registry.services.catalogue import (
    add_catalogue_entry,
    apply_catalogue_changes,
    change_catalogue_level,
    record_catalogue,
    remove_catalogue_entry,
)
from bmnn.registry.services.classification import classify_item, propose_item, reject_item
from bmnn.registry.services.copies import (
    approve_provision,
    authorise_copies,
    decide_copy_request,
    hand_over,
    may_decide_copy_request,
    receive_transfer,
    record_copies,
    request_copies,
)
from bmnn.registry.services.declassification import (
    declassify,
    declassify_expired,
    record_declassification_notice,
)
from bmnn.registry.services.files import attach_file, open_file, rotate_file_keys
from bmnn.registry.services.meetings import (
    MEETING_FIELDS,
    close_meeting,
    consent_to_meeting,
    plan_meeting,
)
from bmnn.registry.services.notices import record_remarking
from bmnn.registry.services.protection import change_level, destroy, extend_protection, report_lost
from bmnn.registry.services.recall import decide_recall, recall_alerts, record_recall_return
from bmnn.registry.services.registers import close_volume, register_incoming, register_outgoing

__all__ = [
    "MEETING_FIELDS",
    "add_catalogue_entry",
    "apply_catalogue_changes",
    "approve_provision",
    "attach_file",
    "authorise_copies",
    "change_catalogue_level",
    "change_level",
    "classify_item",
    "close_meeting",
    "close_volume",
    "consent_to_meeting",
    "decide_carry_out",
    "decide_copy_request",
    "decide_recall",
    "declassify",
    "declassify_expired",
    "destroy",
    "extend_protection",
    "grant_need_to_know",
    "hand_over",
    "may_decide_copy_request",
    "open_file",
    "plan_meeting",
    "propose_item",
    "recall_alerts",
    "receive_transfer",
    "record_book_read",
    "record_catalogue",
    "record_copies",
    "record_declassification_notice",
    "record_list_read",
    "record_read",
    "record_recall_return",
    "record_remarking",
    "register_incoming",
    "register_outgoing",
    "reject_item",
    "remove_catalogue_entry",
    "report_lost",
    "request_carry_out",
    "request_copies",
    "return_carried_out",
    "rotate_file_keys",
]
