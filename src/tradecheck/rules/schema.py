"""Validation of rule-pack files: phase 1 (one file) and phase 2 (across files).

Every problem raises :class:`~tradecheck.errors.RuleError` naming the file, the
rule id and the field, so that ``tradecheck rules check`` points at the line to fix.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from tradecheck.errors import RuleError
from tradecheck.outcome import Citation
from tradecheck.rules.dates import parse_rule_date
from tradecheck.rules.model import CONFIDENCE, Enforcement, Pack, Rule, Suspension

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_PACK_KEYS = {"pack", "regime", "jurisdiction", "title", "version", "rules", "data_schemas"}
_PACK_OPTIONAL = {"data_schemas", "description", "source"}
_RULE_KEYS = {
    "id",
    "title",
    "kind",
    "citation",
    "effective_from",
    "effective_to",
    "compliance_date",
    "confidence",
    "confidence_note",
    "enforcement",
    "suspensions",
    "supersedes",
    "data",
    "notes",
}


def _str(value: object, *, file: str, rule: str | None, field: str, pattern: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleError("must be a non-empty string", file=file, rule=rule, field=field)
    if pattern and not _ID.match(value):
        raise RuleError(
            f"{value!r} is not an id (lower case, digits, '.', '_', '-')",
            file=file,
            rule=rule,
            field=field,
        )
    return value


def parse_citations(value: object, *, file: str, rule: str | None, field: str) -> list[Citation]:
    """A citation list: strings or ``{ref, url?, title?}`` mappings; at least one."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    out: list[Citation] = []
    for i, item in enumerate(items):
        where = f"{field}[{i}]"
        if isinstance(item, str) and item.strip():
            out.append(Citation(item))
        elif isinstance(item, dict) and isinstance(item.get("ref"), str):
            out.append(Citation(item["ref"], item.get("url"), item.get("title")))
        else:
            raise RuleError(
                "a citation is a string or {ref, url, title}", file=file, rule=rule, field=where
            )
    if not out:
        raise RuleError("at least one citation is required", file=file, rule=rule, field=field)
    return out


def _enforcement(value: object, *, file: str, rule: str) -> Enforcement | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RuleError("must be a mapping", file=file, rule=rule, field="enforcement")
    status = value.get("status")
    if status not in ("enforced", "not-enforced"):
        raise RuleError(
            "must be enforced or not-enforced", file=file, rule=rule, field="enforcement.status"
        )
    return Enforcement(
        status=status,
        statement=_str(value.get("statement"), file=file, rule=rule, field="enforcement.statement"),
        citations=parse_citations(
            value.get("citation"), file=file, rule=rule, field="enforcement.citation"
        ),
        since=parse_rule_date(
            value.get("since"), file=file, rule=rule, field="enforcement.since", required=False
        ),
    )


def _suspensions(value: object, *, file: str, rule: str) -> list[Suspension]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RuleError("must be a list", file=file, rule=rule, field="suspensions")
    out = []
    for i, s in enumerate(value):
        f = f"suspensions[{i}]"
        if not isinstance(s, dict):
            raise RuleError("must be a mapping", file=file, rule=rule, field=f)
        start = parse_rule_date(s.get("from"), file=file, rule=rule, field=f + ".from")
        end = parse_rule_date(s.get("to"), file=file, rule=rule, field=f + ".to")
        assert start is not None and end is not None  # required=True
        if end < start:
            raise RuleError("ends before it starts", file=file, rule=rule, field=f + ".to")
        renewal = s.get("renewal_known", False)
        if not isinstance(renewal, bool):
            raise RuleError(
                "must be true or false", file=file, rule=rule, field=f + ".renewal_known"
            )
        out.append(
            Suspension(
                id=_str(s.get("id"), file=file, rule=rule, field=f + ".id", pattern=True),
                start=start,
                end=end,
                citations=parse_citations(
                    s.get("citation"), file=file, rule=rule, field=f + ".citation"
                ),
                note=str(s.get("note") or ""),
                renewal_known=renewal,
            )
        )
    return out


