"""Who may call which endpoint: one file per blueprint, each defining `RULES = {endpoint: rule}`
(and optionally `ARGUMENTS = {url parameter name: builder(world, target)}`).

Vocabulary:
- PUBLIC: anyone, signed in or not.
- AUTHENTICATED: any signed-in person; anonymous visitors are sent to the login page.
- role_only(*roles): people with one of these global roles; others get 403.
- case_party(*relations): people who relate to the case of the object in the URL
  (candidate, mentor, jury, president, admin); others get 404, as if it did not exist.
  With `roles=`, the route first checks a global role: people without it get 403.
  With `seen_by=`, people in these relations may see the object but not act on it: 403.
- session_seat(*seats): jury members sitting on the session in the URL ("member", or
  "president" only; "admin" lets certifier staff in too); other jury members get 404,
  people without the jury (or admin) role 403.
See docs/security.md.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

ALLOW, LOGIN, FORBID, HIDE = "allow", "login", "forbid", "hide"


@dataclass(frozen=True)
class Rule:
    kind: str
    roles: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()
    seen_by: frozenset[str] = frozenset()

    def expect(self, actor: str, actor_roles: set[str], relations: set[str], seats: set[str] = frozenset()) -> str:
        """The answer this actor must get for an object they have `relations` to (`seats` on its session)."""
        if self.kind == "public":
            return ALLOW
        if actor == "anonymous":
            return LOGIN
        if self.kind == "authenticated":
            return ALLOW
        if self.kind == "roles":
            return ALLOW if actor_roles & self.roles else FORBID
        if self.roles and not actor_roles & self.roles:
            return FORBID
        if self.kind == "case":
            if relations & self.relations:
                return ALLOW
            return FORBID if relations & self.seen_by else HIDE
        if self.kind == "seat":
            return ALLOW if seats & self.relations else HIDE
        raise ValueError(self.kind)


PUBLIC = Rule("public")
AUTHENTICATED = Rule("authenticated")


def role_only(*roles: str) -> Rule:
    return Rule("roles", roles=frozenset(roles))


def case_party(*relations: str, roles: tuple[str, ...] = (), seen_by: tuple[str, ...] = ()) -> Rule:
    return Rule("case", roles=frozenset(roles), relations=frozenset(relations), seen_by=frozenset(seen_by))


def session_seat(*seats: str) -> Rule:
    """Members of the jury session in the URL; `session_seat("president")` for the president's acts."""
    roles = {"jury"} | ({"admin"} & set(seats))
    return Rule("seat", roles=frozenset(roles), relations=frozenset(seats))


def load_rules() -> tuple[dict[str, Rule], dict]:
    """Every blueprint's rules and argument builders; an endpoint declared twice is an error."""
    from tests.security import arguments

    rules: dict[str, Rule] = {}
    builders = dict(arguments.BUILDERS)
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for endpoint, rule in getattr(module, "RULES", {}).items():
            if endpoint in rules:
                raise AssertionError(f"{endpoint} declared twice (in {module_info.name})")
            rules[endpoint] = rule
        builders.update(getattr(module, "ARGUMENTS", {}))
    return rules, builders
