"""Fixtures for mail tests: a real SMTP sink, and a real server that refuses everything."""
from __future__ import annotations

import socket

import pytest

from tests.support.smtp_sink import SmtpSink


@pytest.fixture
def smtp_sink(app):
    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER=sink.host, MAIL_PORT=sink.port)
        yield sink


class _Refuse:
    """aiosmtpd handler answering every recipient with a permanent refusal."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 mailbox unavailable"


@pytest.fixture
def refusing_smtp(app):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(_Refuse(), hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield controller
    controller.stop()


@pytest.fixture
def closed_port(app):
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT_SECONDS=5)
    return port
