"""The people list finds a person by any part of their name or address, as typed.

On PostgreSQL the search is answered by the trigram indexes of migration 0009_peoplesearch
(a LIKE '%…%' no B-tree can serve read all 72,000 people at 100k cases); the plan is checked,
not a timing.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text

from vae.models.queries import people_matching
from vae.models import User


def _names(client, q: str) -> list[str]:
    page = client.get("/admin/users", query_string={"q": q}).get_data(as_text=True)
    return re.findall(r'href="/admin/users/\d+">([^<]+)</a>', page)


def test_people_are_found_by_a_part_of_any_name_or_address(client, login_as, make_user):
    login_as("admin")
    make_user("candidate", first_name="Jeanne", last_name="Dupont", email="j.dupont@exemple.fr")
    make_user("mentor", first_name="Karim", last_name="Benali", email="kb@atelier.fr")
    make_user("candidate", first_name="Élodie", last_name="Marchand_Roy", email="elodie@exemple.fr")
    assert _names(client, "UPON") == ["Jeanne Dupont"]  # middle of the last name, any case
    assert _names(client, "atelier") == ["Karim Benali"]  # the address
    assert _names(client, "arim") == ["Karim Benali"]  # the first name
    assert _names(client, "a_c") == []  # "_" is the character typed, not "any character" ("arc")
    assert _names(client, "nd_r") == ["Élodie Marchand_Roy"]
    assert _names(client, "%") == []


def test_one_or_two_characters_find_the_start_of_a_name(client, login_as, make_user):
    login_as("admin")
    for first, last in (("Wei", "Li"), ("Anne", "Lissandre"), ("Amélie", "Roux")):
        make_user("candidate", first_name=first, last_name=last, email=f"{first.lower()}@exemple.fr")
    assert _names(client, "li") == ["Wei Li", "Anne Lissandre"]  # not Amélie: "li" inside a word
    assert _names(client, "a") == ["Anne Lissandre", "Amélie Roux"]


@pytest.mark.postgres_only
def test_postgresql_answers_the_search_from_the_trigram_indexes(db):
    db.session.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table: make a full scan show
    for words in ("dupont", "du"):  # a part of a word, the start of one
        statement = select(User.id).where(people_matching(words))
        compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(db.session.scalars(text(f"EXPLAIN {compiled}")))
        assert all(f"ix_user_{column}_trgm" in plan for column in ("email", "last_name", "first_name")), plan
        assert "Seq Scan" not in plan, plan
