"""A small OpenAPI 3.1 layer over Flask and pydantic (see docs/api.md, "Why this design").

`operation(...)` registers a Flask route on the API blueprint and records what the
OpenAPI document needs: the scope, the query and body models, the response model and
the error statuses. The wrapped view gets validated arguments and returns a pydantic
model (or `(model, status, headers)`); errors become problem+json. `openapi_document()`
builds the description from the same records, so the spec cannot drift from the code.
pydantic 2 emits JSON Schema 2020-12, which is the dialect of OpenAPI 3.1.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, Response, json, request
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from pydantic.json_schema import models_json_schema

from vae.api.auth import SCOPES, require_scope
from vae.api.problems import ApiProblem
from vae.api import idempotency
from vae.core.refusal import Refused
from vae.security.input_guard import CONTROL
from vae.extensions import db

INT32_MAX = 2_147_483_647
COMMON_ERRORS = (400, 401, 403, 429, 500)


@dataclass
class Operation:
    endpoint: str
    method: str
    rule: str
    summary: str
    description: str
    tag: str
    scope: str | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    etag: bool = False
    if_match: bool = False
    idempotent_post: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", self.rule)

    @property
    def path_params(self) -> list[tuple[str, str]]:
        return [(name, conv or "string") for conv, name in re.findall(r"<(?:([a-z]+):)?([a-z_]+)>", self.rule)]


OPERATIONS: list[Operation] = []


def _validation_problem(error: ValidationError, where: str) -> ApiProblem:
    errors = [{"location": [where, *[str(p) for p in e["loc"]]], "message": e["msg"], "type": e["type"]}
              for e in error.errors(include_url=False, include_input=False)]
    return ApiProblem(422, f"The {where} is not valid.", slug="validation", errors=errors)


def _parse_query(model: type[BaseModel]) -> BaseModel:
    known = set(model.model_fields)
    data: dict[str, Any] = {}
    for key in request.args:
        if key in known:
            values = request.args.getlist(key)
            data[key] = values[-1]
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _validation_problem(error, "query") from error


def _parse_body(model: type[BaseModel]) -> BaseModel:
    if not request.mimetype or request.mimetype != "application/json":
        raw = request.get_data(cache=True)
        if raw.strip() or request.mimetype:
            raise ApiProblem(415, "Send the body as application/json.")
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError as error:
        raise ApiProblem(400, "The body is not valid JSON.") from error
    where = _control_character_in(data)
    if where is not None:
        raise ApiProblem(422, "Text may not contain control characters.", slug="validation",
                         errors=[{"location": ["body", *where], "message": "control character",
                                  "type": "value_error"}])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _validation_problem(error, "body") from error


def _control_character_in(value, path=()) -> list[str] | None:
    """As the web's input guard: no control character (nor NUL, which PostgreSQL refuses) in any text."""
    if isinstance(value, str):
        return [str(p) for p in path] if CONTROL.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _control_character_in(key, path) or _control_character_in(item, (*path, key))
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _control_character_in(item, (*path, index))
            if found is not None:
                return found
    return None


