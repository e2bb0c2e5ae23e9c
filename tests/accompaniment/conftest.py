"""Fixtures of the accompaniment tests: a mentor following two candidates, a real SMTP sink."""
from __future__ import annotations

import pytest

from tests.support.smtp_sink import SmtpSink


@pytest.fixture
def smtp(app):
    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER=sink.host, MAIL_PORT=sink.port)
        yield sink


@pytest.fixture
def followed(case_in, make_user):
    """A mentor and two admissible cases they follow (blocks open for documentation)."""
    mentor = make_user("mentor", first_name="Martine", last_name="Mentor")
    first = case_in("admissible", mentor=mentor, candidate=make_user("candidate", first_name="Alice",
                                                                     last_name="Aubert"))
    second = case_in("admissible", mentor=mentor, candidate=make_user("candidate", first_name="Bruno",
                                                                      last_name="Blanc"))
    return mentor, first, second


def log_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
