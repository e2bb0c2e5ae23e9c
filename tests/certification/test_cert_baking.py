import io

from tests.certification import certification_samples as samples
import pytest
from PIL import Image

from vae.certification.vc import baking


def test_bake_then_extract_round_trip():
    credential = samples.credential()
    png = baking.bake_template(credential)
    assert baking.extract(png) == credential


def test_baked_png_is_still_a_valid_image_and_pillow_sees_the_chunk():
    credential = samples.credential()
    png = baking.bake_template(credential)
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.size == (512, 512)
    # Pillow's own iTXt parser (independent of ours) finds the same text.
    assert "openbadgecredential" in image.text
    assert "Jeanne Dupont" in image.text["openbadgecredential"]


def test_rebaking_replaces_the_credential():
    first = baking.bake_template(samples.credential(index=1))
    second = baking.bake(first, samples.credential(index=2))
    assert baking.extract(second)["credentialStatus"]["statusListIndex"] == "2"
    assert second.count(b"openbadgecredential") == 1


def test_template_has_no_credential_and_garbage_is_refused():
    assert baking.extract(baking.TEMPLATE.read_bytes()) is None
    with pytest.raises(baking.BakingError):
        baking.extract(b"GIF89a...")
    png = bytearray(baking.bake_template(samples.credential()))
    png[-20] ^= 0xFF  # corrupt a byte inside the last chunks
    with pytest.raises(baking.BakingError):
        baking.extract(bytes(png))
