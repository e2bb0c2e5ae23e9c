"""Every enumerated value of the domain, in one place.

The workflow tables, the CHECK constraints and the forms all read these, so a
state cannot exist in one and be missing from another.
"""
from __future__ import annotations

# Roles a person can hold (several at once).
CANDIDATE = "candidate"
MENTOR = "mentor"
JURY = "jury"
ADMIN = "admin"
ROLES = (CANDIDATE, MENTOR, JURY, ADMIN)

CASE_STATES = ("draft", "submitted", "incomplete", "admissible", "inadmissible", "closed", "abandoned")
CASE_FINAL_STATES = ("inadmissible", "closed", "abandoned")

BLOCK_STATES = (
    "selected",
    "documenting",
    "submitted",
    "scheduled",
    "validated",
    "not_validated",
    "certified",
    "withdrawn",
)
# States that end a block's journey inside its case (the case may then close).
BLOCK_CLOSING_STATES = ("not_validated", "certified", "withdrawn")
BLOCK_FINAL_STATES = ("certified", "withdrawn")

SELF_ASSESSMENT_LEVELS = ("never", "sometimes", "regularly", "could_teach")
EVIDENCE_KINDS = ("text", "photo", "audio", "video", "document", "at_interview")
ANNOTATION_KINDS = ("comment", "question", "change_request", "reply")

JURY_SESSION_STATES = ("planned", "signed", "cancelled")
JURY_QUALIFICATIONS = ("practising_professional", "trainer", "other")
GENDERS = ("female", "male", "other")
INTERVIEW_STATES = ("scheduled", "cancelled")
INTERVIEW_OUTCOMES = ("pending", "held", "absent", "excused")
# How the candidate took part in the interview (EU "form of participation").
INTERVIEW_MODES = ("onsite", "online", "hybrid")
SCORE_LEVELS = ("not_demonstrated", "partially", "demonstrated", "mastered")
DECISIONS = ("validated", "not_validated")
# The document the president saw to check the candidate's identity (its number is never stored).
IDENTITY_DOCUMENTS = ("national_id_card", "passport", "residence_permit", "driving_licence", "other_document")
# A jury member's link with a candidate, as declared before the interview ("none" is a declaration too).
NO_LINK = "none"
JURY_LINKS = (NO_LINK, "employer", "colleague", "taught_them", "relative", "mentor", "other_link")

AWARD_SOURCES = ("jury", "equivalence", "training", "exam", "outside")
# Roads to a block other than a VAE jury: each is declared, then accepted or refused by the certifier.
CLAIM_SOURCES = ("training", "exam", "outside")
CLAIM_STATES = ("declared", "accepted", "refused")
CLAIM_FINAL_STATES = ("accepted", "refused")
# What the jury suggests after a block not validated (préconisations): more experience, a training module,
# or a new VAE attempt straight away.
NEXT_STEPS = ("experience", "training", "new_attempt")
# The longest further experience a jury may suggest, in months (five years).
MAX_EXPERIENCE_MONTHS = 60
# How a title can be funded: the personal training account (CPF), France Travail, a regional aid, the employer.
FUNDING_KINDS = ("cpf", "france_travail", "regional", "employer")
# Why a block equivalence was proposed: named by the register, or blocks with the same label.
EQUIVALENCE_ORIGINS = ("register", "label", "admin")
CERTIFICATE_KINDS = ("block", "title", "transcript")
# What the public page of a credential shows of the learner (the signed credential keeps the name).
PUBLIC_NAME_DISPLAYS = ("full", "initials")
STATUS_PURPOSES = ("revocation",)

OUTBOX_STATES = ("pending", "sent", "failed", "dead")
LOCALES = ("fr", "en")

# Accompaniment (docs/accompaniment.md): meetings with the mentor, and what the mentor enters for the candidate.
MEETING_FORMATS = ("individual", "group")
MEETING_MODES = ("onsite", "video")
MEETING_STATES = ("scheduled", "held", "cancelled")
PROPOSAL_KINDS = ("text", "photo", "audio", "video", "document")
PROPOSAL_STATES = ("proposed", "refused", "confirmed")
