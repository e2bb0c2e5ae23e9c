"""A real SMTP server on 127.0.0.1 that keeps every message it receives.

Point the app's MAIL_SERVER/MAIL_PORT at it to test mail end to end (outbox, SMTP
dialogue, MIME structure) without mocking smtplib:

    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER=sink.host, MAIL_PORT=sink.port)
        ...
        [msg] = sink.wait_for(1)
        assert msg["To"] == "candidate@example.org"
        assert sink.envelopes[0].rcpt_tos == ["candidate@example.org"]
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser


@dataclass(frozen=True)
class Envelope:
    """What the SMTP dialogue said, beside the headers (Bcc recipients only show here)."""

    mail_from: str
    rcpt_tos: list[str] = field(default_factory=list)
    login: str | None = None


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class _Collector:
    """aiosmtpd handler; runs on the controller's event-loop thread."""

    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        login = session.auth_data  # set by _accept_any_login when the client logged in
        if isinstance(login, bytes):
            login = login.decode("utf-8", "replace")
        self.sink._add(message, Envelope(envelope.mail_from, list(envelope.rcpt_tos), login))
        return "250 Message accepted for delivery"


def _controller_class():
    """aiosmtpd's Controller, minus a DeprecationWarning aiosmtpd 1.4 raises on itself.

    After every successful AUTH, aiosmtpd assigns the deprecated ``Session.login_data``,
    which warns from the server thread -- an error under ``filterwarnings = error``.
    """
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, Session

    class QuietSession(Session):
        login_data = property(
            lambda self: self._login_data,
            lambda self, value: setattr(self, "_login_data", value),
        )

    class QuietSMTP(SMTP):
        def _create_session(self):
            return QuietSession(self.loop)

    class QuietController(Controller):
        def factory(self):
            return QuietSMTP(self.handler, **self.SMTP_kwargs)

    return QuietController


def _accept_any_login(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    login = auth_data.login if isinstance(auth_data, LoginPassword) else None
    return AuthResult(success=True, auth_data=login)


class SmtpSink:
    """SMTP server on a free port of 127.0.0.1 collecting ``EmailMessage`` objects.

    AUTH (PLAIN/LOGIN) is offered without TLS and accepts any credentials, so an app
    configured with MAIL_USERNAME/MAIL_PASSWORD can log in; STARTTLS is not offered.
    """

    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host = host
        self.port = port
        self._messages: list[EmailMessage] = []
        self._envelopes: list[Envelope] = []
        self._changed = threading.Condition()
        self._controller = None

    # -- collected mail ------------------------------------------------------------

    @property
    def messages(self) -> list[EmailMessage]:
        """Messages received so far, oldest first (a copy of the list)."""
        with self._changed:
            return list(self._messages)

    @property
    def envelopes(self) -> list[Envelope]:
        """SMTP envelopes, parallel to ``messages``."""
        with self._changed:
            return list(self._envelopes)

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[EmailMessage]:
        """Block until at least ``count`` messages arrived; return them all.

        Raises TimeoutError saying how many did arrive (and their subjects) otherwise.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    subjects = [m["Subject"] for m in self._messages]
                    raise TimeoutError(
                        f"expected {count} message(s) within {timeout}s, "
                        f"got {len(self._messages)}: {subjects}"
                    )
                self._changed.wait(remaining)
            return list(self._messages)

    def clear(self) -> None:
        with self._changed:
            self._messages.clear()
            self._envelopes.clear()

    def _add(self, message: EmailMessage, envelope: Envelope) -> None:
        with self._changed:
            self._messages.append(message)
            self._envelopes.append(envelope)
            self._changed.notify_all()

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> "SmtpSink":
        if self._controller is not None:
            return self
        Controller = _controller_class()
        attempts = 1 if self.port else 5  # a free port can be taken between probe and bind
        for attempt in range(attempts):
            port = self.port or _free_port(self.host)
            controller = Controller(
                _Collector(self), hostname=self.host, port=port, ready_timeout=10,
                authenticator=_accept_any_login, auth_require_tls=False,
            )
            try:
                controller.start()
            except Exception:
                if attempt == attempts - 1:
                    raise
                continue
            self._controller, self.port = controller, port
            return self
        raise AssertionError("unreachable")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<SmtpSink {self.host}:{self.port} messages={len(self._messages)}>"
