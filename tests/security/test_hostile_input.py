"""Every form and query parameter, fed hostile values: never a 500, a message with
every refusal, and a refused request changes nothing in the database."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from flask import url_for

from tests.security.access_rules import ALLOW, load_rules
from tests.security.crawl import database_fingerprint, forms_in
from tests.security.world import ACTOR_ROLES, RELATIONS, SEATS
from tests.security.world_db import database_url, world, world_database  # noqa: F401  (the full world)

RULES, BUILDERS = load_rules()
INVALID_UTF8 = b"%FF%FE%80abc"

# Values no field may accept: they must be refused with a 4xx.
REFUSED = {
    "100k characters": "x" * 100_000,
    "control characters": "a\x00b\x1b[31m\x7f",
    "invalid UTF-8": INVALID_UTF8,
}
# Values a field may accept or refuse; a refusal must still change nothing.
SUSPICIOUS = {
    "empty": "",
    "date out of range": "99999-13-45",
    "old date": "0001-01-01",
    "negative number": "-1",
    "huge number": "9" * 40,
    "unknown id": "2147483647",
    "markup": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    # Second round (issue 15, item 12): ids past 64 bits, not-a-number, year 9999, line breaks.
    "beyond 64 bits": "99999999999999999999",
    "signalling NaN": "sNaN",
    "minus infinity": "-Infinity",
    "year 9999": "9999-12-31",
    "line break": "a\r\nURL:https://evil.example\rb\nc",
}
# A line break is refused by every single-line field of a form that writes (a textarea keeps
# paragraphs; a search box only reads).
SINGLE_LINE_KINDS = {"text", "email", "tel", "search", "url", "password"}
MESSAGE_MARKS = ('class="error"', "error-page", 'class="flash', "alert")


def _encode(fields: dict[str, str], name: str, value) -> bytes:
    others = urlencode({k: v for k, v in fields.items() if k != name}).encode()
    mine = (name.encode() + b"=" + value) if isinstance(value, bytes) else urlencode({name: value}).encode()
    return b"&".join(part for part in (others, mine) if part)


# The mentor and the jury are crawled on their own pages only (the shared ones, such as
# the account pages, are crawled as the candidate and the admin).
OWN_PAGES = {"mentor_assigned": ("mentor.", "dossier.block", "accompaniment."), "jury_on_session": ("jury.",)}
# Sensitive reads are journalled by design (a jury member opening a dossier): the
# journal is left out of "nothing changed".
JOURNAL = ("audit_event",)


def _pages(app, world, actor: str) -> list[str]:
    """Every GET page this actor may open (URL arguments: their own objects)."""
    roles = {ACTOR_ROLES[actor]}
    urls = []
    for rule in app.url_map.iter_rules():
        declared = RULES.get(rule.endpoint)
        if "GET" not in rule.methods or declared is None or rule.endpoint == "static":
            continue
        if actor in OWN_PAGES and not rule.endpoint.startswith(OWN_PAGES[actor]):
            continue
        if declared.expect(actor, roles, RELATIONS.get((actor, "own"), set()), SEATS.get((actor, "own"), set())) != ALLOW:
            continue
        with app.test_request_context():
            urls.append(url_for(rule.endpoint, **{a: BUILDERS[a](world, "own") for a in rule.arguments}))
    return sorted(set(urls))


def _submit(client, method: str, url: str, body: bytes):
    if method == "GET":
        return client.get(url.split("?")[0] + "?" + body.decode("latin-1"))
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded")


class Fingerprint:
    """The database's fingerprint, recomputed only when a request may have changed it."""

    def __init__(self, db):
        self.db = db
        self.value = database_fingerprint(db, ignore=JOURNAL)

    def changed(self) -> bool:
        now = database_fingerprint(self.db, ignore=JOURNAL)
        changed, self.value = now != self.value, now
        return changed


def _check(problems, response, label, fingerprint, method, must_refuse):
    status = response.status_code
    if status >= 500:
        problems.append(f"{label}: {status}")
        fingerprint.changed()
        return
    if must_refuse and status < 400:
        problems.append(f"{label}: accepted ({status})")
    if 400 <= status < 500:
        body = response.get_data(as_text=True)
        if not any(mark in body for mark in MESSAGE_MARKS):
            problems.append(f"{label}: {status} without a message")
        if fingerprint.changed():
            problems.append(f"{label}: refused but the database changed")
    elif method == "GET":
        if fingerprint.changed():
            problems.append(f"{label}: a GET changed the database")
    else:
        fingerprint.changed()  # an accepted POST may change things: start from the new state


# The candidate, the mentor and the jury go first: the admin's forms may change their accounts.
@pytest.mark.parametrize("actor", ["candidate", "mentor_assigned", "jury_on_session", "admin"])
def test_every_form_survives_hostile_values(actor, app, client, db, world, as_actor):
    problems: list[str] = []
    crawled = 0
    fingerprint = Fingerprint(db)
    for page in _pages(app, world, actor):
        as_actor(world, actor)
        response = client.get(page)
        fingerprint.changed()  # opening a page may create things once (e.g. a transcript): start from there
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        for form in forms_in(response.get_data(as_text=True), page):
            for name in form.inputs:
                for label, value in (REFUSED | SUSPICIOUS).items():
                    as_actor(world, actor)
                    reply = _submit(client, form.method, form.action, _encode(form.fields, name, value))
                    crawled += 1
                    single_line_break = (label == "line break" and form.method == "POST"
                                         and form.kinds.get(name) in SINGLE_LINE_KINDS)
                    _check(problems, reply, f"{form.method} {form.action} [{name}={label}] from {page}",
                           fingerprint, form.method, must_refuse=label in REFUSED or single_line_break)
    assert crawled > len(REFUSED | SUSPICIOUS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("actor", ["candidate", "mentor_assigned", "jury_on_session", "admin"])
def test_every_query_parameter_survives_hostile_values(actor, app, client, db, world, as_actor):
    problems: list[str] = []
    fingerprint = Fingerprint(db)
    for page in _pages(app, world, actor):
        as_actor(world, actor)
        first = client.get(page)
        fingerprint.changed()  # opening a page may create things once (e.g. a transcript): start from there
        if "text/html" not in first.content_type:
            continue  # downloads (PDF, images, JSON) read no query parameter; rendering them is slow
        for name in ("page", "after", "q", "next", "case_id", "since"):
            for label, value in (REFUSED | SUSPICIOUS).items():
                as_actor(world, actor)
                reply = _submit(client, "GET", page, _encode({}, name, value))
                _check(problems, reply, f"GET {page} [{name}={label}]", fingerprint, "GET",
                       must_refuse=label in REFUSED)
    assert not problems, "\n".join(problems)


def test_another_users_id_in_a_form_reveals_and_changes_nothing(client, db, world, as_actor):
    """A candidate posting to an admin form about someone else: 403, nothing written."""
    as_actor(world, "candidate")
    before = database_fingerprint(db)
    victim = world.user("other_candidate").id
    for url in (f"/admin/users/{victim}/roles", f"/admin/users/{victim}/deactivate"):
        response = client.post(url, data={"roles": "admin", "reason": "x"})
        assert response.status_code == 403
    assert database_fingerprint(db) == before


def test_markup_in_a_name_is_shown_as_text(client, make_user, login_as):
    make_user("candidate", first_name="<script>alert('x')</script>", last_name="<b>Bold</b>")
    login_as("admin")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
