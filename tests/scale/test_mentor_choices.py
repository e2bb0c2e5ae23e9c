"""The admissibility page lists the mentors to assign by id and name, without their roles.

Loading each mentor as a person made SQLAlchemy read their roles, in batches of 500 (four more
statements and half a second at 2,000 mentors); the list needs their ids and names only.
"""
from __future__ import annotations

import re


def _page(client, case_id, record_statements):
    with record_statements() as seen:
        page = client.get(f"/admissibility/cases/{case_id}").get_data(as_text=True)
    roles_of_many = [s for s in seen if s.startswith("SELECT user_role.") and s.count("%(") + s.count("?") > 1]
    return len(seen), roles_of_many, page


def test_the_mentor_list_reads_no_roles(db, client, login_as, make_user, case_in, record_statements):
    admin = make_user("admin")
    case = case_in("submitted", admin=admin)
    for i in range(3):
        make_user("mentor", first_name="Mentor", last_name=f"A{i:02d}")
    login_as(admin)
    few, roles_read, page = _page(client, case.id, record_statements)
    assert roles_read == []
    assert len(re.findall(r'<option value="\d+"[^>]*>Mentor A\d\d</option>', page)) == 3

    for i in range(37):
        make_user("mentor", first_name="Mentor", last_name=f"B{i:02d}")
    make_user("mentor", first_name="Mentor", last_name="Inactive").active = False
    db.session.commit()
    many, roles_read, page = _page(client, case.id, record_statements)
    assert roles_read == []
    names = re.findall(r'<option value="\d+"[^>]*>(Mentor [AB]\d\d)</option>', page)
    assert names == sorted(names) and len(names) == 40  # by name, the inactive one left out
    assert "Mentor Inactive" not in page
    assert many == few


def test_past_the_limit_the_admin_finds_the_mentor_to_assign(db, client, login_as, make_user, case_in, monkeypatch):
    from vae.admissibility import operations

    monkeypatch.setattr(operations, "MENTOR_CHOICES", 3)  # a national certifier has thousands
    admin = make_user("admin")
    case = case_in("submitted", admin=admin)
    mentors = [make_user("mentor", first_name="Mentor", last_name=f"C{i:02d}", email=f"c{i:02d}@atelier.fr")
               for i in range(5)]
    login_as(admin)
    page = client.get(f"/admissibility/cases/{case.id}").get_data(as_text=True)
    assert 'name="mentor_q"' in page and "Trouver un accompagnateur" in page
    assert not re.findall(r'<option value="\d+"[^>]*>Mentor C\d\d</option>', page)  # none listed before a search

    page = client.get(f"/admissibility/cases/{case.id}", query_string={"mentor_q": "c03@"}).get_data(as_text=True)
    assert re.findall(r'<option value="(\d+)"[^>]*>Mentor C\d\d</option>', page) == [str(mentors[3].id)]

    answer = client.post(f"/admissibility/cases/{case.id}/mentor", data={"mentor_id": mentors[3].id})
    assert answer.status_code == 302
    db.session.refresh(case)
    assert case.mentor_id == mentors[3].id
    page = client.get(f"/admissibility/cases/{case.id}").get_data(as_text=True)  # the case's mentor stays offered
    chosen = re.findall(r'<option ([^>]*)>Mentor C\d\d</option>', page)
    assert len(chosen) == 1 and "selected" in chosen[0] and f'value="{mentors[3].id}"' in chosen[0]

    not_a_mentor = make_user("candidate")
    assert client.post(f"/admissibility/cases/{case.id}/mentor", data={"mentor_id": not_a_mentor.id}).status_code == 400
