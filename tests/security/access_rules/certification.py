from tests.security.access_rules import PUBLIC, case_party, role_only

ADMIN_ONLY = role_only("admin")
# A certificate's files: its holder, and certifier staff.
HOLDER = case_party("candidate", "admin", roles=("candidate", "admin"))
RULES = {
    # Published for verifiers anywhere: no sign-in.
    "certification.did_json": PUBLIC,
    "certification.status": PUBLIC,
    "certification.project_context_document": PUBLIC,
    "certification.credential_json": PUBLIC,
    "certification.verify_page": PUBLIC,
    "certification.revoke": ADMIN_ONLY,
    "certification.my_blocks": role_only("candidate"),
    "certification.transcript_download": role_only("candidate"),
    "certification.certificate_pdf_download": HOLDER,
    # Only the holder chooses how the public page names them.
    "certification.choose_public_name": case_party("candidate", roles=("candidate",)),
    "certification.badge_png": HOLDER,
    "certification.sessions": ADMIN_ONLY,
    "certification.session_page": ADMIN_ONLY,
    "certification.issue_batch": ADMIN_ONLY,
    "certification.workload": ADMIN_ONLY,
}

ARGUMENTS = {
    # The published versions of the project context.
    "version": lambda world, target: "v1",
}
