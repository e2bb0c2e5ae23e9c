from tests.security.access_rules.candidate import FOLLOWERS, OWNER

RULES = {
    "dossier.block": FOLLOWERS,
    # Only the candidate edits the evidence, submits or withdraws; the others following the case are refused.
    "dossier.add_evidence": OWNER,
    "dossier.at_interview": OWNER,
    "dossier.edit_evidence": OWNER,
    "dossier.delete_evidence": OWNER,
    "dossier.submit_block": OWNER,
    "dossier.withdraw_block": OWNER,
}
