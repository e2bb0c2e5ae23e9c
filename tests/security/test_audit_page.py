"""The admin's journal page: lists, filters and pages through events."""
from __future__ import annotations

import html
import re

from vae.core.audit import record
from vae.workflows.case import CASE


def test_the_admin_filters_the_journal_by_case_event_and_person(db, client, world, as_actor):
    CASE.fire(world.case("own"), "submit", actor=world.user("candidate"))
    CASE.fire(world.case("other"), "submit", actor=world.user("other_candidate"))
    record(world.user("jury_on_session"), "case", world.case("own").id, "dossier_opened",
           case_id=world.case("own").id)
    db.session.commit()
    as_actor(world, "admin")
    everything = client.get("/security/audit").get_data(as_text=True)
    assert everything.count("<tr>") >= 4 and "dossier_opened" in everything
    own_only = client.get(f"/security/audit?case_id={world.case('own').id}").get_data(as_text=True)
    assert world.user("candidate").email in own_only and world.user("other_candidate").email not in own_only
    reads = client.get("/security/audit?event=dossier_opened").get_data(as_text=True)
    assert world.user("jury_on_session").email in reads and "submit</td>" not in reads
    by_person = client.get(f"/security/audit?actor={world.user('other_candidate').email}").get_data(as_text=True)
    assert world.user("other_candidate").email in by_person and world.user("candidate").email not in by_person


def test_the_journal_pages_and_refuses_nonsense_filters(db, client, world, as_actor):
    for n in range(60):
        record(None, "case", world.case("own").id, "deadline_swept", case_id=world.case("own").id)
    db.session.commit()
    as_actor(world, "admin")
    first = client.get("/security/audit").get_data(as_text=True)
    following = re.search(r'rel="next" href="([^"]+)"', first)  # a keyset page: "older" by cursor
    assert following and "after=" in following.group(1)
    assert client.get(html.unescape(following.group(1))).status_code == 200
    assert client.get("/security/audit?since=2030-99-99").status_code == 400
    assert client.get("/security/audit?case_id=-4").status_code == 400
