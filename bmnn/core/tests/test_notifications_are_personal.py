"""Notifications are personal (policy.restrict_notifications): the page, the poll and the
unread count show only one's own."""

from __future__ import annotations

import pytest
from django.db import transaction

from bmnn.core.models import Notification
from bmnn.core.notify import notify
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db


def test_one_reads_only_ones_own_notifications(make_agency, make_person, client_for) -> None:
    agency = make_agency("Sở Tư pháp")
    mine, theirs = make_person(agency, Role.STAFF), make_person(agency, Role.STAFF)
    with transaction.atomic():
        notify([mine], title="Việc của tôi", url="/", key="k-mine")
        notify([theirs], title="Việc của đồng nghiệp", url="/", key="k-theirs")
    assert Notification.objects.count() == 2
    client = client_for(mine)
    page = client.get("/notifications/").content.decode()
    assert "Việc của tôi" in page and "Việc của đồng nghiệp" not in page
    poll = client.get("/notifications/poll/").content.decode()
    assert "Việc của đồng nghiệp" not in poll
    assert client.get("/").context["unread_notifications"] == 1
