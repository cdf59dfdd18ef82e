"""A small in-memory list of entities for the matcher's tests."""

from __future__ import annotations

import pytest

from tradecheck.entity import Entity, EntityType, Identifier, Name
from tradecheck.match.index import Index
from tradecheck.screening import build_index


def make(
    eid: str,
    name: str,
    *aliases: str,
    source: str = "EL",
    type: EntityType = EntityType.ORGANIZATION,
    countries: tuple[str, ...] = (),
    ids: tuple[tuple[str, str], ...] = (),
) -> Entity:
    """One test entity."""
    return Entity(
        id=eid,
        source=source,
        type=type,
        name=name,
        aliases=[Name(a) for a in aliases],
        countries=list(countries),
        identifiers=[Identifier(t, v) for t, v in ids],
    )


P = EntityType.PERSON

ENTITIES = [
    make("el-huawei", "HUAWEI TECHNOLOGIES CO., LTD.", "Huawei", countries=("CN",)),
    make(
        "el-higon",
        "Higon",
        "Higon Information Technology",
        "Haiguang Xinxi Jishu Youxian Gongsi",
        countries=("CN",),
    ),
    make(
        "el-smic",
        "Semiconductor Manufacturing International Corporation (SMIC)",
        "Semiconductor Mfg International Corp.",
        countries=("CN",),
    ),
    make(
        "el-hik",
        "Hangzhou Hikvision Digital Technology Co., Ltd.",
        "Hikvision",
        countries=("CN",),
    ),
    make(
        "sdn-putin",
        "PUTIN, Vladimir Vladimirovich",
        source="SDN",
        type=P,
        countries=("RU",),
        ids=(("Passport", "AB 123456"),),
    ),
    make("sdn-gazprom", "Gazprom Telekom, OOO", "GAZPROM TELECOM", source="SSI", countries=("RU",)),
    make("un-kim", "KIM JONG UN", source="UN", type=P, countries=("KP",)),
    make("un-salek", "ABDULHAI SALEK", "Abdul Hai Salek", source="UN", type=P),
    make("sdn-xi", "XI, Jinping", source="SDN", type=P, countries=("CN",)),
    make("el-cetc13", "China Electronics Technology Group Corporation 13th Research Institute"),
    make("el-cetc14", "China Electronics Technology Group Corporation 14th Research Institute"),
    make(
        "cn-lm",
        "Lockheed Martin Corporation",
        "洛克希德·马丁公司",
        source="CN-UEL",
        countries=("US",),
    ),
    make("sdn-bank", "Bank Melli Iran", source="SDN", countries=("IR",)),
]


@pytest.fixture(scope="session")
def index() -> Index:
    """An index over :data:`ENTITIES`."""
    return build_index(ENTITIES)
