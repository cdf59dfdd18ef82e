"""OFAC's Enhanced XML (``SDN_ENHANCED.XML`` / ``CONS_ENHANCED.XML``, bare or zipped).

Layout: ``sanctionsData`` → ``publicationInfo/dataAsOf``, ``referenceValues``
(refId → type, value, ISO code) and ``entities/entity`` with ``generalInfo``,
``sanctionsLists``, ``sanctionsPrograms``, ``names`` (each with its
``translations`` in one or more scripts), ``addresses``, ``features`` (birth
dates, nationality …) and ``identityDocuments``. Parsed with defusedxml, so a
DTD with entities (the "billion laughs" bomb) is refused.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from tradecheck.entity import Address, Entity, Identifier, Name, make_entity_id, parse_entity_type
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, read_bytes
from tradecheck.lists.country_names import country_code
from tradecheck.lists.fields import countries_of, iso_date, joined_address, new_names
from tradecheck.lists.us_codes import (
    is_known_ofac_list,
    ofac_list_code,
    ofac_primary_code,
)

#: The largest XML member read from a zip (the full SDN file is ~120 MB).
MAX_XML_BYTES = 1 << 30
_ALIAS_KINDS = {"A.K.A.": "aka", "F.K.A.": "fka", "N.K.A.": "nka"}
#: OFAC script names → the script words of :func:`tradecheck.entity.detect_script`.
_SCRIPTS = {"Chinese Simplified": ("Han", "zh-Hans"), "Chinese Traditional": ("Han", "zh-Hant")}
_NATIONALITY_FEATURES = {"Nationality Country", "Citizenship Country"}
#: Feature types that are identifiers of the party rather than facts about its sanctions.
_ID_FEATURES = {"ISIN", "SWIFT/BIC", "Website", "Email Address", "Equity Ticker", "BIK (RU)"}


def _xml_bytes(path: Path) -> bytes:
    if path.suffix.lower() != ".zip":
        return read_bytes(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if i.filename.lower().endswith(".xml")]
            if not members:
                raise DataFileError("zip holds no .xml file", file=str(path))
            if members[0].file_size > MAX_XML_BYTES:
                raise DataFileError(
                    f"{members[0].filename} unpacks to {members[0].file_size} bytes", file=str(path)
                )
            return zf.read(members[0])
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DataFileError(f"not a readable zip file: {exc}", file=str(path)) from exc


def _parse_root(path: Path) -> Element:
    data = _xml_bytes(path)
    try:
        root: Element = DET.fromstring(data)
    except DefusedXmlException as exc:
        raise DataFileError(
            f"refused: the XML declares entities or a DTD ({type(exc).__name__})", file=str(path)
        ) from exc
    except ParseError as exc:
        line, _col = exc.position
        hint = "; the file may be truncated" if "no element found" in str(exc) else ""
        raise DataFileError(
            f"malformed XML ({exc}){hint}", file=str(path), row=f"line {line}"
        ) from exc
    if root.tag.rsplit("}", 1)[-1] != "sanctionsData":
        raise DataFileError(
            f"root element is <{root.tag}>, not <sanctionsData>: not OFAC Enhanced XML",
            file=str(path),
        )
    return root


class _Reader:
    """Namespace-aware access to one Enhanced XML document."""

    def __init__(self, root: Element, file: str) -> None:
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        self.file = file
        self.refs: dict[str, tuple[str, str, str | None]] = {}
        for rv in root.iterfind(self.p("referenceValues/referenceValue")):
            self.refs[rv.get("refId", "")] = (
                self.text(rv, "type") or "",
                self.text(rv, "value") or "",
                self.text(rv, "isoCode"),
            )

    def p(self, path: str) -> str:
        return "/".join(self.ns + part for part in path.split("/"))

    def text(self, el: Element, path: str) -> str | None:
        found = el.find(self.p(path))
        if found is None or found.text is None:
            return None
        return " ".join(found.text.split()) or None

    def country(self, el: Element | None) -> str | None:
        if el is None:
            return None
        ref = self.refs.get(el.get("refId", ""))
        if ref and ref[2]:
            return ref[2]
        return country_code(el.text, codes=True)


def _names(r: _Reader, ent: Element, where: str) -> tuple[str, list[Name]]:
    primary: str | None = None
    aliases: list[Name] = []
    for name in ent.iterfind(r.p("names/name")):
        is_primary = r.text(name, "isPrimary") == "true"
        kind = "primary" if is_primary else _ALIAS_KINDS.get(r.text(name, "aliasType") or "", "aka")
        weak = r.text(name, "isLowQuality") == "true"
        for tr in name.iterfind(r.p("translations/translation")):
            full = r.text(tr, "formattedFullName")
            value = check_name(full, file=r.file, row=where, field="formattedFullName")
            script_name = r.text(tr, "script") or ""
            script, lang = _SCRIPTS.get(script_name, (script_name, None))
            if is_primary and r.text(tr, "isPrimary") == "true" and primary is None:
                primary = value
                continue
            aliases.append(
                Name(
                    value,
                    kind="translation" if kind == "primary" else kind,
                    script=script if script in {"Latin", "Cyrillic", "Arabic", "Han"} else "",
                    lang=lang,
                    quality="weak" if weak else None,
                )
            )
    if primary is None:
        raise DataFileError("no primary name", file=r.file, row=where, field="names")
    return primary, new_names(aliases, [primary])


def _addresses(r: _Reader, ent: Element) -> list[Address]:
    out: list[Address] = []
    for addr in ent.iterfind(r.p("addresses/address")):
        country_el = addr.find(r.p("country"))
        parts: dict[str, list[str]] = {}
        for part in addr.iterfind(r.p("translations/translation/addressParts/addressPart")):
            kind, value = r.text(part, "type") or "", r.text(part, "value")
            if value:
                parts.setdefault(kind, []).append(value)
        street = ", ".join(
            parts.get("ADDRESS1", []) + parts.get("ADDRESS2", []) + parts.get("ADDRESS3", [])
        )
        region = ", ".join(parts.get("STATE/PROVINCE", []) + parts.get("REGION", []))
        city = ", ".join(parts.get("CITY", []))
        postal = ", ".join(parts.get("POSTAL CODE", []))
        country_name = " ".join((country_el.text or "").split()) if country_el is not None else ""
        country = r.country(country_el)
        address = joined_address(street, city, region, postal, country_name, country=country)
        if address:
            out.append(address)
    return out


def _features(r: _Reader, ent: Element, e: Entity) -> None:
    other: list[str] = []
    for feat in ent.iterfind(r.p("features/feature")):
        kind = r.text(feat, "type") or ""
        value = r.text(feat, "value")
        ref = r.refs.get(r.text(feat, "valueRefId") or "")
        if kind == "Birthdate" and value:
            e.birth_dates.append(iso_date(value) or value)
        elif kind in _NATIONALITY_FEATURES:
            code = (ref[2] if ref else None) or country_code(value, codes=True)
            if code and code not in e.nationalities:
                e.nationalities.append(code)
        elif kind == "Place of Birth" and value:
            e.extra.setdefault("places_of_birth", []).append(value)
        elif kind == "Gender" and value:
            e.extra["gender"] = value
        elif kind in _ID_FEATURES and value:
            e.identifiers.append(Identifier(type=kind, value=value))
        elif value:
            other.append(f"{kind} {value}")
    if other:
        e.extra["features"] = other
    for doc in ent.iterfind(r.p("identityDocuments/identityDocument")):
        number = r.text(doc, "documentNumber")
        if number:
            e.identifiers.append(
                Identifier(
                    type=r.text(doc, "type") or "document",
                    value=number,
                    country=r.country(doc.find(r.p("issuingCountry"))),
                )
            )


def _entity(r: _Reader, ent: Element, preferred: str | None) -> Entity:
    key = ent.get("id") or ""
    where = f"entity id={key}"
    if not key:
        raise DataFileError("entity without id", file=r.file, row=where, field="id")
    codes: list[str] = []
    for sl in ent.iterfind(r.p("sanctionsLists/sanctionsList")):
        list_name = " ".join((sl.text or "").split())
        if not is_known_ofac_list(list_name):
            raise DataFileError(
                f"unknown sanctions list {list_name!r}; add it to data/lists/us/list_codes.yaml",
                file=r.file,
                row=where,
                field="sanctionsList",
            )
        if (code := ofac_list_code(list_name)) and code not in codes:
            codes.append(code)
    source = ofac_primary_code(codes, preferred)
    if source is None:
        raise DataFileError(
            "entity is on no sanctions list", file=r.file, row=where, field="sanctionsLists"
        )
    primary, aliases = _names(r, ent, where)
    addresses = _addresses(r, ent)
    e = Entity(
        id=make_entity_id(source, key),
        source=source,
        type=parse_entity_type(r.text(ent, "generalInfo/entityType")),
        name=primary,
        aliases=aliases,
        countries=countries_of(addresses),
        addresses=addresses,
        programs=[
            p
            for el in ent.iterfind(r.p("sanctionsPrograms/sanctionsProgram"))
            if (p := (el.text or "").strip())
        ],
        source_key=key,
    )
    if len(codes) > 1:
        e.extra["lists"] = codes
    _features(r, ent, e)
    return e


def parse_ofac_enhanced_xml(path: Path) -> ParseResult:
    """Parse an OFAC Enhanced XML file (``.xml``, ``.xml.gz`` or a ``.zip`` holding it).

    Raises:
        DataFileError: naming the file and the entity (``entity id=…``) and field;
            malformed or truncated XML, a DTD with entities, an unknown list.
    """
    root = _parse_root(path)
    r = _Reader(root, str(path))
    filters = [
        c
        for el in root.iterfind(r.p("publicationInfo/filters/sanctionsLists/sanctionsList"))
        if (c := ofac_list_code(el.text or ""))
    ]
    preferred = filters[0] if len(filters) == 1 else None
    entities = [_entity(r, ent, preferred) for ent in root.iterfind(r.p("entities/entity"))]
    as_of = r.text(root, "publicationInfo/dataAsOf")
    meta: dict[str, Any] = {
        "counts": dict(Counter(e.source for e in entities).most_common()),
        "memberships": dict(
            Counter(c for e in entities for c in e.extra.get("lists", [e.source])).most_common()
        ),
    }
    return ParseResult(
        entities=entities,
        data_date=iso_date(as_of[:10]) if as_of else None,
        format="ofac-xml",
        meta=meta,
    )
