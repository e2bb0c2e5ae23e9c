from tests.security.access_rules import case_party

RULES = {
    # An evidence file: whoever follows the case (the jury once the block is booked before it).
    "storage.evidence_file": case_party("candidate", "mentor", "jury", "admin"),
}
