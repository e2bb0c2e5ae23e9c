import io

import pytest
from PIL import Image

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


def picture(fmt: str = "PNG", *, gps: bool = False, size=(40, 30)) -> bytes:
    """A real, decodable picture (optionally with camera make and GPS position in its EXIF)."""
    image = Image.new("RGB", size, (200, 120, 40))
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
        options["exif"] = exif.tobytes()
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


GPS_IFD = 0x8825
PNG = picture("PNG")


# The Chromium fixtures live in tests/e2e; importing them here makes them visible to the candidate journey.
from tests.e2e.conftest import browser, live_server, page  # noqa: E402,F401
