"""A small loaded store for the service tests: a few listed parties, two snapshots."""

from __future__ import annotations

from tradecheck.entity import Entity, EntityType, Name, make_entity_id
from tradecheck.store import Store, open_store


def _org(source: str, name: str, country: str, *aliases: str) -> Entity:
    return Entity(
        id=make_entity_id(source, name, "org"),
        source=source,
        type=EntityType.ORGANIZATION,
        name=name,
        aliases=[Name(a) for a in aliases],
        countries=[country],
        programs=["EAR"] if source == "EL" else ["SDGT"],
        dataset="us-csl",
        license_requirement="For all items subject to the EAR." if source == "EL" else None,
        license_policy="Presumption of denial." if source == "EL" else None,
    )


def sample_entities() -> list[Entity]:
    """Listed parties used across the service tests."""
    return [
        _org("EL", "Huawei Technologies Co., Ltd.", "CN", "Huawei"),
        _org("EL", "Semiconductor Manufacturing International Corporation", "CN", "SMIC"),
        _org("EL", "Shanghai Micro Electronics Equipment Co., Ltd.", "CN", "SMEE"),
        _org("SDN", "Rosoboronexport", "RU"),
        _org("SDN", "Mahan Air", "IR"),
    ]


def load_sample(url: str) -> Store:
    """Open the store at ``url`` and make the sample the current ``us-csl`` snapshot."""
    store = open_store(url)
    store.write_snapshot(
        "us-csl", sample_entities(), data_date="2026-01-01", file_hash="s" * 64, format="test"
    )
    return store


def load_newer(store: Store) -> None:
    """A newer snapshot: one party delisted, one added."""
    newer = [e for e in sample_entities() if e.name != "Mahan Air"]
    newer.append(_org("EL", "Beijing Sophgo Technologies Co., Ltd.", "CN", "Sophgo"))
    store.write_snapshot("us-csl", newer, data_date="2026-02-01", file_hash="t" * 64, format="test")
