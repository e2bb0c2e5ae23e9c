"""Assisted entry with the candidate's word: the mentor's proposal is refused, changed, then confirmed; only
then does it count for the competence. The audit and the jury's dossier show who typed and who confirmed.
And the candidate answers a question, or describes an experience, by voice."""
from __future__ import annotations

import io

from sqlalchemy import select

from tests.accompaniment.conftest import log_in
from tests.security.media_samples import wav_audio, webm
from vae.extensions import db
from vae.models import Annotation, AssistedProposal, AuditEvent, Evidence
from vae.models.queries import covered_competence_ids
from vae.workflows.block import BLOCK


def _propose(client, case_block, competence, body, **extra):
    data = {"competence_id": str(competence.id), "kind": "text", "title": "Le bain", "body": body, **extra}
    return client.post(f"/blocks/{case_block.id}/proposals", data=data, content_type="multipart/form-data")


def test_a_proposal_refused_then_changed_and_confirmed_enters_the_dossier_with_both_names(client, db, followed,
                                                                                         make_user):
    mentor, case, _other = followed
    block = case.blocks[0]
    competence = block.block.competences[0]
    log_in(client, mentor)
    assert _propose(client, block, competence, "Je donne le bain à 19 h.").status_code == 302
    proposal = db.session.scalar(select(AssistedProposal))
    assert proposal.state == "proposed" and proposal.typed_by_id == mentor.id

    # Waiting for the candidate's word: not in the dossier, not counted, the candidate sees it marked.
    assert competence.id not in covered_competence_ids([block.id])[block.id]
    assert db.session.scalar(select(Evidence)) is None
    log_in(client, case.candidate)
    page = client.get(f"/blocks/{block.id}").get_data(as_text=True)
    assert "Saisi par votre accompagnateur" in page and "Je donne le bain à 19 h." in page
    assert "C’est bien ce que j’ai dit" in page

    # "That is not what I said", with a reason; the mentor sees the reason and changes the words.
    client.post(f"/proposals/{proposal.id}/refuse", data={"reason": "C'est à 18 h, et je vérifie l'eau."})
    db.session.refresh(proposal)
    assert proposal.state == "refused"
    log_in(client, mentor)
    assert "C&#39;est à 18 h, et je vérifie l&#39;eau." in client.get(f"/blocks/{block.id}").get_data(as_text=True)
    client.post(f"/proposals/{proposal.id}/change", data={
        f"p{proposal.id}-title": "Le bain", f"p{proposal.id}-body": "Je donne le bain à 18 h."})
    db.session.refresh(proposal)
    assert proposal.state == "proposed" and proposal.body == "Je donne le bain à 18 h."
    # The mentor cannot give the candidate's word for them.
    assert client.post(f"/proposals/{proposal.id}/confirm").status_code == 403

    # The candidate corrects one more word, then confirms.
    log_in(client, case.candidate)
    client.post(f"/proposals/{proposal.id}/change", data={
        f"p{proposal.id}-title": "Le bain", f"p{proposal.id}-body": "Je donne le bain à 18 h et je vérifie l'eau."})
    client.post(f"/proposals/{proposal.id}/confirm")
    db.session.refresh(proposal)
    assert proposal.state == "confirmed"
    evidence = proposal.evidence
    assert evidence.body == "Je donne le bain à 18 h et je vérifie l'eau."
    assert (evidence.created_by_id, evidence.typed_by_id) == (case.candidate_id, mentor.id)
    assert competence.id in covered_competence_ids([block.id])[block.id]

    trail = [(e.event, e.actor_id, e.to_state) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type.in_(("proposal", "evidence"))).order_by(AuditEvent.id))]
    assert trail == [("proposal_typed", mentor.id, "proposed"), ("refuse", case.candidate_id, "refused"),
                     ("change", mentor.id, "proposed"), ("change", case.candidate_id, "proposed"),
                     ("confirm", case.candidate_id, "confirmed"), ("evidence_added", case.candidate_id, None)]
    added = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "evidence_added"))
    assert added.data["typed_by"] == mentor.id and added.data["confirmed_by"] == case.candidate_id

    # Once confirmed, the proposal leaves the waiting list; the dossier shows both names.
    page = client.get(f"/blocks/{block.id}").get_data(as_text=True)
    assert "C’est bien ce que j’ai dit" not in page
    assert "Saisi par Martine Mentor (accompagnateur), confirmé par Alice Aubert comme ses propres mots" in page


def test_the_jury_reads_who_typed_and_who_confirmed_but_never_an_unconfirmed_proposal(client, db, followed,
                                                                                      make_user, cover_all):
    from datetime import timedelta

    from vae.core.clock import now
    from vae.jury import operations as jury

    mentor, case, _other = followed
    block = case.blocks[0]
    first, second = block.block.competences[:2]
    log_in(client, mentor)
    _propose(client, block, first, "Je prépare le goûter.")
    _propose(client, block, second, "Proposition jamais confirmée.")
    confirmed, pending = db.session.scalars(select(AssistedProposal).order_by(AssistedProposal.id)).all()
    log_in(client, case.candidate)
    client.post(f"/proposals/{confirmed.id}/confirm")

    # A pending proposal does not cover its competence: the block cannot be submitted on it.
    block.honour_signed_at = now()
    outcome = BLOCK.fire(block, "submit", actor=case.candidate)
    assert not outcome.ok
    cover_all(block)  # the candidate documents the rest
    db.session.execute(db.delete(Evidence).where(Evidence.competence_id == second.id))
    db.session.flush()
    assert not BLOCK.fire(block, "submit", actor=case.candidate).ok
    db.session.add(Evidence(case_block=block, competence=second, kind="at_interview", title="", body="",
                            created_by=case.candidate))
    db.session.flush()
    assert BLOCK.fire(block, "submit", actor=case.candidate).ok
    for other in case.blocks[1:]:
        assert BLOCK.fire(other, "withdraw", actor=case.candidate).ok

    admin, president, member = make_user("admin"), make_user("jury"), make_user("jury")
    session = jury.create_session(title=case.title, starts_at=now() + timedelta(days=7), location="Salle 2",
                                  video_link="", capacity=4, actor=admin)
    jury.add_member(session, user=president, qualification="practising_professional", gender=None, actor=admin)
    jury.add_member(session, user=member, qualification="trainer", gender=None, actor=admin)
    interview = jury.schedule_interview(session, case, starts_at=session.starts_at, actor=admin)
    db.session.commit()
    log_in(client, member)
    page = client.get(f"/jury/interviews/{interview.id}").get_data(as_text=True)
    assert "Je prépare le goûter." in page
    assert "Saisi par Martine Mentor (accompagnateur), confirmé par Alice Aubert" in page
    assert "Proposition jamais confirmée." not in page
    assert client.get(f"/proposals/{pending.id}/file").status_code == 404


