"""EU Financial Sanctions Files (FSF) XML, the EU consolidated list (``export`` root).

Implemented from the published layout of the FSF XML 1.1 file
(https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content)
and tested only on samples written for this project: no copy of the real file
was available offline. One ``sanctionEntity`` per listed party (``logicalId``,
``euReferenceNumber``, ``unitedNationId``, ``designationDate``) holding
``subjectType@code`` (person / enterprise), ``nameAlias`` (``wholeName``,
``firstName``, ``middleName``, ``lastName``, ``nameLanguage``, ``strong``,
``title``, ``function``), ``citizenship``, ``address``, ``birthdate``,
``identification`` and ``regulation`` elements. Element names are matched
without their namespace, because descriptions of the file disagree on it
(``http://eu.europa.ec/fpi/fsd/export`` is what the files carry).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, clean_text
from tradecheck.lists.country_names import iso2
from tradecheck.lists.fields import countries_of, date_prefix, joined_address
from tradecheck.lists.ids import add_unique
from tradecheck.lists.xml_safe import local_name, parse_xml_file

SOURCE = "EU"
_SUBJECT_TYPES = {
    "person": EntityType.PERSON,
    "enterprise": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if local_name(c.tag) == name]


def _attr(el: Element, name: str) -> str | None:
    return clean_text(el.get(name))


def _country(el: Element) -> str | None:
    # the FSF file writes "00" for an unknown country
    code = iso2(el.get("countryIso2Code"))
    return None if code in (None, "00") else code


def _whole_name(alias: Element) -> str:
    whole = alias.get("wholeName") or ""
    if whole.strip():
        return whole
    parts = (alias.get(p) or "" for p in ("firstName", "middleName", "lastName"))
    return " ".join(p for p in parts if p.strip())


def _names(se: Element, *, file: str, where: str) -> tuple[str, list[Name], dict[str, Any]]:
    primary: str | None = None
    aliases: list[Name] = []
    info: dict[str, Any] = {}
    for i, alias in enumerate(_children(se, "nameAlias"), start=1):
        raw = _whole_name(alias)
        if not raw.strip():
            continue
        value = check_name(raw, file=file, row=where, field=f"nameAlias[{i}]@wholeName")
        for key, attr in (("titles", "title"), ("functions", "function")):
            v = _attr(alias, attr)
            if v and v not in info.setdefault(key, []):
                info[key].append(v)
        if primary is None:
            primary = value
            continue
        if value == primary or value in (a.value for a in aliases):
            continue
        lang = _attr(alias, "nameLanguage")
        weak = (alias.get("strong") or "").strip().lower() == "false"
        aliases.append(
            Name(value=value, lang=lang.lower() if lang else None, quality="low" if weak else None)
        )
    if primary is None:
        raise DataFileError(
            "no nameAlias with a name", file=file, row=where, field="nameAlias@wholeName"
        )
    return primary, aliases, {k: v for k, v in info.items() if v}


def _entry(se: Element, index: int, *, file: str) -> Entity:
    logical_id = _attr(se, "logicalId")
    if not logical_id:
        raise DataFileError(
            "missing logicalId", file=file, row=f"sanctionEntity #{index}", field="logicalId"
        )
    where = f"sanctionEntity #{index} (logicalId {logical_id})"
    subject = _children(se, "subjectType")
    code = (subject[0].get("code") or "").strip().lower() if subject else ""
    if code not in _SUBJECT_TYPES:
        raise DataFileError(
            f"unknown or missing subject type {code!r} (expected person or enterprise)",
            file=file,
            row=where,
            field="subjectType@code",
        )
    name, aliases, info = _names(se, file=file, where=where)

    nationalities = [c for el in _children(se, "citizenship") if (c := _country(el))]
    addresses: list[Address] = []
    for a in _children(se, "address"):
        street, city = _attr(a, "street"), _attr(a, "city")
        region, postal = _attr(a, "region"), _attr(a, "zipCode")
        desc = _attr(a, "countryDescription")
        if desc and desc.upper() == "UNKNOWN":
            desc = None
        address = joined_address(
            street, city, region, postal, desc, country=_country(a), po_box=_attr(a, "poBox")
        )
        if address:
            addresses.append(address)
    birth_dates: list[str] = []
    for b in _children(se, "birthdate"):
        full = _attr(b, "birthdate")
        year = _attr(b, "year")
        value = full if date_prefix(full) else year
        if value and value not in birth_dates:
            birth_dates.append(value[:10])
    identifiers = []
    for ident in _children(se, "identification"):
        number = _attr(ident, "number") or _attr(ident, "latinNumber")
        if not number:
            continue
        kind = (
            _attr(ident, "identificationTypeDescription")
            or _attr(ident, "identificationTypeCode")
            or "Identification"
        )
        identifiers.append(Identifier(type=kind, value=number, country=_country(ident)))

    regulations = _children(se, "regulation")
    programs = list(dict.fromkeys(p for r in regulations if (p := _attr(r, "programme"))))
    # by date only: two regulations of one day keep their file order (Elements do not compare)
    dated = sorted(
        ((d, r) for r in regulations if (d := date_prefix(_attr(r, "publicationDate")))),
        key=lambda pair: pair[0],
    )
    first_reg = dated[0][1] if dated else (regulations[0] if regulations else None)
    url = None
    if first_reg is not None:
        urls = _children(first_reg, "publicationUrl")
        url = clean_text(urls[0].text) if urls else _attr(first_reg, "publicationUrl")
    designated = _attr(se, "designationDate")
    listed_on = date_prefix(designated)
    remarks = [c for r in _children(se, "remark") if (c := clean_text(r.text))]
    extra: dict[str, Any] = {
        "eu_reference_number": _attr(se, "euReferenceNumber"),
        "un_id": _attr(se, "unitedNationId"),
        "regulations": [_attr(r, "numberTitle") for r in regulations if _attr(r, "numberTitle")],
        **info,
    }
    countries = countries_of(addresses, nationalities)
    return Entity(
        id=make_entity_id(SOURCE, logical_id),
        source=SOURCE,
        type=_SUBJECT_TYPES[code],
        name=name,
        aliases=aliases,
        countries=countries,
        addresses=addresses,
        identifiers=identifiers,
        programs=programs,
        listed_on=listed_on or (dated[0][0] if dated else None),
        citation=_attr(first_reg, "numberTitle") if first_reg is not None else None,
        source_url=url,
        source_key=logical_id,
        dataset="eu-fsf",
        remarks=" ".join(remarks) or None,
        birth_dates=birth_dates,
        nationalities=list(dict.fromkeys(nationalities)),
        extra={k: v for k, v in extra.items() if v},
    )


def parse_eu_xml(path: Path) -> ParseResult:
    """Parse the EU Financial Sanctions Files XML (plain or ``.gz``).

    Returns:
        One entity per ``sanctionEntity``; ``data_date`` from ``export@generationDate``.

    Raises:
        DataFileError: for unsafe or malformed XML, a root other than ``export``, an
            entity without ``logicalId``, subject type or name; the message names the
            element (``sanctionEntity #n (logicalId …)``) and the field.
    """
    file = str(path)
    root = parse_xml_file(path)
    if local_name(root.tag) != "export":
        raise DataFileError(
            f"root element is <{local_name(root.tag)}>, expected <export>",
            file=file,
            row="root",
            field="export",
        )
    generated = root.get("generationDate") or ""
    found: dict[str, Entity] = {}
    for i, se in enumerate(_children(root, "sanctionEntity"), start=1):
        ent = _entry(se, i, file=file)
        add_unique(
            found, ent, label="logicalId", file=file, row=f"sanctionEntity #{i}", field="logicalId"
        )
    entities = list(found.values())
    if not entities:
        raise DataFileError(
            "no sanctionEntity elements", file=file, row="root", field="sanctionEntity"
        )
    return ParseResult(
        entities=entities,
        data_date=date_prefix(generated),
        format="eu-xml",
        meta={"generation_date": generated or None, "global_file_id": root.get("globalFileId")},
    )
