"""The one normalised model of a listed party.

Every list parser produces :class:`Entity` objects; the store keeps them as JSON
documents; the matcher indexes their names. IDs are derived from content (the
source code and the list's own key, or the name when the list has no key), so
that re-importing an unchanged file changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    """What kind of party an entry is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


#: Source list codes, with the authority and list they stand for.
SOURCE_CODES: dict[str, str] = {
    "EL": "US BIS Entity List (15 CFR 744 Supp. 4)",
    "MEU": "US BIS Military End-User List (15 CFR 744 Supp. 7)",
    "UVL": "US BIS Unverified List (15 CFR 744 Supp. 6)",
    "DPL": "US BIS Denied Persons List",
    "SDN": "US OFAC Specially Designated Nationals and Blocked Persons List",
    "SSI": "US OFAC Sectoral Sanctions Identifications List",
    "CMIC": "US OFAC Non-SDN Chinese Military-Industrial Complex Companies List",
    "PLC": "US OFAC Palestinian Legislative Council List",
    "NS-MBS": "US OFAC Non-SDN Menu-Based Sanctions List",
    "DTC": "US State Dept. ITAR Debarred List",
    "ISN": "US State Dept. Nonproliferation Sanctions",
    "CAP": "US OFAC Correspondent Account or Payable-Through Account Sanctions (CAPTA) List",
    "FSE": "US OFAC Foreign Sanctions Evaders List",
    "UN": "UN Security Council Consolidated List",
    "EU": "EU Consolidated Financial Sanctions List",
    "UK": "UK Sanctions List",
    "CN-CTRL": "China MOFCOM Export Control Control List (管控名单)",
    "CN-WATCH": "China MOFCOM Export Control Watch List (关注名单)",
    "CN-UEL": "China MOFCOM Unreliable Entity List (不可靠实体清单)",
    "OS": "OpenSanctions / FollowTheMoney dataset",
    "CUSTOM": "User-supplied list",
}


def detect_script(text: str) -> str:
    """Return the dominant Unicode script of ``text`` (``Latin``, ``Han``, ``Cyrillic``…).

    Total: returns ``"Unknown"`` for text with no letters.
    """
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        try:
            name = unicodedata.name(ch)
        except ValueError:
            continue
        if name.startswith("CJK") or "IDEOGRAPH" in name:
            script = "Han"
        else:
            script = name.split(" ")[0].capitalize()
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Unknown"
    return max(counts.items(), key=lambda kv: kv[1])[0]


@dataclass(slots=True)
class Name:
    """A name or alias as listed, keeping its script."""

    value: str
    kind: str = "aka"  # primary | aka | fka | nka | weak | translation
    script: str = ""
    lang: str | None = None
    quality: str | None = None  # e.g. "weak" for OFAC weak aliases, "good"

    def __post_init__(self) -> None:
        if not self.script:
            self.script = detect_script(self.value)


@dataclass(slots=True)
class Address:
    """A postal address; any part may be missing."""

    full: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 where known


@dataclass(slots=True)
class Identifier:
    """An identifier (passport, registration number, IMO, LEI …)."""

    type: str
    value: str
    country: str | None = None


@dataclass(slots=True)
class Entity:
    """One listed party, normalised across every source format."""

    id: str
    source: str  # one of SOURCE_CODES
    type: EntityType
    name: str
    aliases: list[Name] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None  # ISO date
    citation: str | None = None  # FR notice, announcement number …
    license_requirement: str | None = None
    license_policy: str | None = None
    source_url: str | None = None
    source_key: str | None = None  # the list's own id (entity number, DATAID …)
    dataset: str | None = None  # the snapshot unit it came from (us-csl, un-sc …)
    remarks: str | None = None
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    #: Source-specific facts (footnote 4, announcement status windows …).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """The primary name followed by every alias value."""
        return [self.name, *(a.value for a in self.aliases)]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the stored and exported form)."""
        data = asdict(self)
        data["type"] = self.type.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Build an entity from :meth:`to_dict` output."""
        d = dict(data)
        d["type"] = EntityType(d.get("type", "unknown"))
        d["aliases"] = [Name(**a) for a in d.get("aliases", [])]
        d["addresses"] = [Address(**a) for a in d.get("addresses", [])]
        d["identifiers"] = [Identifier(**i) for i in d.get("identifiers", [])]
        return cls(**d)

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form; equal content gives an equal hash."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def make_entity_id(source: str, *key_parts: str | None) -> str:
    """Derive a stable entity id from the source code and the list's own key.

    Use the list's entry number where it has one; otherwise pass the name and
    type, so that the same entry always gets the same id.
    """
    raw = "\x1f".join([source, *(p or "" for p in key_parts)])
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
    return f"{source.lower()}-{digest}"


def parse_entity_type(value: str | None) -> EntityType:
    """Map a source's type word (``Individual``, ``Entity``, ``Vessel``…) to :class:`EntityType`."""
    v = (value or "").strip().lower()
    if v in {"individual", "person", "individuals", "indiv"}:
        return EntityType.PERSON
    if v in {"entity", "organization", "organisation", "company", "legalentity", "entities"}:
        return EntityType.ORGANIZATION
    if v in {"vessel", "ship"}:
        return EntityType.VESSEL
    if v in {"aircraft", "airplane"}:
        return EntityType.AIRCRAFT
    return EntityType.UNKNOWN