def render(value, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    if isinstance(value, Response):
        return value
    if isinstance(value, BaseModel):
        body = value.model_dump_json(by_alias=True)
    else:
        body = json.dumps(value)
    response = Response(body, status=status, mimetype="application/json")
    for name, header in (headers or {}).items():
        response.headers[name] = header
    return response


def operation(bp: Blueprint, method: str, rule: str, *, summary: str, tag: str, scope: str | None,
              response: type[BaseModel] | None = None, status: int = 200, query: type[BaseModel] | None = None,
              body: type[BaseModel] | None = None, errors: tuple[int, ...] = (), description: str = "",
              etag: bool = False, if_match: bool = False, idempotent_post: bool = False,
              endpoint: str | None = None):
    """Register one API operation (see the module docstring)."""
    if scope is not None and scope not in SCOPES:
        raise ValueError(f"unknown scope {scope}")

    def decorator(view: Callable):
        name = endpoint or view.__name__
        op = Operation(name, method.upper(), rule, summary, description or (view.__doc__ or "").strip(), tag,
                       scope, query, body, response, status, tuple(errors), etag, if_match,
                       idempotent_post or method.upper() == "POST")
        OPERATIONS.append(op)

        @wraps(view)
        def wrapped(**path):
            caller = require_scope(scope) if scope is not None else None
            kwargs = dict(path)
            if query is not None:
                kwargs["query"] = _parse_query(query)
            if caller is not None:
                kwargs["caller"] = caller
            if op.method == "POST" and caller is not None:
                replay = idempotency.replay_or_reserve(caller)
                if replay is not None:
                    return replay
            if body is not None:
                # Parsed when the view asks, after its access checks: a stranger gets 404, not 422.
                kwargs["body"] = lambda: _parse_body(body)
            try:
                result = view(**kwargs)
            except Refused as refused:
                db.session.rollback()
                raise ApiProblem(422, "Refused: " + "; ".join(refused.reasons), slug="refused",
                                 reasons=refused.reasons) from refused
            if isinstance(result, tuple):
                value, code, headers = (list(result) + [None, None])[:3]
            else:
                value, code, headers = result, None, None
            rendered = render(value, code or status, headers)
            if op.method == "POST" and caller is not None:
                idempotency.remember(caller, rendered)
            try:
                db.session.commit()  # the request's one commit (reads commit the token's last use, if any)
            except IntegrityError as error:  # e.g. the same Idempotency-Key sent twice at once
                db.session.rollback()
                raise ApiProblem(409, "A concurrent request changed the same data: retry.", slug="conflict") from error
            return rendered

        bp.add_url_rule(rule, name, wrapped, methods=[op.method])
        return wrapped

    return decorator


# -- the OpenAPI document -------------------------------------------------------------------
def _param_schema(converter: str) -> dict:
    if converter in ("int", "id"):
        return {"type": "integer", "minimum": 1, "maximum": INT32_MAX}
    return {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[A-Za-z0-9_.-]+$"}


def _problem_response(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


ERROR_TEXT = {
    400: "Malformed request", 401: "Missing, unknown, expired or revoked token", 403: "Not allowed (role or scope)",
    404: "No such object, or not yours to see", 409: "Refused by the workflow rules, or changed meanwhile",
    412: "If-Match does not match the current version", 415: "The body must be application/json",
    422: "Invalid input, or refused by the rules (every reason listed)", 428: "If-Match required",
    429: "Rate limit exceeded", 500: "Unexpected error",
}


def openapi_document(server_url: str = "/api/v1") -> dict:
    from vae.api.schemas import Problem

    models: dict[tuple[type, str], None] = {(Problem, "serialization"): None}
    for op in OPERATIONS:
        if op.response is not None:
            models[(op.response, "serialization")] = None
        if op.body is not None:
            models[(op.body, "validation")] = None
    keys, definitions = models_json_schema(list(models), ref_template="#/components/schemas/{model}")
    schemas = definitions.get("$defs", {})

    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        parameters = [{"name": name, "in": "path", "required": True, "schema": _param_schema(conv)}
                      for name, conv in op.path_params]
        if op.query is not None:
            props = op.query.model_json_schema()["properties"]
            required = set(op.query.model_json_schema().get("required", []))
            for name, schema in props.items():
                schema = {k: v for k, v in schema.items() if k not in ("title",)}
                description = schema.pop("description", None)
                param = {"name": name, "in": "query", "required": name in required, "schema": schema}
                if description:
                    param["description"] = description
                parameters.append(param)
        if op.if_match:
            parameters.append({"name": "If-Match", "in": "header", "required": False,
                               "description": "The case's ETag as read (its version): refused with 412 if it "
                                              "changed meanwhile",
                               "schema": {"type": "string", "maxLength": 40}})
        if op.method == "POST" and op.scope is not None:
            parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                               "description": "Retry-safe POST: the same key and body replay the first answer",
                               "schema": {"type": "string", "minLength": 1, "maxLength": 200,
                                          "pattern": "^[\\x21-\\x7e]+$"}})
        responses: dict[str, dict] = {}
        ok: dict[str, Any] = {"description": op.summary}
        if op.response is not None:
            ok["content"] = {"application/json": {"schema": keys[(op.response, "serialization")]}}
        if op.etag:
            ok["headers"] = {"ETag": {"description": "The case version (send it back in If-Match)",
                                      "schema": {"type": "string"}}}
        responses[str(op.status)] = ok
        statuses = set(COMMON_ERRORS) | set(op.errors)
        if op.path_params:
            statuses.add(404)
        if op.body is not None:
            statuses |= {415, 422}
        if op.query is not None:
            statuses.add(422)
        if op.if_match:
            statuses.add(412)
        if op.method == "POST" and op.scope is not None:
            statuses |= {409, 422}  # refused by a rule, or a concurrent change
        if op.scope is None:
            statuses -= {401, 403} - set(op.errors)
        for code in sorted(statuses):
            responses[str(code)] = _problem_response(ERROR_TEXT[code])
        entry: dict[str, Any] = {"operationId": op.endpoint, "summary": op.summary, "tags": [op.tag],
                                 "parameters": parameters, "responses": responses}
        if op.description:
            entry["description"] = op.description
        if op.scope is not None:
            entry["security"] = [{"bearerAuth": [op.scope]}, {"clientCredentials": [op.scope]}]
        else:
            entry["security"] = []
        if op.body is not None:
            entry["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": keys[(op.body, "validation")]}}}
        paths.setdefault(op.path, {})[op.method.lower()] = entry

    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "VAE case engine API", "version": "1.0.0",
                 "description": "Validation of prior learning by blocks of competences: titles, cases, "
                                "workflow events, evidence metadata, juries, awards and webhooks. "
                                "Every call sees exactly what its account sees on the web. See docs/api.md."},
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A personal access token (vae_pat_…) or a client token (vae_cc_…)"},
                "clientCredentials": {"type": "oauth2", "flows": {"clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token", "scopes": dict(SCOPES)}}},
            },
        },
    }