def parse_rule(doc: object, *, file: str, pack_id: str, index: int) -> Rule:
    """Phase 1 for one rule mapping."""
    if not isinstance(doc, dict):
        raise RuleError("a rule must be a mapping", file=file, field=f"rules[{index}]")
    rid = _str(doc.get("id"), file=file, rule=f"#{index}", field="id", pattern=True)
    unknown = sorted(set(doc) - _RULE_KEYS)
    if unknown:
        raise RuleError(
            f"unknown key (allowed: {', '.join(sorted(_RULE_KEYS))})",
            file=file,
            rule=rid,
            field=unknown[0],
        )
    start = parse_rule_date(doc.get("effective_from"), file=file, rule=rid, field="effective_from")
    assert start is not None
    end = parse_rule_date(
        doc.get("effective_to"), file=file, rule=rid, field="effective_to", required=False
    )
    if end is not None and end < start:
        raise RuleError(
            "effective_to is before effective_from", file=file, rule=rid, field="effective_to"
        )
    confidence = doc.get("confidence")
    if confidence not in CONFIDENCE:
        raise RuleError(
            f"must be one of {', '.join(CONFIDENCE)}", file=file, rule=rid, field="confidence"
        )
    data = doc.get("data", {})
    if not isinstance(data, dict):
        raise RuleError("must be a mapping", file=file, rule=rid, field="data")
    supersedes = doc.get("supersedes")
    if supersedes is not None:
        supersedes = _str(supersedes, file=file, rule=rid, field="supersedes", pattern=True)
    return Rule(
        id=rid,
        title=_str(doc.get("title"), file=file, rule=rid, field="title"),
        citations=parse_citations(doc.get("citation"), file=file, rule=rid, field="citation"),
        effective_from=start,
        effective_to=end,
        confidence=confidence,
        pack_id=pack_id,
        file=file,
        kind=_str(doc.get("kind", "rule"), file=file, rule=rid, field="kind", pattern=True),
        compliance_date=parse_rule_date(
            doc.get("compliance_date"), file=file, rule=rid, field="compliance_date", required=False
        ),
        confidence_note=str(doc.get("confidence_note") or ""),
        notes=str(doc.get("notes") or "").strip(),
        enforcement=_enforcement(doc.get("enforcement"), file=file, rule=rid),
        suspensions=_suspensions(doc.get("suspensions"), file=file, rule=rid),
        supersedes=supersedes,
        data=data,
    )


def parse_pack_file(doc: object, *, file: str, sha256: str) -> Pack:
    """Phase 1: check one pack file on its own and build its :class:`Pack`."""
    if not isinstance(doc, dict):
        raise RuleError("a pack file must be a mapping", file=file)
    unknown = sorted(set(doc) - _PACK_KEYS - _PACK_OPTIONAL)
    if unknown:
        raise RuleError("unknown top-level key", file=file, field=unknown[0])
    pid = _str(doc.get("pack"), file=file, rule=None, field="pack", pattern=True)
    rules_doc = doc.get("rules")
    if not isinstance(rules_doc, list) or not rules_doc:
        raise RuleError("must be a non-empty list", file=file, field="rules")
    schemas = doc.get("data_schemas") or {}
    if not isinstance(schemas, dict):
        raise RuleError("must be a mapping of kind to JSON Schema", file=file, field="data_schemas")
    for kind, schema in schemas.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise RuleError(
                f"not a JSON Schema: {exc.message}", file=file, field=f"data_schemas.{kind}"
            ) from None
    return Pack(
        id=pid,
        regime=_str(doc.get("regime"), file=file, rule=None, field="regime", pattern=True),
        jurisdiction=_str(doc.get("jurisdiction"), file=file, rule=None, field="jurisdiction"),
        title=_str(doc.get("title"), file=file, rule=None, field="title"),
        version=_str(str(doc.get("version") or ""), file=file, rule=None, field="version"),
        file=file,
        sha256=sha256,
        rules=[parse_rule(r, file=file, pack_id=pid, index=i) for i, r in enumerate(rules_doc)],
        data_schemas=dict(schemas),
    )


def _json_path(path: Any) -> str:
    return "data" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def validate_references(packs: list[Pack]) -> None:
    """Phase 2: unique ids, ``supersedes`` targets, and ``data`` against its kind's schema."""
    pack_files: dict[str, str] = {}
    rule_files: dict[str, str] = {}
    schemas: dict[str, tuple[dict[str, Any], str]] = {}
    for p in packs:
        if p.id in pack_files:
            raise RuleError(
                f"pack id {p.id!r} also used in {pack_files[p.id]}", file=p.file, field="pack"
            )
        pack_files[p.id] = p.file
        for kind, schema in p.data_schemas.items():
            if kind in schemas and schemas[kind][0] != schema:
                raise RuleError(
                    f"data schema for kind {kind!r} differs from {schemas[kind][1]}",
                    file=p.file,
                    field=f"data_schemas.{kind}",
                )
            schemas[kind] = (schema, p.file)
        for r in p.rules:
            if r.id in rule_files:
                raise RuleError(
                    f"duplicate rule id (also in {rule_files[r.id]})",
                    file=p.file,
                    rule=r.id,
                    field="id",
                )
            rule_files[r.id] = p.file
    for p in packs:
        for r in p.rules:
            if r.supersedes is not None and r.supersedes not in rule_files:
                raise RuleError(
                    f"supersedes unknown rule {r.supersedes!r}",
                    file=p.file,
                    rule=r.id,
                    field="supersedes",
                )
            if r.kind in schemas:
                validator = jsonschema.Draft202012Validator(schemas[r.kind][0])
                err = jsonschema.exceptions.best_match(validator.iter_errors(r.data))
                if err is not None:
                    raise RuleError(
                        err.message, file=p.file, rule=r.id, field=_json_path(err.absolute_path)
                    )
