"""The fast canonicalization gives pyld's URDNA2015 bytes exactly, on what we sign."""
import copy
import dataclasses

from tests.certification import certification_samples as samples
import pytest

from vae.certification.vc import canonical, status_list
from vae.certification.vc.open_badge import AchievementKind


def _tricky_credential() -> dict:
    """Quotes, backslashes, new lines, accents, emoji, a fractional credit value."""
    achievement = dataclasses.replace(
        samples.achievement(AchievementKind.TITLE),
        name='Titre "assistant·e"\\ de vie\nà domicile\r — 🏠', credit_points=7.5)
    credential = samples.credential(AchievementKind.TITLE)
    credential["credentialSubject"]["achievement"]["name"] = achievement.name
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = 7.5
    return credential


def _documents() -> list[dict]:
    bits = status_list.StatusList()
    bits.set(3)
    return [
        samples.credential(AchievementKind.BLOCK),
        samples.credential(AchievementKind.TITLE),
        _tricky_credential(),
        status_list.status_list_credential(samples.LIST_URL, samples.DID, bits, samples.ISSUED_AT),
        {"@context": samples.credential()["@context"], "type": "DataIntegrityProof",
         "cryptosuite": "eddsa-rdfc-2022", "created": "2025-06-30T14:30:00Z",
         "verificationMethod": samples.DID + "#key-2025", "proofPurpose": "assertionMethod"},
    ]


@pytest.mark.parametrize("index", range(5))
def test_byte_identical_to_pyld_urdna2015(index):
    document = _documents()[index]
    expected = canonical.pyld_normalize(copy.deepcopy(document))
    assert expected  # not an empty dataset
    assert canonical.canonize(document) == expected
    # twice: the second run comes from the caches
    assert canonical.canonize(document) == expected


def test_a_changed_value_changes_the_canonical_form():
    credential = samples.credential()
    before = canonical.canonize(credential)
    credential["credentialSubject"]["achievement"]["name"] += "!"
    assert canonical.canonize(credential) != before


def test_undefined_terms_are_reported_by_the_single_expansion():
    credential = samples.credential()
    credential["credentialSubject"]["grade"] = "A+"
    credential["credentialSubject"]["achievement"]["type"] = ["Achievement", "Trophy"]
    _, dropped = canonical.expand(credential)
    assert dropped == ["grade", "type Trophy"]


def test_threads_sharing_the_caches_get_the_same_bytes():
    # The app serves requests from several threads; the memoized contexts are shared.
    from concurrent.futures import ThreadPoolExecutor

    documents = _documents() * 8
    expected = [canonical.pyld_normalize(copy.deepcopy(d)) for d in documents]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(canonical.canonize, documents)) == expected
