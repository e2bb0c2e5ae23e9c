import io

import pytest
from PIL import Image



@pytest.fixture
def admissible_case(case_in, make_user):
    """A case declared admissible, its blocks open for documentation, with an assigned mentor."""

    def make(**kwargs):
        return case_in("admissible", mentor=kwargs.pop("mentor", None) or make_user("mentor"), **kwargs)

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
