"""A background task whose every execution leaves one trace: an audit event carrying its token.

Counting the events per token after the run tells whether a task was lost (no event) or run
twice (two events). The pause before the write makes it likely that a worker killed by the
test dies while a marker task is in hand; each start is also noted in a file of the shared
store (outside the database, so a rolled-back run leaves its note), which shows afterwards
which tasks a killed worker had in hand and that another worker ran them again.
"""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.db import transaction
from django_tasks import task

from bench.loadfault import MARKER_STARTS
from bmnn.core import audit

ACTION = "bench.marker"
PAUSE_SECONDS = 0.3


@task()
def mark(token: str) -> str:
    with open(settings.DATA_DIR / MARKER_STARTS, "a", encoding="utf-8") as starts:
        starts.write(f"{token} {os.getpid()}\n")
    # the pause comes before the write: the audit chain's head is locked from the write until
    # the worker commits, and holding it while asleep would stall every writer in the cluster
    time.sleep(PAUSE_SECONDS)
    # a savepoint when the worker runs the task in its own transaction, a transaction otherwise
    with transaction.atomic():
        audit.record(actor=None, action=ACTION, changes={"token": token})
    return token
