from tests.security.access_rules import AUTHENTICATED, PUBLIC

RULES = {
    "static": PUBLIC,
    "home.index": PUBLIC,
    "home.home": AUTHENTICATED,
    "home.set_language": PUBLIC,
    "home.health": PUBLIC,
    "home.alive": PUBLIC,
    "home.ready": PUBLIC,
}
