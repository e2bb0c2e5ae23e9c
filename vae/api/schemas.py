"""What the API reads and writes: pydantic models, turned into the OpenAPI schemas."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from vae.models.states import (BLOCK_STATES, CASE_STATES, IDENTITY_DOCUMENTS, INTERVIEW_OUTCOMES, JURY_QUALIFICATIONS,
                               SCORE_LEVELS)

Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
Text = Annotated[str, StringConstraints(max_length=5000)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Cursor = Annotated[str, StringConstraints(max_length=200)]


def _this_century(moment: datetime) -> datetime:
    if not 2000 <= moment.year <= 2100:
        raise ValueError("a date between the years 2000 and 2100")
    return moment


# A moment with its time zone (RFC 3339), within sane bounds.
Moment = Annotated[AwareDatetime, AfterValidator(_this_century)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    reasons: list[str] | None = Field(None, description="Every reason a rule refused the request")
    errors: list[dict] | None = Field(None, description="Invalid fields")
    required_scope: str | None = None


# -- queries ------------------------------------------------------------------------------
class Page(Strict):
    limit: int = Field(20, ge=1, le=100, description="Items per page (1-100)")
    cursor: Cursor | None = Field(None, description="`next_cursor` of the previous page")


class TitleQuery(Page):
    code: Annotated[str, StringConstraints(max_length=30)] | None = Field(
        None, description="RNCP code (exact, e.g. RNCP37780)")
    level: int | None = Field(None, ge=1, le=8, description="EQF level")
    q: ShortText | None = Field(None, description=(
        "Words, each the start of a word of the title's, its certifier's, a block's or a current competence's "
        "label (accents ignored), or an RNCP code: the catalogue's search"))


class CaseQuery(Page):
    state: Literal[CASE_STATES] | None = None  # type: ignore[valid-type]


class CaseBlockQuery(Page):
    state: Literal[BLOCK_STATES] | None = None  # type: ignore[valid-type]
    case_id: Id | None = None


# -- titles -------------------------------------------------------------------------------
class CompetenceOut(BaseModel):
    id: int
    position: int
    label: str


class BlockOut(BaseModel):
    id: int
    code: str
    label: str
    required: bool
    notional_workload_hours: int | None
    competences: list[CompetenceOut]


class TitleOut(BaseModel):
    id: int
    rncp_code: str
    label: str
    eqf_level: int
    certifier_name: str
    active: bool
    end_date: date | None
    blocks: list[BlockOut]


class TitlePage(BaseModel):
    items: list[TitleOut]
    next_cursor: str | None


# -- cases --------------------------------------------------------------------------------
class AvailableEvent(BaseModel):
    event: str
    label: str
    target: str
    allowed: bool
    needs: list[str]
    reasons: list[str] = Field(description="Why it is disabled now (empty when allowed)")


class CaseBlockOut(BaseModel):
    id: int
    case_id: int
    block_id: int
    block_code: str
    block_label: str
    state: str
    phase: str
    submitted_at: datetime | None
    honour_signed_at: datetime | None
    interview_id: int | None
    available_events: list[AvailableEvent]
    links: dict[str, str]


class CaseOut(BaseModel):
    id: int
    candidate_id: int
    title_id: int
    title_code: str
    mentor_id: int | None
    state: str
    version: int
    created_at: datetime
    submitted_at: datetime | None
    admissibility_decided_at: datetime | None
    last_activity_at: datetime
    blocks: list[CaseBlockOut]
    available_events: list[AvailableEvent]


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None


class CaseBlockPage(BaseModel):
    items: list[CaseBlockOut]
    next_cursor: str | None


class NewCase(Strict):
    title_id: Id
    block_ids: Annotated[list[Id], Field(min_length=1, max_length=50)]


class NewExperience(Strict):
    employer: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    household_employer: bool = False
    role: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    start_date: date = Field(ge=date(1940, 1, 1), le=date(2100, 1, 1))
    end_date: date | None = Field(None, ge=date(1940, 1, 1), le=date(2100, 1, 1))
    hours_per_week: float = Field(gt=0, le=80)
    activities: Text = ""
    case_block_ids: Annotated[list[Id], Field(max_length=50)] = []


class ExperienceOut(BaseModel):
    id: int
    case_id: int
    employer: str
    role: str
    start_date: date
    end_date: date | None
    hours_per_week: float


class EventRequest(Strict):
    reason: Text | None = Field(None, description="Needed by return, cancel_interview, declare_incomplete…")
    rationale: Text | None = Field(None, description="Needed to reject a block")
    recommendations: Text | None = None
    honour_statement: bool = Field(False, description="Sign the honour statement with `submit` (candidate)")


class EventResult(BaseModel):
    event: str
    from_state: str
    to_state: str
    case_version: int
    case_block: CaseBlockOut | None = None
    case: CaseOut | None = None


# -- evidence -----------------------------------------------------------------------------
class EvidenceOut(BaseModel):
    id: int
    case_block_id: int
    competence_id: int | None
    kind: str
    title: str
    has_file: bool
    mime_type: str | None
    size_bytes: int | None
    original_filename: str | None
    created_at: datetime
    links: dict[str, str]


class EvidenceList(BaseModel):
    items: list[EvidenceOut]


class NewEvidence(Strict):
    kind: Literal["text", "at_interview"] = Field(description="Files are uploaded on the web pages")
    competence_id: Id | None = None
    title: Annotated[str, StringConstraints(max_length=200)] = ""
    body: Text = ""


# -- jury ---------------------------------------------------------------------------------
class MemberOut(BaseModel):
    id: int
    user_id: int
    name: str
    qualification: str
    is_president: bool


class InterviewOut(BaseModel):
    id: int
    session_id: int
    case_id: int
    starts_at: datetime
    duration_minutes: int
    state: str
    outcome: str
    case_block_ids: list[int]


class SessionOut(BaseModel):
    id: int
    title_id: int
    starts_at: datetime
    location: str
    capacity: int
    state: str
    signed_at: datetime | None
    members: list[MemberOut]
    interviews: list[InterviewOut]


class SessionPage(BaseModel):
    items: list[SessionOut]
    next_cursor: str | None


class NewSession(Strict):
    title_id: Id
    starts_at: Moment
    location: ShortText = ""
    capacity: int = Field(8, ge=1, le=100)


class NewMember(Strict):
    user_id: Id
    qualification: Literal[JURY_QUALIFICATIONS]  # type: ignore[valid-type]


class NewInterview(Strict):
    case_id: Id
    starts_at: Moment


class OutcomeIn(Strict):
    outcome: Literal[tuple(o for o in INTERVIEW_OUTCOMES if o != "pending")]  # type: ignore[misc]
    # The kind of identity document the president checked (its number is never kept); a decision
    # needs it, so it may come with "held" or later with the same call.
    identity_document: Literal[IDENTITY_DOCUMENTS] | None = None  # type: ignore[valid-type]


class ScoreIn(Strict):
    competence_id: Id
    level: Literal[SCORE_LEVELS]  # type: ignore[valid-type]
    comment: Text = ""


class ScoresIn(Strict):
    scores: Annotated[list[ScoreIn], Field(min_length=1, max_length=100)]
    submit: bool = Field(False, description="Submit the scores (they become visible to the jury)")


class Done(BaseModel):
    done: bool = True
    detail: str | None = None


# -- training-assessed blocks (a road to a block other than the jury) ---------------------
class NewTrainingBlock(Strict):
    """A block a training course assessed; the certifier accepts or refuses it (docs/pathways.md)."""

    candidate_email: Annotated[str, StringConstraints(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
    block_code: Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
    awarding_body: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
    assessed_on: date = Field(description="Date of the assessment")
    assessment_reference: Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")] = ""
    document_filename: Annotated[str, StringConstraints(min_length=1, max_length=200,
                                                        pattern=r"^[^\x00-\x1f\x7f/\\]+$")]
    document_base64: Annotated[str, StringConstraints(min_length=4, max_length=14_000_000)] = Field(
        description="The supporting document (PDF), base64-encoded")


class BlockClaimOut(BaseModel):
    id: int
    candidate_id: int
    block_code: str
    source: str
    state: str
    awarding_body: str
    assessed_on: date
    assessment_reference: str
    declared_at: datetime


# -- awards -------------------------------------------------------------------------------
class BlockAwardOut(BaseModel):
    id: int
    candidate_id: int
    block_id: int
    block_code: str
    source: str
    awarded_at: datetime
    expires_at: datetime | None


class TitleAwardOut(BaseModel):
    id: int
    candidate_id: int
    title_id: int
    title_code: str
    awarded_at: datetime


class CertificateOut(BaseModel):
    public_id: str
    kind: str
    candidate_id: int
    issued_at: datetime
    revoked_at: datetime | None
    links: dict[str, str]


class AwardsOut(BaseModel):
    block_awards: list[BlockAwardOut]
    title_awards: list[TitleAwardOut]
    certificates: list[CertificateOut]


# -- tokens and webhooks ------------------------------------------------------------------
class TokenRequest(Strict):
    grant_type: Literal["client_credentials"]
    client_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    client_secret: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    scope: Annotated[str, StringConstraints(max_length=1000)] | None = None


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    scope: str


WebhookEvent = Literal["case.admissible", "block.decided", "certificate.issued", "certificate.revoked"]


class NewWebhook(Strict):
    url: Annotated[str, StringConstraints(min_length=8, max_length=500, pattern=r"^https?://[^\s]+$")]
    events: Annotated[list[WebhookEvent], Field(min_length=1, max_length=4)]
    secret: Annotated[str, StringConstraints(min_length=16, max_length=100)] | None = Field(
        None, description="HMAC key; generated (and shown once) when absent")


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    secret: str | None = Field(None, description="Only in the answer that created it")


class WebhookList(BaseModel):
    items: list[WebhookOut]


class DeliveryOut(BaseModel):
    id: int
    subscription_id: int
    event: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None
