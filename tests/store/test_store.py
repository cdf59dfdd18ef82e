"""The store on SQLite and PostgreSQL: snapshots, atomic updates, round trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tradecheck.entity import Address, Entity, EntityType, Identifier, Name, make_entity_id
from tradecheck.errors import StoreError
from tradecheck.lists.diff import diff_entities
from tradecheck.store import open_store
from tradecheck.store import schema as s


def make(name: str, key: str, source: str = "EL", **kw: object) -> Entity:
    return Entity(
        id=make_entity_id(source, key),
        source=source,
        type=EntityType.ORGANIZATION,
        name=name,
        **kw,  # type: ignore[arg-type]
    )


def sample() -> list[Entity]:
    return [
        make(
            "Huawei Technologies Co., Ltd.",
            "1",
            aliases=[Name("华为技术有限公司")],
            countries=["CN"],
            license_policy="Presumption of denial.",
        ),
        make(
            "Semiconductor Manufacturing International Corporation",
            "2",
            countries=["CN"],
            addresses=[Address(full="18 Zhangjiang Rd", city="Shanghai", country="CN")],
        ),
        make("Ivan Petrov", "3", source="SDN", identifiers=[Identifier("Passport", "123", "RU")]),
    ]


def count(store_url: str, table: s.Table) -> int:
    store = open_store(store_url)
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_migrations_are_versioned_and_idempotent(store_url: str) -> None:
    store = open_store(store_url)
    assert store.schema_version() == max(v for v, _, _ in s.MIGRATIONS)
    assert open_store(store_url).migrate() == store.schema_version()
    assert count(store_url, s.schema_version) == len(s.MIGRATIONS)


def test_snapshot_round_trip_and_current(store_url: str) -> None:
    store = open_store(store_url)
    info, changed = store.write_snapshot(
        "test", sample(), data_date="2026-01-01", file_hash="f" * 64, format="user-csv"
    )
    assert changed and info.is_current
    assert info.entry_count == 3 and info.alias_count == 1
    back = store.entities(info.id)
    assert sorted(e.to_dict()["name"] for e in back) == sorted(e.name for e in sample())
    assert {e.id: e for e in back} == {e.id: e for e in sample()}
    assert store.current_snapshot("test") == info


def test_reimporting_unchanged_content_changes_nothing(store_url: str) -> None:
    store = open_store(store_url)
    first, _ = store.write_snapshot(
        "test", sample(), data_date="2026-01-01", file_hash="a", format="x"
    )
    # same content in another order, from another file: same snapshot
    again, changed = store.write_snapshot(
        "test", list(reversed(sample())), data_date="2026-01-01", file_hash="b", format="x"
    )
    assert not changed and again.id == first.id
    assert count(store_url, s.snapshots) == 1
    assert count(store_url, s.entities) == 3


def test_new_snapshot_becomes_current_and_old_is_kept(store_url: str) -> None:
    store = open_store(store_url)
    old, _ = store.write_snapshot(
        "test", sample(), data_date="2026-01-01", file_hash="a", format="x"
    )
    newer = [*sample()[:2], make("New Co", "4")]
    newer[0].aliases.append(Name("HUAWEI"))
    new, changed = store.write_snapshot(
        "test", newer, data_date="2026-02-01", file_hash="b", format="x"
    )
    assert changed and new.id != old.id
    assert [i.id for i in store.current()] == [new.id]
    assert len(store.entities(old.id)) == 3
    d = diff_entities(store.entities(old.id), store.entities(new.id))
    assert [e.name for e in d.added] == ["New Co"]
    assert [e.name for e in d.removed] == ["Ivan Petrov"]
    assert [c.name for c in d.changed] == ["Huawei Technologies Co., Ltd."]
    assert d.changed[0].fields["aliases"]["added"][0]["value"] == "HUAWEI"
    assert d.unchanged == 1


def test_failed_write_leaves_previous_snapshot_current_and_intact(store_url: str) -> None:
    store = open_store(store_url)
    good, _ = store.write_snapshot(
        "test", sample(), data_date="2026-01-01", file_hash="a", format="x"
    )
    bad = [*sample()[:2], make("Dup", "1"), make("Other", "9")]  # duplicate id: insert fails
    with pytest.raises(StoreError, match="previous snapshot kept"):
        store.write_snapshot("test", bad, data_date="2026-03-01", file_hash="c", format="x")
    assert store.current_snapshot("test") == good
    assert count(store_url, s.snapshots) == 1
    assert count(store_url, s.entities) == 3


def test_switching_back_to_an_earlier_identical_snapshot(store_url: str) -> None:
    store = open_store(store_url)
    a, _ = store.write_snapshot("test", sample(), data_date="1", file_hash="a", format="x")
    b, _ = store.write_snapshot("test", sample()[:1], data_date="2", file_hash="b", format="x")
    again, changed = store.write_snapshot(
        "test", sample(), data_date="1", file_hash="a", format="x"
    )
    assert changed and again.id == a.id and store.current_snapshot("test") == again
    assert b.id != a.id


def test_postgres_password_is_hidden() -> None:
    from tradecheck.store.store import Store

    st_ = Store.__new__(Store)
    st_.url = "postgresql+psycopg://user:secret@db.example/x"
    assert "secret" not in st_.safe_url


names = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=names,
    aliases=st.lists(names, max_size=3),
    countries=st.lists(st.sampled_from(["CN", "RU", "US", "IR"]), max_size=2),
)
def test_entity_storage_round_trip(
    tmp_path_factory: pytest.TempPathFactory, name: str, aliases: list[str], countries: list[str]
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('rt') / 's.sqlite'}"
    store = open_store(url)
    e = make(name, "k", aliases=[Name(a) for a in aliases], countries=countries)
    info, _ = store.write_snapshot("rt", [e], data_date=None, file_hash="h", format="x")
    assert store.entities(info.id) == [e]
    store.close()
