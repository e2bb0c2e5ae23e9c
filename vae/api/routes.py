"""/api/v1: the open API (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs).

Views are thin, as on the web: authenticate (a bearer token, scoped), read through
`vae.core.access` (404 for others' ids), call the same operation or workflow event as
the web page, let the wrapper commit once and answer JSON. See docs/api.md.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from sqlalchemy import false, select
from sqlalchemy.orm import selectinload
from werkzeug.routing import IntegerConverter

from vae.api import schemas as s
from vae.api import serialize as out
from vae.api.auth import SCOPES, Caller, CLIENT_TOKEN_LIFETIME, rate_limit_key, token_for_client
from vae.api.problems import ApiProblem
from vae.api.spec import INT32_MAX, OPERATIONS, openapi_document, operation, render
from vae.catalog.search import title_matches
from vae.core.access import (get_case_block_or_404, get_case_or_404, get_evidence_or_404, relations_to,
                             sessions_of_member, visible_case_blocks, visible_cases)
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import csrf, db, limiter
from vae.models import (Block, BlockAward, Case, CaseBlock, Certificate, Evidence, Interview,
                        JurySession, Title, TitleAward, User, WebhookDelivery, WebhookSubscription)
from vae.models.states import ADMIN, CANDIDATE, JURY

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # token calls carry no cookie; a browser session is checked in vae.api.auth
limiter.limit(lambda: current_app.config.get("RATELIMIT_API", "300 per minute"), key_func=rate_limit_key)(bp)


class IdConverter(IntegerConverter):
    """An id in a URL: 1 to 2**31-1 (larger numbers match nothing: 404, never a database error)."""

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=INT32_MAX)


@bp.record_once
def _wire(state) -> None:
    from vae.api.webhooks import listen_for_events

    state.app.url_map.converters["id"] = IdConverter
    listen_for_events()


# -- description --------------------------------------------------------------------------
@bp.get("/openapi.json")
def openapi():
    return render(openapi_document())


@bp.get("/docs")
def docs():
    """A plain HTML page from the same records as the OpenAPI document (no CDN, no script)."""
    return render_template("api/docs.html", operations=sorted(OPERATIONS, key=lambda o: (o.tag, o.path)),
                           scopes=SCOPES)


@bp.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(anything):
    """Anything else under /api/v1: 405 (with Allow) for a known path, else 404 — as problem+json."""
    from werkzeug.exceptions import HTTPException as RoutingMiss

    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = set()
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        try:
            rule, _args = adapter.match(request.path, method=method, return_rule=True)
        except RoutingMiss:
            continue
        if rule.endpoint != "api.not_found":
            allowed.add(method)
    if allowed:
        raise ApiProblem(405, f"{request.method} is not allowed here.",
                         headers={"Allow": ", ".join(sorted(allowed | {"OPTIONS", "HEAD"} if "GET" in allowed
                                                            else allowed | {"OPTIONS"}))})
    raise ApiProblem(404, "No such resource in this API.")


@operation(bp, "POST", "/oauth/token", summary="Get a token for an organisation's client (client credentials)",
           tag="auth", scope=None, body=s.TokenRequest, response=s.TokenOut, errors=(401, 422))
def oauth_token(body):
    """OAuth 2 client-credentials grant, with a JSON body (RFC 6749 §4.4)."""
    data = body()
    token, clear = token_for_client(data.client_id, data.client_secret,
                                    data.scope.split() if data.scope else None)
    return s.TokenOut(access_token=clear, expires_in=int(CLIENT_TOKEN_LIFETIME.total_seconds()),
                      scope=" ".join(token.scopes)), 200, {"Cache-Control": "no-store"}


# -- titles ---------------------------------------------------------------------------------
# What title_out writes, in three queries for a whole page (lazily: one per title and per block).
_WITH_BLOCKS_AND_COMPETENCES = (selectinload(Title.blocks).selectinload(Block.competences),)


@operation(bp, "GET", "/titles", summary="List titles with their blocks and competences", tag="titles",
           scope="titles:read", query=s.TitleQuery, response=s.TitlePage)
def titles(query: s.TitleQuery, caller: Caller):
    select_titles = select(Title).options(*_WITH_BLOCKS_AND_COMPETENCES)
    if query.code:
        select_titles = select_titles.where(Title.rncp_code == query.code.strip().upper())
    if query.level:
        select_titles = select_titles.where(Title.eqf_level == query.level)
    if query.q and query.q.strip():
        select_titles = select_titles.where(title_matches(query.q, competences=True))
    rows, cursor = out.page_of(select_titles, Title, query)
    return s.TitlePage(items=[out.title_out(t) for t in rows], next_cursor=cursor)


@operation(bp, "GET", "/titles/<id:title_id>", summary="One title", tag="titles", scope="titles:read",
           response=s.TitleOut)
def title(title_id: int, caller: Caller):
    found = db.session.get(Title, title_id, options=_WITH_BLOCKS_AND_COMPETENCES)
    if found is None:
        raise ApiProblem(404)
    return out.title_out(found)


# -- cases ----------------------------------------------------------------------------------
def _etag(case: Case) -> str:
    return f'"case-{case.id}-v{case.version}"'


def _check_if_match(case: Case) -> None:
    wanted = request.headers.get("If-Match")
    if wanted is None or wanted.strip() == "*":
        return
    tags = [t.strip().removeprefix("W/") for t in wanted.split(",")]
    if _etag(case) not in tags:
        raise ApiProblem(412, "The case changed since you read it: read it again (its ETag) and retry.",
                         current_version=case.version)


@operation(bp, "GET", "/cases", summary="Cases this account may see", tag="cases", scope="cases:read",
           query=s.CaseQuery, response=s.CasePage)
def cases(query: s.CaseQuery, caller: Caller):
    select_cases = visible_cases(caller.user)
    if query.state:
        select_cases = select_cases.where(Case.state == query.state)
    rows, cursor = out.page_of(select_cases, Case, query)
    return s.CasePage(items=[_case_out(c, caller) for c in rows], next_cursor=cursor)


def _case_out(case: Case, caller: Caller) -> s.CaseOut:
    """The case with the blocks this account may see (a jury sees only those before its session)."""
    visible = set(db.session.scalars(visible_case_blocks(caller.user).where(CaseBlock.case_id == case.id)
                                     .with_only_columns(CaseBlock.id)))
    return out.case_out(case, caller.user, [cb for cb in case.blocks if cb.id in visible])


@operation(bp, "GET", "/cases/<id:case_id>", summary="One case, with its blocks and available events",
           tag="cases", scope="cases:read", response=s.CaseOut, etag=True)
def case(case_id: int, caller: Caller):
    found = get_case_or_404(caller.user, case_id)
    return _case_out(found, caller), 200, {"ETag": _etag(found)}


@operation(bp, "POST", "/cases", summary="Start a case (the candidate chooses a title and blocks)", tag="cases",
           scope="cases:write", body=s.NewCase, response=s.CaseOut, status=201, errors=(422,))
def start_case(body, caller: Caller):
    from vae.candidate import operations as candidate_ops

    if not caller.user.has_role(CANDIDATE):
        raise ApiProblem(403, "Only a candidate starts a case.")
    data = body()
    chosen_title = db.session.get(Title, data.title_id)
    if chosen_title is None:
        raise ApiProblem(422, "No such title.", slug="validation",
                         errors=[{"location": ["body", "title_id"], "message": "unknown title", "type": "value_error"}])
    started = candidate_ops.start_case(caller.user, chosen_title, list(data.block_ids), now().date())
    return (_case_out(started, caller), 201,
            {"Location": f"/api/v1/cases/{started.id}", "ETag": _etag(started)})


def _own_case(caller: Caller, case_id: int) -> Case:
    if not caller.user.has_role(CANDIDATE):
        raise ApiProblem(403, "Only the candidate changes the application.")
    found = get_case_or_404(caller.user, case_id)
    if CANDIDATE not in relations_to(caller.user, found):
        raise ApiProblem(403, "Only the candidate changes the application.")
    return found


@operation(bp, "POST", "/cases/<id:case_id>/experiences", summary="Record an experience (draft case)",
           tag="cases", scope="cases:write", body=s.NewExperience, response=s.ExperienceOut, status=201,
           errors=(422,), if_match=True)
def add_experience(case_id: int, body, caller: Caller):
    from vae.candidate import operations as candidate_ops

    found = _own_case(caller, case_id)
    _check_if_match(found)
    data = body()
    if data.end_date is not None and data.end_date < data.start_date:
        raise ApiProblem(422, "The end date comes before the start date.", slug="validation",
                         errors=[{"location": ["body", "end_date"], "message": "before start_date",
                                  "type": "value_error"}])
    experience = candidate_ops.save_experience(
        found, None, employer=data.employer.strip(), household_employer=data.household_employer,
        role=data.role.strip(), start_date=data.start_date, end_date=data.end_date,
        hours_per_week=data.hours_per_week, activities=data.activities,
        case_block_ids=list(data.case_block_ids) or [cb.id for cb in found.blocks])
    return s.ExperienceOut(id=experience.id, case_id=found.id, employer=experience.employer,
                           role=experience.role, start_date=experience.start_date, end_date=experience.end_date,
                           hours_per_week=experience.hours_per_week), 201


def _event_data(data: s.EventRequest) -> dict:
    return {k: v for k, v in (("reason", data.reason), ("rationale", data.rationale),
                              ("recommendations", data.recommendations)) if v is not None}


def _refused(outcome) -> ApiProblem:
    return ApiProblem(409, "Refused: " + "; ".join(outcome.reasons), slug="refused", reasons=list(outcome.reasons))


def _fire(workflow, found, event: str, caller: Caller, what: str, data_of):
    """Fire an event as the web does, answering as the API does: an unknown event 404, an actor
    who may not fire it 403, a stale If-Match 412, a refusal 409 with every reason.

    `data_of()` is called once the request may go on: it reads the body and returns the event's data.
    """
    if event not in workflow.events:
        raise ApiProblem(404, f"No event {event!r} on a {what}.")
    if not any(workflow.may_act(t, found, caller.user) for t in workflow.transitions_for(event)):
        raise ApiProblem(403, f"You may not do this on this {what}.")
    _check_if_match(workflow.case_of(found))
    outcome = workflow.fire(found, event, caller.user, **data_of())
    if not outcome.ok:
        raise _refused(outcome)
    return outcome


@operation(bp, "POST", "/cases/<id:case_id>/events/<case_event>",
           summary="Fire a case event (submit, declare_admissible, …): same rules as the web",
           tag="cases", scope="case_blocks:events", body=s.EventRequest, response=s.EventResult,
           errors=(409,), if_match=True)
def case_event(case_id: int, case_event: str, body, caller: Caller):
    from vae.workflows.case import CASE

    found = get_case_or_404(caller.user, case_id)
    outcome = _fire(CASE, found, case_event, caller, "case", lambda: _event_data(body()))
    return s.EventResult(event=case_event, from_state=outcome.from_state, to_state=outcome.to_state,
                         case_version=found.version, case=_case_out(found, caller)), 200, {"ETag": _etag(found)}


# -- case blocks ----------------------------------------------------------------------------
@operation(bp, "GET", "/case-blocks", summary="Case blocks this account may see", tag="case blocks",
           scope="cases:read", query=s.CaseBlockQuery, response=s.CaseBlockPage)
def case_blocks(query: s.CaseBlockQuery, caller: Caller):
    select_blocks = visible_case_blocks(caller.user)
    if query.state:
        select_blocks = select_blocks.where(CaseBlock.state == query.state)
    if query.case_id:
        select_blocks = select_blocks.where(CaseBlock.case_id == query.case_id)
    rows, cursor = out.page_of(select_blocks, CaseBlock, query)
    return s.CaseBlockPage(items=[out.case_block_out(cb, caller.user) for cb in rows], next_cursor=cursor)


@operation(bp, "GET", "/case-blocks/<id:case_block_id>", summary="One case block: state, phase, events",
           tag="case blocks", scope="cases:read", response=s.CaseBlockOut, etag=True)
def case_block(case_block_id: int, caller: Caller):
    found = get_case_block_or_404(caller.user, case_block_id)
    return out.case_block_out(found, caller.user), 200, {"ETag": _etag(found.case)}


@operation(bp, "POST", "/case-blocks/<id:case_block_id>/events/<block_event>",
           summary="Fire a case-block event (submit, return, validate, certify…): same rules as the web",
           tag="case blocks", scope="case_blocks:events", body=s.EventRequest, response=s.EventResult,
           errors=(409,), if_match=True)
def case_block_event(case_block_id: int, block_event: str, body, caller: Caller):
    from vae.dossier import operations as dossier_ops
    from vae.workflows.block import BLOCK

    found = get_case_block_or_404(caller.user, case_block_id)

    def data_of() -> dict:
        data = body()
        extra = _event_data(data)
        if block_event == "submit" and data.honour_statement:
            dossier_ops.sign_honour_statement(found)  # as the web form's box
        if block_event in ("validate", "reject") and found.interview is not None:
            extra["session"] = found.interview.session
        if block_event == "certify":
            extra.setdefault("reason", "certificates issued")  # as the certification page's batch
        return extra

    outcome = _fire(BLOCK, found, block_event, caller, "case block", data_of)
    return s.EventResult(event=block_event, from_state=outcome.from_state, to_state=outcome.to_state,
                         case_version=found.case.version, case_block=out.case_block_out(found, caller.user)), \
        200, {"ETag": _etag(found.case)}


# -- evidence -------------------------------------------------------------------------------
@operation(bp, "GET", "/case-blocks/<id:case_block_id>/evidence", summary="Evidence metadata of a case block",
           tag="evidence", scope="evidence:read", response=s.EvidenceList)
def case_block_evidence(case_block_id: int, caller: Caller):
    found = get_case_block_or_404(caller.user, case_block_id)
    items = db.session.scalars(select(Evidence).where(Evidence.case_block_id == found.id).order_by(Evidence.id))
    return s.EvidenceList(items=[out.evidence_out(e) for e in items])


@operation(bp, "POST", "/case-blocks/<id:case_block_id>/evidence",
           summary="Add a written account or an 'at the interview' note (files: on the web)", tag="evidence",
           scope="cases:write", body=s.NewEvidence, response=s.EvidenceOut, status=201, errors=(422,))
def add_evidence(case_block_id: int, body, caller: Caller):
    from vae.dossier import operations as dossier_ops

    if not caller.user.has_role(CANDIDATE):
        raise ApiProblem(403, "Only the candidate adds evidence.")
    found = get_case_block_or_404(caller.user, case_block_id)
    if CANDIDATE not in relations_to(caller.user, found):
        raise ApiProblem(403, "Only the candidate adds evidence.")
    data = body()
    if data.kind == "text" and not data.body.strip():
        raise ApiProblem(422, "Write the account before adding it.", slug="validation",
                         errors=[{"location": ["body", "body"], "message": "empty", "type": "value_error"}])
    evidence = dossier_ops.add_evidence(found, caller.user, kind=data.kind, competence_id=data.competence_id,
                                          title=data.title, body=data.body, upload=None)
    return out.evidence_out(evidence), 201, {"Location": f"/api/v1/evidence/{evidence.id}"}


@operation(bp, "GET", "/evidence/<id:evidence_id>", summary="One evidence item's metadata", tag="evidence",
           scope="evidence:read", response=s.EvidenceOut)
def evidence(evidence_id: int, caller: Caller):
    return out.evidence_out(get_evidence_or_404(caller.user, evidence_id))


@operation(bp, "GET", "/evidence/<id:evidence_id>/file", summary="The evidence file (same access rules)",
           tag="evidence", scope="evidence:read")
def evidence_file(evidence_id: int, caller: Caller):
    from vae.storage import blobs
    from vae.storage.serving import stored_file_response

    found = get_evidence_or_404(caller.user, evidence_id)
    if found.file is None:
        raise ApiProblem(404, "This evidence has no file.")
    if not blobs.exists(found.file.sha256):
        raise ApiProblem(404, "The file is missing from the store.")
    if caller.user.id != found.case_block.case.candidate_id:
        record(caller.user, "evidence", found.id, "file_downloaded", case_id=found.case_block.case_id,
               data={"via": "api"})
    response = stored_file_response(found.file.sha256, found.file.mime_type, as_attachment=True,
                                    download_name=found.original_filename or f"evidence-{found.id}")
    if response is None:
        raise ApiProblem(404, "The file is missing from the store.")
    return response


# -- jury -----------------------------------------------------------------------------------
def _sessions_for(user: User):
    if user.has_role(ADMIN):
        return select(JurySession)
    if user.has_role(JURY):
        return sessions_of_member(user)
    raise ApiProblem(403, "Jury sessions are for jury members and certifier staff.")


def _session_or_404(user: User, session_id: int) -> JurySession:
    found = db.session.scalar(_sessions_for(user).where(JurySession.id == session_id))
    if found is None:
        raise ApiProblem(404)
    return found


@operation(bp, "GET", "/jury-sessions", summary="Jury sessions (one's own seats; all for certifier staff)",
           tag="jury", scope="jury:read", query=s.Page, response=s.SessionPage)
def jury_sessions(query: s.Page, caller: Caller):
    rows, cursor = out.page_of(_sessions_for(caller.user), JurySession, query)
    return s.SessionPage(items=[out.session_out(x) for x in rows], next_cursor=cursor)


@operation(bp, "GET", "/jury-sessions/<id:session_id>", summary="One jury session with its interviews",
           tag="jury", scope="jury:read", response=s.SessionOut)
def jury_session(session_id: int, caller: Caller):
    return out.session_out(_session_or_404(caller.user, session_id))


def _admin(caller: Caller) -> None:
    if not caller.user.has_role(ADMIN):
        raise ApiProblem(403, "Certifier staff only.")


@operation(bp, "POST", "/jury-sessions", summary="Plan a jury session (certifier staff)", tag="jury",
           scope="jury:write", body=s.NewSession, response=s.SessionOut, status=201, errors=(422,))
def create_jury_session(body, caller: Caller):
    from vae.jury import operations as jury_ops

    _admin(caller)
    data = body()
    chosen_title = db.session.get(Title, data.title_id)
    if chosen_title is None:
        raise ApiProblem(422, "No such title.", slug="validation",
                         errors=[{"location": ["body", "title_id"], "message": "unknown title", "type": "value_error"}])
    created = jury_ops.create_session(title=chosen_title, starts_at=data.starts_at, location=data.location,
                                      video_link="", capacity=data.capacity, actor=caller.user)
    return out.session_out(created), 201, {"Location": f"/api/v1/jury-sessions/{created.id}"}


@operation(bp, "POST", "/jury-sessions/<id:session_id>/members", summary="Seat a jury member (the first presides)",
           tag="jury", scope="jury:write", body=s.NewMember, response=s.SessionOut, status=201, errors=(422,))
def add_jury_member(session_id: int, body, caller: Caller):
    from vae.jury import operations as jury_ops

    _admin(caller)
    found = _session_or_404(caller.user, session_id)
    data = body()
    user = db.session.get(User, data.user_id)
    if user is None:
        raise ApiProblem(422, "No such person.", slug="validation",
                         errors=[{"location": ["body", "user_id"], "message": "unknown user", "type": "value_error"}])
    jury_ops.add_member(found, user=user, qualification=data.qualification, gender=None, actor=caller.user)
    return out.session_out(found), 201


@operation(bp, "POST", "/jury-sessions/<id:session_id>/interviews",
           summary="Book an interview for a case's submitted blocks (fires schedule)", tag="jury",
           scope="jury:write", body=s.NewInterview, response=s.InterviewOut, status=201, errors=(422,))
def book_interview(session_id: int, body, caller: Caller):
    from vae.jury import operations as jury_ops

    _admin(caller)
    found = _session_or_404(caller.user, session_id)
    data = body()
    booked_case = db.session.scalar(visible_cases(caller.user).where(Case.id == data.case_id))
    if booked_case is None:
        raise ApiProblem(422, "No such case.", slug="validation",
                         errors=[{"location": ["body", "case_id"], "message": "unknown case", "type": "value_error"}])
    interview = jury_ops.schedule_interview(found, booked_case, starts_at=data.starts_at, actor=caller.user)
    return out.interview_out(interview), 201, {"Location": f"/api/v1/interviews/{interview.id}"}


def _interview_seat(caller: Caller, interview_id: int):
    if not (caller.user.has_role(JURY) or caller.user.has_role(ADMIN)):
        raise ApiProblem(403, "Interviews are for jury members and certifier staff.")
    interview = db.session.get(Interview, interview_id)
    if interview is None:
        raise ApiProblem(404)
    seat = next((m for m in interview.session.members if m.user_id == caller.user.id), None)
    if seat is None and not caller.user.has_role(ADMIN):
        raise ApiProblem(404)
    return interview, seat


@operation(bp, "GET", "/interviews/<id:interview_id>", summary="One interview", tag="jury", scope="jury:read",
           response=s.InterviewOut)
def interview(interview_id: int, caller: Caller):
    found, _seat = _interview_seat(caller, interview_id)
    return out.interview_out(found)


def _president(caller: Caller, interview_id: int):
    if not caller.user.has_role(JURY):
        raise ApiProblem(403, "Only the jury's president does this.")
    found, seat = _interview_seat(caller, interview_id)
    if seat is None:
        raise ApiProblem(404)
    return found, seat


@operation(bp, "POST", "/interviews/<id:interview_id>/outcome", summary="Record whether the interview was held",
           tag="jury", scope="jury:write", body=s.OutcomeIn, response=s.InterviewOut, errors=(422,))
def interview_outcome(interview_id: int, body, caller: Caller):
    from vae.jury import operations as jury_ops

    found, seat = _president(caller, interview_id)
    if not seat.is_president:
        raise ApiProblem(403, "Only the jury's president records the outcome.")
    data = body()
    jury_ops.record_outcome(found, outcome=data.outcome, actor=caller.user,
                            identity_document=data.identity_document)
    return out.interview_out(found)


@operation(bp, "POST", "/interviews/<id:interview_id>/scores", summary="Save (and submit) one's scores",
           tag="jury", scope="jury:write", body=s.ScoresIn, response=s.Done, errors=(422,))
def interview_scores(interview_id: int, body, caller: Caller):
    from vae.jury import scoring

    found, seat = _president(caller, interview_id)
    data = body()
    competences = {c.id for c in scoring.competences_of(found)}
    unknown = [x.competence_id for x in data.scores if x.competence_id not in competences]
    if unknown:
        raise ApiProblem(422, "A competence is not assessed in this interview.", slug="validation",
                         errors=[{"location": ["body", "scores"], "message": f"unknown competences {unknown}",
                                  "type": "value_error"}])
    scoring.save_scores(found, seat, {x.competence_id: (x.level, x.comment) for x in data.scores})
    if data.submit:
        scoring.submit_scores(found, seat)
    return s.Done(detail="submitted" if data.submit else "saved")


@operation(bp, "POST", "/jury-sessions/<id:session_id>/sign", summary="Sign the minutes (the president)",
           tag="jury", scope="jury:write", response=s.SessionOut, errors=(422,))
def sign_session(session_id: int, caller: Caller):
    from vae.jury import operations as jury_ops

    if not caller.user.has_role(JURY):
        raise ApiProblem(403, "Only the jury's president signs.")
    found = db.session.scalar(sessions_of_member(caller.user).where(JurySession.id == session_id))
    if found is None:
        raise ApiProblem(404)
    seat = next(m for m in found.members if m.user_id == caller.user.id)
    if not seat.is_president:
        raise ApiProblem(403, "Only the jury's president signs.")
    jury_ops.sign_session(found, actor=caller.user)
    return out.session_out(found)


# -- awards -------------------------------------------------------------------------------
@operation(bp, "GET", "/awards", summary="Blocks and titles held, and certificates (one's own; all for staff)",
           tag="awards", scope="awards:read", response=s.AwardsOut, query=s.Page)
def awards(query: s.Page, caller: Caller):
    user = caller.user
    if user.has_role(ADMIN):
        mine = None
    elif user.has_role(CANDIDATE):
        mine = user.id
    else:
        mine = -1
    def scoped(model):
        statement = select(model)
        if mine is not None:
            statement = statement.where(model.candidate_id == mine if mine > 0 else false())
        return statement
    after = out.decode_cursor(query.cursor)
    blocks = db.session.scalars(scoped(BlockAward).where(BlockAward.id > after).order_by(BlockAward.id)
                                .limit(query.limit))
    titles_held = db.session.scalars(scoped(TitleAward).order_by(TitleAward.id).limit(100))
    certificates = db.session.scalars(scoped(Certificate).order_by(Certificate.id).limit(100))
    return s.AwardsOut(
        block_awards=[s.BlockAwardOut(id=a.id, candidate_id=a.candidate_id, block_id=a.block_id,
                                      block_code=a.block.code, source=a.source, awarded_at=a.awarded_at,
                                      expires_at=a.expires_at) for a in blocks],
        title_awards=[s.TitleAwardOut(id=a.id, candidate_id=a.candidate_id, title_id=a.title_id,
                                      title_code=a.title.rncp_code, awarded_at=a.awarded_at) for a in titles_held],
        certificates=[out.certificate_out(c) for c in certificates])


# -- training-assessed blocks ---------------------------------------------------------------
def _invalid(field: str, message: str) -> ApiProblem:
    return ApiProblem(422, message, slug="validation",
                      errors=[{"location": ["body", field], "message": message, "type": "value_error"}])


@operation(bp, "POST", "/training-blocks", summary="Record a block a training course assessed (trusted partners)",
           tag="awards", scope="training:write", body=s.NewTrainingBlock, response=s.BlockClaimOut, status=201,
           errors=(422,))
def record_training_block(body, caller: Caller):
    """The claim is declared; the certifier accepts or refuses it on the queue of blocks by other roads."""
    import base64
    import binascii
    import io

    from flask import after_this_request

    from vae.sources import operations as sources_ops
    from vae.storage.store import UploadRefused, receive

    _admin(caller)  # a partner's client acts as an account of the certifier's staff
    data = body()
    candidate = User.by_email(data.candidate_email)
    if candidate is None or not candidate.has_role(CANDIDATE):
        raise _invalid("candidate_email", "No candidate has this e-mail address.")
    block = sources_ops.block_by_code(data.block_code)
    if block is None:
        raise _invalid("block_code", "No block has this code.")
    try:
        content = base64.b64decode(data.document_base64, validate=True)
        upload = receive(io.BytesIO(content), data.document_filename)
    except (binascii.Error, ValueError) as error:
        raise _invalid("document_base64", str(error) if isinstance(error, UploadRefused)
                       else "Not base64.") from error

    @after_this_request
    def _place_after_commit(response):  # the wrapper commits before the response leaves
        upload.place() if response.status_code == 201 else upload.discard()
        return response

    claim = sources_ops.declare_claim(
        candidate=candidate, block=block, source="training", awarding_body=data.awarding_body,
        assessed_on=data.assessed_on, assessment_reference=data.assessment_reference, actor=caller.user,
        upload=upload)
    return s.BlockClaimOut(id=claim.id, candidate_id=claim.candidate_id, block_code=block.code,
                           source=claim.source, state=claim.state, awarding_body=claim.awarding_body,
                           assessed_on=claim.assessed_on, assessment_reference=claim.assessment_reference,
                           declared_at=claim.declared_at), 201


# -- webhooks -------------------------------------------------------------------------------
def _webhook_out(subscription: WebhookSubscription, secret: str | None = None) -> s.WebhookOut:
    return s.WebhookOut(id=subscription.id, url=subscription.url, events=list(subscription.events),
                        active=subscription.active, created_at=subscription.created_at, secret=secret)


@operation(bp, "GET", "/webhooks", summary="Webhook subscriptions (certifier staff)", tag="webhooks",
           scope="webhooks:manage", response=s.WebhookList)
def webhooks(caller: Caller):
    _admin(caller)
    rows = db.session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id))
    return s.WebhookList(items=[_webhook_out(w) for w in rows])


@operation(bp, "POST", "/webhooks", summary="Subscribe an endpoint to events", tag="webhooks",
           scope="webhooks:manage", body=s.NewWebhook, response=s.WebhookOut, status=201, errors=(422,))
def create_webhook(body, caller: Caller):
    from vae.api.webhooks import subscribe

    _admin(caller)
    data = body()
    subscription, secret = subscribe(caller.user, url=data.url, events=list(data.events), secret=data.secret)
    return _webhook_out(subscription, secret), 201, {"Location": f"/api/v1/webhooks/{subscription.id}"}


@operation(bp, "GET", "/webhook-deliveries", summary="Deliveries and their state (certifier staff)",
           tag="webhooks", scope="webhooks:manage", query=s.Page, response=s.DeliveryPage)
def webhook_deliveries(query: s.Page, caller: Caller):
    _admin(caller)
    rows, cursor = out.page_of(select(WebhookDelivery), WebhookDelivery, query)
    return s.DeliveryPage(items=[s.DeliveryOut(
        id=d.id, subscription_id=d.subscription_id, event=d.event, state=d.state, attempts=d.attempts,
        last_status=d.last_status, last_error=d.last_error, created_at=d.created_at,
        delivered_at=d.delivered_at) for d in rows], next_cursor=cursor)
