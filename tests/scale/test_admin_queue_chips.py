"""The admin home's queue shows each case's blocks from plain rows, as it showed them before.

Certifier staff read every block's real state, so the rows need only the case block's id and
state and the block's code and label: no case-block or block object is built for them (building
~150 of them was a third of the page). The mentor's queue reads them as rows too, with their
session's state (tests/certification/test_mentor_home_publication.py); the candidate's cards
still read `case.blocks`. Counted, never timed.
"""
import re

from markupsafe import escape

from bench.generate import generate
from tests.fixtures.objects_built import objects_built
from vae.models import Block, Case, CaseBlock
from vae.workflows.labels import state_labels


def test_the_admin_queue_shows_every_block_without_building_case_block_objects(app, client, db, make_user,
                                                                               login_as):
    admin = make_user("admin")
    generate(80, seed=5)
    login_as(admin)
    client.get("/home")  # warm-up: mappers and templates
    with objects_built(CaseBlock, Block) as built:
        response = client.get("/home?admin_state=")  # every state: the page is full
    assert response.status_code == 200
    assert built == []
    page = response.get_data(as_text=True)
    shown = [int(i) for i in re.findall(r'href="/cases/(\d+)"', page)]
    assert len(shown) >= 10
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        labels = state_labels()
    for case_id in shown:
        case = db.session.get(Case, case_id)
        for cb in case.blocks:
            chip = f'href="/blocks/{cb.id}" title="{escape(cb.block.label)}">{escape(cb.block.code[-4:])} {escape(labels[cb.state])}</a>'
            assert chip in page, chip


def test_a_mentor_queue_shows_every_block_of_its_cases(client, db, make_user, login_as, case_factory):
    mentor = make_user("mentor")
    case = case_factory(mentor=mentor)
    login_as(mentor)
    page = client.get("/home").get_data(as_text=True)
    for cb in case.blocks:
        assert f'href="/blocks/{cb.id}"' in page
