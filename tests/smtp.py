"""A small SMTP server on loopback for tests: it speaks enough of RFC 5321 for smtplib (EHLO,
MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message it receives."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)


def _address(argument: bytes) -> str:
    text = argument.decode("ascii", "replace")
    return (
        text[text.find("<") + 1 : text.rfind(">")]
        if "<" in text
        else text.split(":", 1)[-1].strip()
    )


class _Session(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        sender, recipients = "", []
        while line := self.rfile.readline(65536):
            verb, _, argument = line.strip().partition(b" ")
            verb = verb.upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 localhost")
            elif verb == b"MAIL":
                sender, recipients = _address(argument), []
                self.reply("250 OK")
            elif verb == b"RCPT":
                recipients.append(_address(argument))
                self.reply("250 OK")
            elif verb == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = bytearray()
                while (chunk := self.rfile.readline(1 << 20)) not in (b".\r\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                message = message_from_bytes(bytes(body), policy=policy.default)
                with self.mailbox.arrived:
                    self.mailbox.messages.append(Received(sender, recipients, message))  # type: ignore[arg-type]
                    self.mailbox.arrived.notify_all()
                self.reply("250 OK queued")
            elif verb in (b"RSET", b"NOOP"):
                self.reply("250 OK")
            elif verb == b"QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@contextmanager
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    """(port, mailbox) of a server listening on 127.0.0.1 for the duration of the block."""
    mailbox = Mailbox()
    handler = type("Session", (_Session,), {"mailbox": mailbox})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], mailbox
    finally:
        server.shutdown()
        server.server_close()
