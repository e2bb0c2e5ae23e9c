"""Loading the signed-in person on each request is one query, roles included."""
from flask_login import current_user


def test_the_signed_in_person_and_their_roles_come_in_one_query(app, db, make_user, count_queries):
    session_id = make_user("mentor", "jury").get_id()
    db.session.expunge_all()
    with app.test_request_context():
        from flask import session

        session["_user_id"] = session_id
        with count_queries() as n:
            roles = set(current_user.roles)
        assert roles == {"mentor", "jury"}
        assert n() == 1
