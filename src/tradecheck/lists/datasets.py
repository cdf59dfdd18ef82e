"""The datasets tradecheck knows: what each is, where its bundled snapshot lies, how to load it.

A dataset is the unit of a snapshot (``us-csl``, ``un-sc`` …); the entities in it
carry their own list codes (``EL``, ``SDN`` …). The bundled default snapshot
works offline; ``tradecheck lists update DATASET --from FILE|URL`` loads a newer one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tradecheck.errors import InputError
from tradecheck.lists.base import ParseResult

BundleLoader = Callable[[list[Path]], ParseResult]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A list dataset: id, title, accepted formats, bundled files and the publisher's URL."""

    id: str
    title: str
    formats: tuple[str, ...]
    url: str | None = None
    #: Bundled files, relative to ``tradecheck/data/``; empty when nothing is bundled.
    bundled: tuple[str, ...] = ()
    #: ``module:function`` taking the bundled paths, for bundles of more than one file.
    bundle_loader: str | None = None
    source_note: str = ""

    def bundled_paths(self) -> list[Path]:
        """Absolute paths of the bundled files."""
        root = Path(str(resources.files("tradecheck") / "data"))
        return [root / rel for rel in self.bundled]

    def load_bundled(self) -> ParseResult:
        """Parse the bundled snapshot of this dataset."""
        if not self.bundled:
            raise InputError(f"dataset {self.id} has no bundled snapshot; use --from FILE|URL")
        paths = self.bundled_paths()
        if self.bundle_loader:
            module, func = self.bundle_loader.split(":")
            loader: BundleLoader = getattr(importlib.import_module(module), func)
            return loader(paths)
        from tradecheck.lists.formats import get_parser

        return get_parser(self.formats[0])(paths[0])


DATASETS: dict[str, Dataset] = {
    d.id: d
    for d in [
        Dataset(
            "us-csl",
            "US Consolidated Screening List (Commerce, State, Treasury)",
            ("csl-json", "csl-csv"),
            url="https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json",
            bundled=("lists/us/csl_compact_2026-07-31.json.gz", "lists/us/sdn_2025-12-24"),
            bundle_loader="tradecheck.lists.csl:load_csl_bundle",
            source_note="CSL of 2026-07-31 with the SDN aliases and addresses of 2025-12-24 "
            "joined in by entity number",
        ),
        Dataset(
            "us-ofac-sdn",
            "US OFAC SDN list",
            ("ofac-csv", "ofac-xml"),
            url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ENHANCED.ZIP",
            source_note="not bundled: the SDN entries come with the CSL",
        ),
        Dataset(
            "us-ofac-cons",
            "US OFAC consolidated non-SDN lists (SSI, PLC, CMIC, NS-MBS …)",
            ("ofac-csv", "ofac-xml"),
            url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ENHANCED.ZIP",
            bundled=("lists/us/ofac_cons_2025-12-19",),
        ),
        Dataset(
            "us-bis-dpl",
            "US BIS Denied Persons List",
            ("bis-dpl",),
            url="https://www.bis.doc.gov/dpl/dpl.txt",
            bundled=("lists/us/dpl_2023-11-30.txt",),
        ),
        Dataset(
            "un-sc",
            "UN Security Council consolidated list",
            ("un-xml",),
            url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            bundled=("lists/un/un_consolidated_2026-02-27.xml.gz",),
        ),
        Dataset(
            "cn-ctrl",
            "China MOFCOM export-control control list (管控名单)",
            ("cn-list",),
            bundled=("lists/cn/mofcom_control_list.csv",),
        ),
        Dataset(
            "cn-watch",
            "China MOFCOM export-control watch list (关注名单)",
            ("cn-list",),
            bundled=("lists/cn/mofcom_watch_list.csv",),
        ),
        Dataset(
            "cn-uel",
            "China MOFCOM Unreliable Entity List (不可靠实体清单)",
            ("cn-list",),
            bundled=("lists/cn/unreliable_entity_list.csv",),
        ),
        Dataset(
            "eu-fsf",
            "EU consolidated financial sanctions list",
            ("eu-xml",),
            url="https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content",
            source_note="not bundled (no copy available offline)",
        ),
        Dataset(
            "uk-sanctions",
            "UK sanctions list",
            ("uk-csv",),
            source_note="not bundled (no copy available offline)",
        ),
        Dataset(
            "opensanctions",
            "An OpenSanctions dataset in FollowTheMoney JSON lines",
            ("ftm-json",),
        ),
        Dataset("custom", "A user's own list (CSV)", ("user-csv",)),
    ]
}


def get_dataset(dataset_id: str) -> Dataset:
    """Look up a dataset; a clear error lists the known ones."""
    try:
        return DATASETS[dataset_id]
    except KeyError:
        raise InputError(
            f"unknown list source {dataset_id!r}; known: {', '.join(DATASETS)}"
        ) from None


def bundled_datasets() -> list[Dataset]:
    """The datasets that ship a default snapshot."""
    return [d for d in DATASETS.values() if d.bundled]
