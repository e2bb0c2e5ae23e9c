from tests.security.access_rules import case_party

RULES = {
    # An evidence file: whoever follows the case (the jury once the block is booked before it).
    "storage.evidence_file": case_party("candidate", "mentor", "jury", "admin"),
}


def _recorded_answer(world, target):
    from vae.extensions import db
    from vae.models import Annotation

    question = db.session.get(Annotation, world.ids.annotations[target])
    answer = Annotation(case_block_id=question.case_block_id, parent_id=question.id,
                        author_id=world.case(target).candidate_id, kind="reply", body="",
                        file_id=world.evidence[target].file_id)
    db.session.add(answer)
    db.session.commit()
    return answer.id


def _recorded_experience(world, target):
    from vae.extensions import db

    experience = world.case(target).experiences[0]
    experience.recording_file_id = world.evidence[target].file_id
    db.session.commit()
    return experience.id


RULES.update({
    # A spoken answer is read with its thread; a spoken experience with the case.
    "storage.answer_file": case_party("candidate", "mentor", "jury", "admin"),
    "storage.experience_recording": case_party("candidate", "mentor", "jury", "admin"),
})
ARGUMENTS = {**globals().get("ARGUMENTS", {}), "answer_id": _recorded_answer,
             "recorded_experience_id": _recorded_experience}
