from tests.security.access_rules import PUBLIC

RULES = {
    "pages.legal_notice": PUBLIC,
    "pages.accessibility": PUBLIC,
    "pages.contact": PUBLIC,
}
