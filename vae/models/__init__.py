"""Every model, importable from one place; one module per aggregate."""
from vae.models.api import ApiClient, ApiToken, IdempotencyKey, WebhookDelivery, WebhookSubscription
from vae.models.audit import AuditEvent
from vae.models.awards import BlockAward, TitleAward
from vae.models.cases import Case, CaseBlock, Experience, SelfAssessment, experience_block
from vae.models.certificates import Certificate, StatusList
from vae.models.dashboard import DashboardSnapshot
from vae.models.evidence import Annotation, Evidence, StoredFile
from vae.models.jury import BlockDecision, Interview, JuryDeclaration, JuryMember, JurySession, Score
from vae.models.outbox import OutboxMessage
from vae.models.titles import Block, BlockEquivalence, Competence, RegisterLink, Title
from vae.models.users import User, UserRole

__all__ = [
    "Annotation", "ApiClient", "ApiToken", "AuditEvent", "Block", "BlockAward", "BlockDecision", "BlockEquivalence",
    "Case", "CaseBlock", "Certificate", "Competence", "DashboardSnapshot", "RegisterLink", "Evidence", "Experience", "Interview",
    "JuryDeclaration", "JuryMember", "JurySession", "OutboxMessage", "Score", "SelfAssessment", "StatusList",
    "StoredFile", "Title", "TitleAward", "User", "UserRole", "IdempotencyKey", "WebhookDelivery",
    "WebhookSubscription", "experience_block",
]
