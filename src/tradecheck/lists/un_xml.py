"""UN Security Council consolidated list, XML (``CONSOLIDATED_LIST``).

Published at https://scsanctions.un.org/resources/xml/en/consolidated.xml. One
``INDIVIDUAL`` or ``ENTITY`` element per listed party, keyed by ``DATAID``;
names in ``FIRST_NAME`` … ``FOURTH_NAME`` (entities use ``FIRST_NAME`` only),
aliases with a ``QUALITY`` (Good / Low), addresses, dates of birth and
documents. Countries are English names, mapped to ISO-2 through a data table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name, make_entity_id
from tradecheck.errors import DataFileError
from tradecheck.lists.base import ParseResult, check_name, clean_text
from tradecheck.lists.country_names import country_code
from tradecheck.lists.fields import countries_of, date_prefix, joined_address, new_names
from tradecheck.lists.ids import add_unique
from tradecheck.lists.xml_safe import parse_xml_file

SOURCE = "UN"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_QUALITY = {"good": "good", "low": "low"}
_ALIAS_KIND = {"f.k.a.": "fka", "n.k.a.": "nka"}
#: A range of birth years wider than this keeps only its ends, not every year.
_MAX_YEAR_SPAN = 10


def _text(el: Element, tag: str) -> str | None:
    child = el.find(tag)
    return clean_text(child.text) if child is not None else None


def _values(el: Element, tag: str) -> list[str]:
    """The cleaned ``VALUE`` texts under ``tag`` (NATIONALITY, DESIGNATION …)."""
    out: list[str] = []
    for holder in el.findall(tag):
        for v in holder.findall("VALUE"):
            c = clean_text(v.text)
            if c:
                out.append(c)
    return out


def _addresses(el: Element, tag: str, raw_countries: list[str]) -> list[Address]:
    out: list[Address] = []
    for a in el.findall(tag):
        street, city = _text(a, "STREET"), _text(a, "CITY")
        region, postal = _text(a, "STATE_PROVINCE"), _text(a, "ZIP_CODE")
        country_name = _text(a, "COUNTRY")
        code = country_code(country_name)
        if country_name and not code:
            raw_countries.append(country_name)
        address = joined_address(street, city, region, postal, country_name, country=code)
        if address:
            out.append(address)
    return out


def _birth_dates(el: Element) -> tuple[list[str], list[str]]:
    """Dates of birth as ISO strings (``1971``, ``1958-03-01``) and their kinds."""
    dates: list[str] = []
    kinds: list[str] = []
    for d in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = (_text(d, "TYPE_OF_DATE") or "").lower()
        date, year = _text(d, "DATE"), _text(d, "YEAR")
        lo, hi = _text(d, "FROM_YEAR"), _text(d, "TO_YEAR")
        found: list[str] = []
        if iso := date_prefix(date):
            found.append(iso)
        if year and year.isdigit():
            found.append(year)
        if lo and hi and lo.isdigit() and hi.isdigit() and int(lo) <= int(hi):
            span = range(int(lo), int(hi) + 1)
            years = span if len(span) <= _MAX_YEAR_SPAN else (int(lo), int(hi))
            found.extend(str(y) for y in years)
        for f in found:
            if f not in dates:
                dates.append(f)
        if found and kind:
            kinds.append(kind)
    return dates, kinds


def _documents(el: Element) -> list[Identifier]:
    out: list[Identifier] = []
    for doc in el.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if not number:
            continue
        kind = _text(doc, "TYPE_OF_DOCUMENT") or "Document"
        kind2 = _text(doc, "TYPE_OF_DOCUMENT2")
        if kind2:
            kind = f"{kind} ({kind2})"
        issuer = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
        out.append(Identifier(type=kind, value=number, country=country_code(issuer)))
    return out


def _aliases(el: Element, tag: str, primary: str, *, file: str, where: str) -> list[Name]:
    out: list[Name] = []
    for a in el.findall(tag):
        raw = a.find("ALIAS_NAME")
        if raw is None or not (raw.text or "").strip():
            continue
        value = check_name(raw.text, file=file, row=where, field=f"{tag}/ALIAS_NAME")
        quality_raw = (_text(a, "QUALITY") or "").lower()
        out.append(
            Name(
                value=value,
                kind=_ALIAS_KIND.get(quality_raw, "aka"),
                quality=_QUALITY.get(quality_raw),
            )
        )
    return new_names(out, [primary])


def _entry(el: Element, index: int, *, file: str, person: bool) -> Entity:
    tag = "INDIVIDUAL" if person else "ENTITY"
    dataid = _text(el, "DATAID")
    if not dataid:
        raise DataFileError("missing DATAID", file=file, row=f"{tag} #{index}", field="DATAID")
    where = f"{tag} #{index} (DATAID {dataid})"
    parts = [_text(el, p) for p in (_NAME_PARTS if person else _NAME_PARTS[:1])]
    raw_name = " ".join(p for p in parts if p)
    for part in _NAME_PARTS:  # a bad character in any part is reported against that part
        child = el.find(part)
        if child is not None and child.text and child.text.strip():
            check_name(child.text, file=file, row=where, field=part)
    name = check_name(raw_name, file=file, row=where, field="FIRST_NAME")

    aliases = _aliases(el, f"{tag}_ALIAS", name, file=file, where=where)
    original = el.find("NAME_ORIGINAL_SCRIPT")
    if original is not None and (original.text or "").strip():
        value = check_name(original.text, file=file, row=where, field="NAME_ORIGINAL_SCRIPT")
        aliases.insert(0, Name(value=value, kind="aka"))

    raw_countries: list[str] = []
    nationalities: list[str] = []
    for n in _values(el, "NATIONALITY"):
        code = country_code(n)
        if code:
            nationalities.append(code)
        else:
            raw_countries.append(n)
    addresses = _addresses(el, f"{tag}_ADDRESS", raw_countries)
    countries = countries_of(addresses, nationalities)

    extra: dict[str, Any] = {"reference_number": _text(el, "REFERENCE_NUMBER")}
    for key, tag_name in (("designations", "DESIGNATION"), ("titles", "TITLE")):
        vals = _values(el, tag_name)
        if vals:
            extra[key] = vals
    if raw_countries:
        extra["countries_unmapped"] = raw_countries
    birth_dates: list[str] = []
    if person:
        birth_dates, kinds = _birth_dates(el)
        if kinds:
            extra["birth_date_kinds"] = kinds
        places = [
            ", ".join(
                p
                for p in (_text(pl, "CITY"), _text(pl, "STATE_PROVINCE"), _text(pl, "COUNTRY"))
                if p
            )
            for pl in el.findall("INDIVIDUAL_PLACE_OF_BIRTH")
        ]
        if any(places):
            extra["places_of_birth"] = [p for p in places if p]
        gender = _text(el, "GENDER")
        if gender:
            extra["gender"] = gender
    updated = _values(el, "LAST_DAY_UPDATED")
    if updated:
        extra["last_updated"] = max(updated)

    program = _text(el, "UN_LIST_TYPE")
    return Entity(
        id=make_entity_id(SOURCE, dataid),
        source=SOURCE,
        type=EntityType.PERSON if person else EntityType.ORGANIZATION,
        name=name,
        aliases=aliases,
        countries=countries,
        addresses=addresses,
        identifiers=_documents(el) if person else [],
        programs=[program] if program else [],
        listed_on=(_text(el, "LISTED_ON") or "")[:10] or None,
        citation=extra["reference_number"],
        source_key=dataid,
        dataset="un-sc",
        remarks=_text(el, "COMMENTS1"),
        birth_dates=birth_dates,
        nationalities=list(dict.fromkeys(nationalities)),
        extra=extra,
    )


def parse_un_xml(path: Path) -> ParseResult:
    """Parse the UN Security Council consolidated list XML (plain or ``.gz``).

    Args:
        path: the ``consolidated.xml`` file.

    Returns:
        One entity per ``INDIVIDUAL`` and ``ENTITY``; ``data_date`` is the date of
        ``CONSOLIDATED_LIST@dateGenerated``.

    Raises:
        DataFileError: for unsafe or malformed XML, a wrong root element, an entry
            without ``DATAID`` or a bad name; the message names the element and field.
    """
    file = str(path)
    root = parse_xml_file(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise DataFileError(
            f"root element is <{root.tag}>, expected <CONSOLIDATED_LIST>",
            file=file,
            row="root",
            field="CONSOLIDATED_LIST",
        )
    individuals, entities = root.find("INDIVIDUALS"), root.find("ENTITIES")
    if individuals is None and entities is None:
        raise DataFileError(
            "no INDIVIDUALS or ENTITIES element", file=file, row="root", field="INDIVIDUALS"
        )
    generated = root.get("dateGenerated") or ""
    data_date = date_prefix(generated)
    found: dict[str, Entity] = {}
    for holder, tag, person in ((individuals, "INDIVIDUAL", True), (entities, "ENTITY", False)):
        for i, el in enumerate(holder.findall(tag) if holder is not None else [], start=1):
            ent = _entry(el, i, file=file, person=person)
            add_unique(found, ent, label="DATAID", file=file, row=f"{tag} #{i}", field="DATAID")
    out = list(found.values())
    meta = {
        "individuals": sum(1 for e in out if e.type is EntityType.PERSON),
        "entities": sum(1 for e in out if e.type is EntityType.ORGANIZATION),
        "date_generated": generated or None,
    }
    return ParseResult(entities=out, data_date=data_date, format="un-xml", meta=meta)
