"""Every model, importable from one place; one module per aggregate."""
from vae.models.accompaniment import AssistedProposal, Meeting, MeetingAttendee
from vae.models.api import ApiClient, ApiToken, IdempotencyKey, WebhookDelivery, WebhookSubscription
from vae.models.audit import AuditEvent
from vae.models.awards import BlockAward, TitleAward
from vae.models.cases import Case, CaseBlock, Experience, SelfAssessment, experience_block
from vae.models.claims import BlockClaim
from vae.models.certificates import Certificate, StatusList
from vae.models.dashboard import DashboardSnapshot
from vae.models.evidence import Annotation, Evidence, StoredFile
from vae.models.jobs import JobRun
from vae.models.jury import BlockDecision, Interview, JuryDeclaration, JuryMember, JurySession, Score
from vae.models.outbox import OutboxMessage
from vae.models.phases import PhaseReached
from vae.models.records import ShareLink, ShareLinkItem
from vae.models.pathways import BlockRecommendation, TitleFunding, recommendation_shortfall
from vae.models.titles import Block, BlockEquivalence, Competence, RegisterLink, Title
from vae.models.users import User, UserRole

__all__ = [
    "Annotation", "ApiClient", "ApiToken", "AssistedProposal", "AuditEvent", "Block", "BlockAward", "BlockClaim",
    "BlockDecision", "BlockEquivalence", "Meeting", "MeetingAttendee",
    "Case", "CaseBlock", "Certificate", "Competence", "DashboardSnapshot", "RegisterLink", "Evidence", "Experience",
    "Interview", "JobRun", "JuryDeclaration", "JuryMember", "JurySession", "OutboxMessage", "PhaseReached", "Score", "SelfAssessment",
    "ShareLink", "ShareLinkItem", "StatusList",
    "StoredFile", "Title", "TitleAward", "User", "UserRole", "IdempotencyKey", "WebhookDelivery",
    "WebhookSubscription", "experience_block", "BlockRecommendation", "TitleFunding", "recommendation_shortfall",
]
