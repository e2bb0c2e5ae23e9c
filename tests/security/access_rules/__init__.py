"""Who may call which endpoint: one file per blueprint, each defining `RULES = {endpoint: rule}`
(and optionally `ARGUMENTS = {url parameter name: builder(world, target)}`).

Vocabulary:
- PUBLIC: anyone, signed in or not.
- AUTHENTICATED: any signed-in person; anonymous visitors are sent to the login page.
- role_only(*roles): people with one of these global roles; others get 403.
- case_party(*relations): people who relate to the case of the object in the URL
  (candidate, mentor, jury, president, admin); others get 404, as if it did not exist.
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

    def expect(self, actor: str, actor_roles: set[str], relations: set[str]) -> str:
        """The answer this actor must get for an object they have `relations` to."""
        if self.kind == "public":
            return ALLOW
        if actor == "anonymous":
            return LOGIN
        if self.kind == "authenticated":
            return ALLOW
        if self.kind == "roles":
            return ALLOW if actor_roles & self.roles else FORBID
        if self.kind == "case":
            return ALLOW if relations & self.relations else HIDE
        raise ValueError(self.kind)


PUBLIC = Rule("public")
AUTHENTICATED = Rule("authenticated")


def role_only(*roles: str) -> Rule:
    return Rule("roles", roles=frozenset(roles))


def case_party(*relations: str) -> Rule:
    return Rule("case", relations=frozenset(relations))


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
