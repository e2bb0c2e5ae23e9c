"""One case from application to certificate, through the API alone (no page, no operation called here)."""
from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time

from vae.core.clock import now


def test_a_case_goes_from_application_to_certificate_through_the_api(db, titles, make_user, api_as, runner):
    from tests.api.receiver import Receiver
    from vae.api.webhooks import SIGNATURE_HEADER, verify_signature
    from vae.certification import signing

    signing.generate_key(now())  # the issuer's key: set up once per deployment, not an API call
    candidate = make_user("candidate")
    admin = make_user("admin")
    president, member = make_user("jury"), make_user("jury")
    as_candidate, as_admin = api_as(candidate), api_as(admin)
    as_president = api_as(president)
    partner = Receiver().__enter__()
    hook = as_admin.ok(as_admin.post("/webhooks", {"url": partner.url, "events": [
        "case.admissible", "block.decided", "certificate.issued", "certificate.revoked"]}), 201)

    title = as_candidate.ok(as_candidate.get("/titles?code=RNCP37780"))["items"][0]
    block = title["blocks"][0]
    case = as_candidate.ok(as_candidate.post("/cases", {"title_id": title["id"], "block_ids": [block["id"]]}), 201)
    assert case["state"] == "draft" and len(case["blocks"]) == 1
    case_block_id = case["blocks"][0]["id"]

    # Submitting without an experience is refused with the rule's reason (and nothing changes).
    refused = as_candidate.post(f"/cases/{case['id']}/events/submit")
    assert refused.status_code == 409 and refused.content_type == "application/problem+json"
    assert refused.get_json()["reasons"]
    as_candidate.ok(as_candidate.post(f"/cases/{case['id']}/experiences", {
        "employer": "Mme Dupont", "household_employer": True, "role": "Assistante de vie",
        "start_date": "2019-01-01", "hours_per_week": 25, "activities": "Aide au lever"}), 201)
    etag = as_candidate.get(f"/cases/{case['id']}").headers["ETag"]
    as_candidate.ok(as_candidate.post(f"/cases/{case['id']}/events/submit", headers={"If-Match": etag}))

    # Certifier staff declare it admissible: the block's dossier opens.
    as_admin.ok(as_admin.post(f"/cases/{case['id']}/events/declare_admissible"))
    assert as_candidate.ok(as_candidate.get(f"/case-blocks/{case_block_id}"))["state"] == "documenting"

    # The dossier: an account for the first competence, the rest shown at the interview.
    competences = block["competences"]
    as_candidate.ok(as_candidate.post(f"/case-blocks/{case_block_id}/evidence", {
        "kind": "text", "competence_id": competences[0]["id"], "title": "Toilette", "body": "Je fais…"}), 201)
    for competence in competences[1:]:
        as_candidate.ok(as_candidate.post(f"/case-blocks/{case_block_id}/evidence",
                                          {"kind": "at_interview", "competence_id": competence["id"]}), 201)
    unsigned = as_candidate.post(f"/case-blocks/{case_block_id}/events/submit")
    assert unsigned.status_code == 409 and len(unsigned.get_json()["reasons"]) == 1
    submitted = as_candidate.ok(as_candidate.post(f"/case-blocks/{case_block_id}/events/submit",
                                                  {"honour_statement": True}))
    assert submitted["to_state"] == "submitted"

    # The jury: a session, two members (the first presides), the interview booked.
    starts = now() + timedelta(days=7)
    session = as_admin.ok(as_admin.post("/jury-sessions", {
        "title_id": title["id"], "starts_at": starts.isoformat(), "location": "Lyon"}), 201)
    as_admin.ok(as_admin.post(f"/jury-sessions/{session['id']}/members",
                              {"user_id": president.id, "qualification": "practising_professional"}), 201)
    as_admin.ok(as_admin.post(f"/jury-sessions/{session['id']}/members",
                              {"user_id": member.id, "qualification": "trainer"}), 201)
    interview = as_admin.ok(as_admin.post(f"/jury-sessions/{session['id']}/interviews", {
        "case_id": case["id"], "starts_at": starts.isoformat()}), 201)
    assert as_president.ok(as_president.get(f"/case-blocks/{case_block_id}"))["state"] == "scheduled"

    # The interview's day: nothing about an interview can be recorded before it starts.
    with freeze_time(starts + timedelta(minutes=10), tick=True):
        # The president: held, scored, validated, signed.
        as_president.ok(as_president.post(f"/interviews/{interview['id']}/outcome",
                                          {"outcome": "held", "identity_document": "passport"}))
        as_president.ok(as_president.post(f"/interviews/{interview['id']}/scores", {
            "scores": [{"competence_id": c["id"], "level": "demonstrated"} for c in competences], "submit": True}))
        events = {e["event"]: e for e in as_president.ok(as_president.get(f"/case-blocks/{case_block_id}"))
                  ["available_events"]}
        assert events["validate"]["allowed"], events["validate"]["reasons"]
        as_president.ok(as_president.post(f"/case-blocks/{case_block_id}/events/validate"))
        as_president.ok(as_president.post(f"/jury-sessions/{session['id']}/sign"))

        # Certifier staff certify: the certificate is issued, the candidate reads it.
        certified = as_admin.ok(as_admin.post(f"/case-blocks/{case_block_id}/events/certify"))
        assert certified["to_state"] == "certified"
        awards = as_candidate.ok(as_candidate.get("/awards"))
        assert [a["block_code"] for a in awards["block_awards"]] == [block["code"]]
        kinds = sorted(c["kind"] for c in awards["certificates"])
        assert kinds == ["block", "transcript"]
        assert as_candidate.ok(as_candidate.get(f"/cases/{case['id']}"))["state"] == "closed"

        # The partner heard of each step, signed, once the changes were committed.
        try:
            result = runner.invoke(args=["vae", "send-webhooks"])
            assert "webhooks sent: 3" in result.output, result.output
        finally:
            partner.__exit__(None, None, None)
        assert [r.json["type"] for r in partner.received] == ["case.admissible", "block.decided", "certificate.issued"]
        assert all(verify_signature(hook["secret"], r.headers[SIGNATURE_HEADER], r.body) for r in partner.received)
        assert partner.received[1].json["data"] == {"case_block_id": case_block_id, "case_id": case["id"],
                                                    "decision": "validated"}
