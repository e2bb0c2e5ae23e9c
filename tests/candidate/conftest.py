import pytest

from vae.workflows.case import CASE


@pytest.fixture
def admissible_case(db, case_factory, make_user):
    """A case declared admissible, its blocks open for documentation, with an assigned mentor."""

    def make(**kwargs):
        mentor = kwargs.pop("mentor", None) or make_user("mentor")
        case = case_factory(mentor=mentor, **kwargs)
        assert CASE.fire(case, "submit", actor=case.candidate).ok
        assert CASE.fire(case, "declare_admissible", actor=make_user("admin")).ok
        db.session.commit()
        return case

    return make


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
