from tests.security.access_rules import case_party

RULES = {
    # Whoever follows the case may put the interview in their diary.
    "convocation.interview_ics": case_party("candidate", "mentor", "jury", "admin"),
}