def test_other_people_cannot_see_or_answer_a_proposal(client, db, followed, make_user):
    mentor, case, other_case = followed
    block = case.blocks[0]
    log_in(client, mentor)
    _propose(client, block, block.block.competences[0], "Secret de la séance.")
    proposal = db.session.scalar(select(AssistedProposal))
    # Another candidate (even one with the same mentor) and another mentor: as if it did not exist.
    log_in(client, other_case.candidate)
    assert client.post(f"/proposals/{proposal.id}/confirm").status_code == 404
    assert client.post(f"/proposals/{proposal.id}/refuse", data={"reason": ""}).status_code == 404
    stranger = make_user("mentor")
    log_in(client, stranger)
    assert _propose(client, block, block.block.competences[0], "Intrus").status_code == 404
    assert client.post(f"/proposals/{proposal.id}/change", data={}).status_code == 404
    db.session.refresh(proposal)
    assert proposal.state == "proposed" and db.session.scalar(select(AssistedProposal.id).where(
        AssistedProposal.body == "Intrus")) is None


def test_a_recorded_proposal_plays_for_the_candidate_before_they_confirm_it(client, db, followed, app):
    mentor, case, _other = followed
    block = case.blocks[0]
    log_in(client, mentor)
    response = client.post(f"/blocks/{block.id}/proposals", data={
        "competence_id": str(block.block.competences[0].id), "kind": "audio", "title": "Ce que j'ai raconté",
        "body": "", "file": (io.BytesIO(webm(video=False)), "voice.webm")}, content_type="multipart/form-data")
    assert response.status_code == 302
    proposal = db.session.scalar(select(AssistedProposal))
    log_in(client, case.candidate)
    page = client.get(f"/blocks/{block.id}").get_data(as_text=True)
    assert f'src="/proposals/{proposal.id}/file"' in page
    played = client.get(f"/proposals/{proposal.id}/file")
    assert played.status_code == 200 and played.mimetype.startswith("audio/")
    client.post(f"/proposals/{proposal.id}/confirm")
    db.session.refresh(proposal)
    assert proposal.evidence.file_id == proposal.file_id and proposal.evidence.kind == "audio"


def test_a_question_is_answered_by_a_recording_that_the_mentor_plays(client, db, followed):
    mentor, case, other_case = followed
    block = case.blocks[0]
    log_in(client, mentor)
    client.post(f"/mentor/blocks/{block.id}/annotations", data={"kind": "question", "body": "Comment rangez-vous ?"})
    question = db.session.scalar(select(Annotation))
    log_in(client, case.candidate)
    assert "Répondre à l’oral plutôt" in client.get(f"/blocks/{block.id}").get_data(as_text=True)
    response = client.post(f"/mentor/annotations/{question.id}/reply-recording",
                           data={"file": (io.BytesIO(wav_audio(1.0)), "voice.wav")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    answer = db.session.scalar(select(Annotation).where(Annotation.parent_id == question.id))
    assert answer.body == "" and answer.file is not None and answer.author_id == case.candidate_id

    log_in(client, mentor)
    page = client.get(f"/blocks/{block.id}").get_data(as_text=True)
    assert f'src="/files/answers/{answer.id}"' in page
    assert client.get(f"/files/answers/{answer.id}").mimetype.startswith("audio/")
    # A photo is not an answer by voice; another candidate cannot play this one.
    log_in(client, other_case.candidate)
    assert client.get(f"/files/answers/{answer.id}").status_code == 404


def test_an_experience_is_described_by_voice_without_a_written_field(client, db, case_in, make_user):
    case = case_in("draft")
    before = len(case.experiences)
    log_in(client, case.candidate)
    base = {"start_date": "2020-01-01", "end_date": "", "hours_per_week": "20", "employer": "", "role": "",
            "activities": "", "case_blocks": [case.blocks[0].id]}
    refused = client.post(f"/cases/{case.id}/experiences/new", data=base, content_type="multipart/form-data")
    assert refused.status_code == 400 and "décrivez l’expérience à l’oral" in refused.get_data(as_text=True)
    saved = client.post(f"/cases/{case.id}/experiences/new", content_type="multipart/form-data",
                        data={**base, "recording": (io.BytesIO(wav_audio(1.0)), "voice.wav")})
    assert saved.status_code == 302
    db.session.refresh(case)
    assert len(case.experiences) == before + 1
    [experience] = [e for e in case.experiences if e.recording_file_id]
    assert experience.employer == "" and experience.recording is not None
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'src="/files/experiences/{experience.id}"' in page and "Décrite à l’oral" in page
    assert client.get(f"/files/experiences/{experience.id}").mimetype.startswith("audio/")
