"""FollowTheMoney entity JSON lines, as OpenSanctions publishes them (``entities.ftm.json``).

One JSON object per line: ``{"id", "schema", "properties": {prop: [values]},
"datasets", "first_seen", "last_seen", "last_change", "target" …}``. Parties
(Person, Company, Organization, LegalEntity, PublicBody, Vessel, Airplane) become
entities; ``Sanction`` entities are joined onto the party they name (programme,
listing date, authority); ``Address`` entities onto the parties that reference
them through ``addressEntity``; every other schema (Ownership, Directorship,
Passport …) is skipped and counted in ``meta["skipped"]``. The file is read
line by line, so a full OpenSanctions export need not fit in memory as text.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, clean_text
from tradecheck.lists.country_names import iso2

SOURCE = "OS"
SCHEMAS: dict[str, EntityType] = {
    "Person": EntityType.PERSON,
    "Company": EntityType.ORGANIZATION,
    "Organization": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
#: FtM identifier properties → identifier type shown to the user.
ID_PROPS = {
    "registrationNumber": "Registration Number",
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "taxNumber": "Tax Number",
    "leiCode": "LEI",
    "swiftBic": "SWIFT/BIC",
    "imoNumber": "IMO",
    "mmsi": "MMSI",
    "callSign": "Call Sign",
    "idNumber": "ID Number",
    "passportNumber": "Passport",
    "uscCode": "Unified Social Credit Code",
}
_ALIAS_PROPS = (("alias", "aka", None), ("previousName", "fka", None), ("weakAlias", "aka", "low"))
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from enumerate(fh, start=1)
    except OSError as exc:
        raise DataFileError(f"cannot read file: {exc}", file=str(path)) from exc
    except EOFError as exc:
        raise DataFileError("truncated gzip data", file=str(path)) from exc


def _load(raw: bytes, *, file: str, line: int) -> dict[str, Any] | None:
    text = raw.strip()
    if not text:
        return None
    try:
        obj = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"not valid utf-8 (byte 0x{text[exc.start]:02x}); OpenSanctions files are UTF-8",
            file=file,
            row=line,
        ) from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"malformed JSON at column {exc.colno}: {exc.msg} (truncated file?)",
            file=file,
            row=line,
        ) from exc
    if not isinstance(obj, dict):
        raise DataFileError("line is not a JSON object", file=file, row=line)
    for key in ("id", "schema"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise DataFileError(f"missing or empty {key!r}", file=file, row=line, field=key)
    props = obj.get("properties", {})
    if not isinstance(props, dict):
        raise DataFileError(
            "'properties' is not an object", file=file, row=line, field="properties"
        )
    for prop, values in props.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataFileError(
                "property values must be a list of strings",
                file=file,
                row=line,
                field=f"properties.{prop}",
            )
    return obj


def _prop(obj: dict[str, Any], name: str) -> list[str]:
    return [c for v in obj.get("properties", {}).get(name, []) if (c := clean_text(v))]


def _entity(obj: dict[str, Any], *, source: str, file: str, line: int) -> Entity:
    names = obj["properties"].get("name", [])
    field = "properties.name"
    if not names:
        parts = [*_prop(obj, "firstName"), *_prop(obj, "middleName"), *_prop(obj, "lastName")]
        names = [" ".join(parts)] if parts else []
        field = "properties.firstName"
    if not names:
        raise DataFileError("entity has no name", file=file, row=line, field="properties.name")
    name = check_name(names[0], file=file, row=line, field=field)
    aliases: list[Name] = []
    seen = {name}
    extra_names: list[tuple[str, str, str, str | None]] = [
        (n, "name", "aka", None) for n in names[1:]
    ]
    for prop, kind, quality in _ALIAS_PROPS:
        extra_names += [(v, prop, kind, quality) for v in obj["properties"].get(prop, [])]
    for value, prop, kind, quality in extra_names:
        v = check_name(value, file=file, row=line, field=f"properties.{prop}")
        if v not in seen:
            seen.add(v)
            aliases.append(Name(value=v, kind=kind, quality=quality))
    countries: list[str] = []
    unmapped: list[str] = []
    for prop in _COUNTRY_PROPS:
        for raw in _prop(obj, prop):
            code = iso2(raw)
            if code and code not in countries:
                countries.append(code)
            elif not code and raw not in unmapped:
                unmapped.append(raw)  # FtM uses e.g. "suhh" (USSR), "ge-ab" (Abkhazia)
    identifiers = [
        Identifier(type=label, value=v)
        for prop, label in ID_PROPS.items()
        for v in _prop(obj, prop)
    ]
    extra: dict[str, Any] = {
        "ftm_schema": obj["schema"],
        "datasets": list(obj.get("datasets") or []),
        "topics": _prop(obj, "topics"),
    }
    for key in ("first_seen", "last_seen", "last_change", "target"):
        if key in obj:
            extra[key] = obj[key]
    if unmapped:
        extra["countries_unmapped"] = unmapped
    return Entity(
        id=make_entity_id(source, obj["id"]),
        source=source,
        type=SCHEMAS[obj["schema"]],
        name=name,
        aliases=aliases,
        countries=countries,
        addresses=[Address(full=a) for a in _prop(obj, "address")],
        identifiers=identifiers,
        programs=list(dict.fromkeys([*_prop(obj, "programId"), *_prop(obj, "program")])),
        source_url=next(iter(_prop(obj, "sourceUrl")), None),
        source_key=obj["id"],
        dataset="opensanctions",
        remarks="; ".join(_prop(obj, "notes")) or None,
        birth_dates=_prop(obj, "birthDate"),
        nationalities=[c for v in _prop(obj, "nationality") if (c := iso2(v))],
        extra=extra,
    )


def _join(entities: dict[str, Entity], links: list[tuple[str, dict[str, Any]]]) -> None:
    """Attach Sanction and Address entities to the parties that they (or who) reference."""
    addresses = {obj["id"]: obj for kind, obj in links if kind == "Address"}
    for kind, obj in links:
        if kind != "Sanction":
            continue
        for ref in _prop(obj, "entity"):
            ent = entities.get(ref)
            if ent is None:
                continue
            for p in [*_prop(obj, "programId"), *_prop(obj, "program")]:
                if p not in ent.programs:
                    ent.programs.append(p)
            dates = sorted(_prop(obj, "listingDate") or _prop(obj, "startDate"))
            if dates and (ent.listed_on is None or dates[0] < ent.listed_on):
                ent.listed_on = dates[0][:10]
            ent.extra.setdefault("authorities", []).extend(_prop(obj, "authority"))
    for ent in entities.values():
        for ref in ent.extra.pop("_address_refs", []):
            a = addresses.get(ref)
            if a is None:
                continue
            country = next((c for v in _prop(a, "country") if (c := iso2(v))), None)
            full = next(iter(_prop(a, "full")), None)
            # the same address often appears both as text and as an Address entity
            ent.addresses = [x for x in ent.addresses if x != Address(full=full)]
            ent.addresses.append(
                Address(
                    full=full,
                    street=next(iter(_prop(a, "street")), None),
                    city=next(iter(_prop(a, "city")), None),
                    postal_code=next(iter(_prop(a, "postalCode")), None),
                    country=country,
                )
            )


def parse_ftm(path: Path, *, source: str = SOURCE) -> ParseResult:
    """Parse FollowTheMoney entity JSON lines (plain or ``.gz``).

    Args:
        path: an ``entities.ftm.json`` file (one entity per line).
        source: the list code the entities carry; ``OS`` unless the user maps the
            dataset to another code.

    Returns:
        One entity per party; ``data_date`` is the latest ``last_change``;
        ``meta["skipped"]`` counts the other schemas by name.

    Raises:
        DataFileError: for bad encoding, malformed JSON (naming the line), a line
            without ``id`` or ``schema``, bad property values, a party without a
            name or a duplicate id.
    """
    file = str(path)
    parties: dict[str, Entity] = {}
    links: list[tuple[str, dict[str, Any]]] = []
    skipped: Counter[str] = Counter()
    lines = 0
    latest = ""
    for line, raw in _lines(path):
        obj = _load(raw, file=file, line=line)
        if obj is None:
            continue
        lines += 1
        schema = obj["schema"]
        if schema in SCHEMAS:
            if obj["id"] in parties:
                raise DataFileError(f"duplicate id {obj['id']!r}", file=file, row=line, field="id")
            ent = _entity(obj, source=source, file=file, line=line)
            refs = _prop(obj, "addressEntity")
            if refs:
                ent.extra["_address_refs"] = refs
            parties[obj["id"]] = ent
            latest = max(latest, str(obj.get("last_change") or ""))
        else:
            if schema in ("Sanction", "Address"):
                links.append((schema, obj))
            skipped[schema] += 1
    if lines == 0:
        raise DataFileError("file holds no entities", file=file)
    _join(parties, links)
    return ParseResult(
        entities=list(parties.values()),
        data_date=latest[:10] or None,
        format="ftm-json",
        meta={"lines": lines, "skipped": dict(sorted(skipped.items()))},
    )
