

def test_every_road_to_a_block_has_its_europass_note():
    from vae.models.states import AWARD_SOURCES
    from vae.records.europass import SOURCE_NOTES

    assert set(SOURCE_NOTES) == set(AWARD_SOURCES)
