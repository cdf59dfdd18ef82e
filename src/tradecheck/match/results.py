"""What screening returns: :class:`ScreenResult` and its :class:`Match` objects.

A match's entity and explanation are made only when read (:class:`EntityRef`,
:class:`Explanation`): most callers read ids and scores only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradecheck.entity import Entity
from tradecheck.match.containers import FACT_DATASET, FACT_NAME, FACT_SOURCE_KEY, Entities
from tradecheck.match.listing import qualifier_feature
from tradecheck.match.score import PairScore


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity's place among an index's entities: a :class:`Match`'s entity, decoded when read."""

    entities: Entities
    i: int


class _EntityField:
    """A :class:`Match`'s ``entity``: given as an :class:`Entity` or an :class:`EntityRef`,
    read as the entity (an :class:`EntityRef` decoded when first read, then kept)."""

    def __get__(self, obj: Match | None, owner: Any = None) -> Entity:
        if obj is None:
            # (The field's default, for the dataclass: refused by __set__.)
            return self  # type: ignore[return-value]
        e = obj.__dict__["_entity"]
        if isinstance(e, EntityRef):
            e = obj.__dict__["_entity"] = e.entities[e.i]
        return e  # type: ignore[no-any-return]

    def __set__(self, obj: Match, value: Entity | EntityRef) -> None:
        if not isinstance(value, Entity | EntityRef):  # (the default: no entity given)
            raise TypeError("Match() missing its entity")
        obj.__dict__["_entity"] = value


class Explanation:
    """What a screened :class:`Match`'s explanation is made from, made into it when read.

    Most callers of :func:`screen_party` read a match's id, score and list, never its
    explanation: it is made only when first read (:class:`_ExplainField`), from the
    pair score, the qualifier penalty and the evidence kept here, in the shape and
    order it always had.
    """

    __slots__ = ("evidence", "name_score", "pair", "penalty", "strength", "words")

    def __init__(
        self,
        pair: PairScore,
        penalty: float,
        words: list[str],
        name_score: float,
        evidence: list[dict[str, Any]],
        strength: str,
    ) -> None:
        self.pair = pair
        self.penalty = penalty
        self.words = words
        self.name_score = name_score
        self.evidence = evidence
        self.strength = strength

    def make(self) -> dict[str, Any]:
        """The explanation (``screen --json`` ``explain``)."""
        explain = self.pair.explain()
        if self.penalty:
            explain["features"].append(qualifier_feature(self.penalty, self.words))
        explain["name_score"] = self.name_score
        explain["evidence"] = self.evidence
        explain["strength"] = self.strength
        return explain


class _ExplainField:
    """A :class:`Match`'s ``explain``: given as a dict or an :class:`Explanation`, read
    as the dict (an :class:`Explanation` made into it when first read, then kept)."""

    def __get__(self, obj: Match | None, owner: Any = None) -> dict[str, Any]:
        if obj is None:
            # (The field's default, for the dataclass: refused by __set__.)
            return self  # type: ignore[return-value]
        x = obj.__dict__["_explain"]
        if isinstance(x, Explanation):
            x = obj.__dict__["_explain"] = x.make()
        return x  # type: ignore[no-any-return]

    def __set__(self, obj: Match, value: dict[str, Any] | Explanation) -> None:
        if not isinstance(value, dict | Explanation):  # (the default: none given)
            raise TypeError("Match() missing its explain")
        obj.__dict__["_explain"] = value


@dataclass
class Match:
    """One listed entity a party may be.

    Screening gives its entity as an :class:`EntityRef`: the entity is decoded from
    the index only if read (the id, list, name and countries come from the facts
    the index keeps beside it); and its explanation as an :class:`Explanation`,
    made only if read. A pickled match holds both as they read (entity, dict).
    """

    entity_id: str
    source: str
    name: str
    matched_name: str
    score: float
    countries: list[str]
    explain: _ExplainField = _ExplainField()
    entity: _EntityField = _EntityField()
    #: The same listing in other datasets (collapsed into this match).
    also_in: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def screened(
        cls,
        entity_id: str,
        source: str,
        name: str,
        matched_name: str,
        score: float,
        countries: list[str],
        explain: Explanation,
        entity: EntityRef,
    ) -> Match:
        """A match as :func:`screen_party` makes one (the same as ``Match(...)``, without
        the field checks: screening makes hundreds of thousands)."""
        m = cls.__new__(cls)
        m.__dict__ = {
            "entity_id": entity_id,
            "source": source,
            "name": name,
            "matched_name": matched_name,
            "score": score,
            "countries": countries,
            "_explain": explain,
            "_entity": entity,
            "also_in": [],
        }
        return m

    def listing(self) -> tuple[str, str, str | None]:
        """The entity's primary name, list key (``""`` for none) and dataset.

        (From the facts the index keeps when screening made the match: the entity is
        not decoded.)
        """
        e = self.__dict__["_entity"]
        if isinstance(e, EntityRef):
            f = e.entities.facts(e.i)
            return f[FACT_NAME], f[FACT_SOURCE_KEY], f[FACT_DATASET]
        return e.name, str(e.source_key) if e.source_key else "", e.dataset

    def __getstate__(self) -> dict[str, Any]:
        # (The explanation and the entity as they read: not the index's entities.)
        state = dict(self.__dict__)
        state["_explain"] = self.explain
        state["_entity"] = self.entity
        return state

    def to_dict(self) -> dict[str, Any]:
        """The ``screen --json`` MATCH object."""
        e = self.entity
        return {
            "entity_id": self.entity_id,
            "source": self.source,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": self.score,
            "countries": self.countries,
            "type": e.type.value,
            "dataset": e.dataset,
            "programs": e.programs,
            "listed_on": e.listed_on,
            "citation": e.citation,
            "source_url": e.source_url,
            "license_requirement": e.license_requirement,
            "license_policy": e.license_policy,
            "also_in": self.also_in,
            "explain": self.explain,
        }


@dataclass(slots=True)
class ScreenResult:
    """The matches of one query, best first."""

    query: dict[str, Any]
    matches: list[Match] = field(default_factory=list)
    versions: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``screen --json`` shape: ``{"query", "matches", "versions"}``."""
        return {
            "query": self.query,
            "matches": [m.to_dict() for m in self.matches],
            "versions": self.versions,
        }


__all__ = ["EntityRef", "Explanation", "Match", "ScreenResult"]
