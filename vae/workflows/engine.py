"""One small engine that runs the declarative workflow tables.

A table is a list of `Transition`s. `Workflow.fire()` is the only way a state
column changes: it checks who may act on this object, gathers every guard's
reason, sets the state, writes one audit event (and, for the tables that declare
`records_first_reached`, the first moment the object reached that state: the dashboard's
`phase_reached`), bumps the case version and runs the effects. It flushes and never commits: the request or CLI command does.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from werkzeug.exceptions import Forbidden, NotFound

from vae.core.access import PRESIDENT, relations_to
from vae.core.audit import record
from vae.core.clock import now
from vae.core.refusal import Refused, check_version
from vae.extensions import db
from vae.models import AuditEvent, Case, User
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR
from vae.workflows.guards import Rule, check
from vae.workflows.labels import NEED_LABELS, state_label
from vae.workflows.reached import note_first_reached

# Capacities in which one acts on a case: the roles, plus the president of the
# block's jury, plus the system (no person: the deadline sweep, a consequence).
SYSTEM = "system"  # no person: the deadline sweep, or a consequence of another transition
ACTORS = (CANDIDATE, MENTOR, JURY, PRESIDENT, ADMIN, SYSTEM)


@dataclass
class Context:
    """What a guard or an effect sees of the transition under way."""

    workflow: Workflow
    transition: Transition
    obj: Any
    actor: User | None
    data: dict[str, Any]

    @property
    def case(self) -> Case:
        return self.workflow.case_of(self.obj)


Effect = Callable[[Context], None]


@dataclass(frozen=True)
class Transition:
    event: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    label: str  # what a person reads on the button and in the journal (lazy, translated)
    guards: tuple[Rule, ...] = ()
    effects: tuple[Effect, ...] = ()
    needs: tuple[str, ...] = ()  # data the actor must give, e.g. ("reason",)


def T(event: str, sources: Iterable[str], target: str, *, roles: Iterable[str], label,
      guards: Iterable[Rule] = (), effects: Iterable[Effect] = (), needs: Iterable[str] = ()) -> Transition:
    """Shorthand that keeps the tables readable; guards are the rules of `vae/workflows/guards/`."""
    roles = frozenset(roles)
    unknown = roles - set(ACTORS)
    if unknown:
        raise ValueError(f"{event}: unknown roles {sorted(unknown)}")
    return Transition(event, tuple(sources), target, roles, label, tuple(guards), tuple(effects), tuple(needs))


class TransitionForbidden(Forbidden):
    description = "You may not do this on this file."


@dataclass
class Outcome:
    ok: bool
    event: str
    from_state: str
    to_state: str
    reasons: list[str] = field(default_factory=list)
    audit: AuditEvent | None = None

    def or_refuse(self) -> Outcome:
        """For operations: a refused transition becomes the one `Refused` exception."""
        if not self.ok:
            raise Refused(self.reasons)
        return self


@dataclass(frozen=True)
class Availability:
    """One event the actor could fire now, or could if the reasons were fixed."""

    event: str
    label: str
    target: str
    needs: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return not self.reasons


class Workflow:
    def __init__(self, name: str, *, model: type, initial: str, states: Iterable[str],
                 final_states: Iterable[str], transitions: Iterable[Transition],
                 case_of: Callable[[Any], Case | None], state_attr: str = "state",
                 relations: Callable[[User, Any], set[str]] = relations_to,
                 records_first_reached: bool = False) -> None:
        self.name = name
        self.model = model
        self.subject_type = model.__tablename__
        self.initial = initial
        self.states = tuple(states)
        self.final_states = frozenset(final_states)
        self.transitions = list(transitions)
        self.case_of = case_of
        self.state_attr = state_attr
        self.relations = relations  # who the actor is to the object (a table outside a case brings its own)
        # The dashboard's tables: each first entry into a state is kept in `phase_reached`.
        self.records_first_reached = records_first_reached
        self._check_table()

    # -- the table ------------------------------------------------------------
    def _check_table(self) -> None:
        known = set(self.states)
        for t in self.transitions:
            if not set(t.sources) | {t.target} <= known:
                raise ValueError(f"{self.name}.{t.event}: state outside the table")
            if set(t.sources) & self.final_states:
                raise ValueError(f"{self.name}.{t.event}: leaves a final state")
            if len({str(o.label) for o in self.transitions if o.event == t.event}) != 1:
                raise ValueError(f"{self.name}.{t.event}: one event, one label")

    @property
    def events(self) -> list[str]:
        return list(dict.fromkeys(t.event for t in self.transitions))

    def label_of(self, event: str) -> str:
        return str(self.transitions_for(event)[0].label)

    def transitions_for(self, event: str) -> list[Transition]:
        found = [t for t in self.transitions if t.event == event]
        if not found:
            raise NotFound(f"unknown event {event!r} for {self.name}")
        return found

    # -- running it -----------------------------------------------------------
    def state_of(self, obj) -> str:
        return getattr(obj, self.state_attr)

    def actor_relations(self, obj, actor: User | None) -> set[str]:
        return {SYSTEM} if actor is None else self.relations(actor, obj)

    def may_act(self, transition: Transition, obj, actor: User | None) -> bool:
        return bool(transition.roles & self.actor_relations(obj, actor))

    def _pick(self, obj, event: str, actor: User | None) -> Transition:
        """The transition for this event from the current state (or the first, to explain why not)."""
        candidates = self.transitions_for(event)
        allowed = [t for t in candidates if self.may_act(t, obj, actor)]
        if not allowed:
            raise TransitionForbidden()
        state = self.state_of(obj)
        return next((t for t in allowed if state in t.sources), allowed[0])

    def _reasons(self, transition: Transition, ctx: Context, check_needs: bool) -> list[str]:
        state = self.state_of(ctx.obj)
        if state not in transition.sources:
            return [_("Not possible while the state is “%(state)s”.", state=state_label(state))]
        reasons: list[str] = []
        if check_needs:
            for key in transition.needs:
                if not str(ctx.data.get(key) or "").strip():
                    reasons.append(_("Please give a %(what)s.", what=NEED_LABELS[key]))
        for rule in transition.guards:
            reason = check(rule, ctx)
            if reason:
                reasons.append(str(reason))
        return reasons

    def fire(self, obj, event: str, actor: User | None, *, expected_version: int | None = None,
             **data: Any) -> Outcome:
        transition = self._pick(obj, event, actor)
        case = self.case_of(obj)  # None for a table outside any case (a claim to a block)
        if case is not None:
            check_version(case, expected_version)
        ctx = Context(self, transition, obj, actor, data)
        from_state = self.state_of(obj)
        reasons = self._reasons(transition, ctx, check_needs=True)
        if reasons:
            return Outcome(False, event, from_state, from_state, reasons)

        setattr(obj, self.state_attr, transition.target)
        if obj.id is None:
            db.session.flush()
        moment = now()
        audit = record(actor, self.subject_type, obj.id, event, case_id=case.id if case is not None else None,
                       from_state=from_state, to_state=transition.target,
                       reason=_reason_of(data), data=_jsonable(data))
        audit.occurred_at = moment  # the journal and `phase_reached` say the same moment
        if self.records_first_reached:
            note_first_reached(self.subject_type, obj.id, transition.target, moment)
        if case is not None:
            case.touch()
        db.session.flush()
        for effect in transition.effects:
            effect(ctx)
        db.session.flush()
        return Outcome(True, event, from_state, transition.target, [], audit)

    def available(self, obj, actor: User | None) -> list[Availability]:
        """Events this actor may fire on this object from its state, each with the reasons it is disabled."""
        state = self.state_of(obj)
        result = []
        for t in self.transitions:
            if state not in t.sources or not self.may_act(t, obj, actor):
                continue
            ctx = Context(self, t, obj, actor, {})
            reasons = tuple(self._reasons(t, ctx, check_needs=False))
            result.append(Availability(t.event, str(t.label), t.target, t.needs, reasons))
        return result


def _reason_of(data: dict[str, Any]) -> str | None:
    for key in ("reason", "rationale"):
        if data.get(key):
            return str(data[key])
    return None


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """Keep what the audit row can store as JSON; objects become their id."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
        elif hasattr(value, "id"):
            out[f"{key}_id"] = value.id
        else:
            out[key] = str(value)
    return out
