"""Cut the US test samples from the real list files (run by hand; not a test).

Usage: python tests/lists/samples/us/make_samples.py /path/to/shared/data/lists

Every sample is lines or entries copied verbatim from a real publication; only
the compact CSL JSON's ``tables`` are re-indexed to the values the kept entries use.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).parent

# CSL entries kept: Chinese firms on several lists, SDN entries whose aliases
# or addresses the SDN files add, one entry of every source, the mis-encoded name.
CSL_PATTERNS = [
    r"^BANK OF KUNLUN",
    r"^China Telecom Corporation Limited$",
    r"^Semiconductor Manufacturing International",
    r"^Huawei Technologies Co., Ltd. \(Huawei\)",
    r"^Hangzhou Hikvision Digital Technology",
    r"^Megvii Technology",
    r"^VTB BANK PUBLIC JOINT STOCK COMPANY$",
    r"^BANCO NACIONAL DE CUBA$",
    r"^GAZPROMBANK JOINT STOCK COMPANY$",
    r"^WEI, Hsueh Kang$",
    r"^CARDENAS GUILLEN, Osiel$",
    r"^BEIJING ALITE TECHNOLOGIES",
    r"^LIMMT ECONOMIC AND TRADE",
    r"^Main Intelligence Directorate$",
    r"^GATEWICK LLC$",
    r"^Murat B",
    r"^TERIBERKA$",
]
SDN_EXTRA_ENTS = {"306", "17016", "6714", "6857", "9749", "9750", "36"}
SDN_2021_ENTS = {"36", "173", "306", "9749", "9750", "9753", "11292", "11300", "32391", "17016"}
CONS_ENTS = {"9639", "9641", "17013", "17016", "30882", "30951", "15268", "50476", "34736", "9642"}
XML_ENTS = {"9639", "9641", "17013", "30882", "30951", "15268", "33091", "26182", "50476"}
DPL_NAMES = {"ZIMO SHENG", "ABDULAH AL NASSER", "I. ASH", "AARON ABRAHAM VILLA"}


def csl_json(src: Path) -> None:
    doc = json.loads((src / "us_csl/csl_compact_2026-07-31.json").read_text("utf-8"))
    keep = [e for e in doc["entries"] if any(re.search(p, e["n"]) for p in CSL_PATTERNS)]
    tables: dict[str, list[str]] = {k: [] for k in doc["tables"]}
    keys = {
        "s": "sources",
        "lr": "licenceRequirements",
        "lp": "licencePolicies",
        "pg": "programmes",
        "u": "urls",
    }
    out = []
    for e in keep:
        e = dict(e)
        for k, t in keys.items():
            if k in e:
                v = doc["tables"][t][e[k]]
                if v not in tables[t]:
                    tables[t].append(v)
                e[k] = tables[t].index(v)
        out.append(e)
    sample = {k: doc[k] for k in ("$comment", "citation", "source", "sourceGeneratedAt")}
    sample.update(entryCount=len(out), tables=tables, entries=out)
    (OUT / "csl_compact_sample.json").write_text(
        json.dumps(sample, ensure_ascii=False, indent=1), "utf-8"
    )


def csl_csv(src: Path) -> None:
    lines = (src / "us_csl/csl_subset_2023-11-30.csv").read_text("utf-8").splitlines(True)
    firms = (
        r'^"[^"]*","[^"]*","[^"]*","[^"]*","[^"]*","(Huawei Technologies Co|Semiconductor Manuf)'
    )
    rows = [ln for ln in lines[14:] if re.search(firms, ln)][:8]
    rows += [ln for ln in lines[14:900] if ', CN"' in ln and ln not in rows][:6]
    (OUT / "csl_subset_2023_sample.csv").write_text("".join(lines[:14] + rows), "utf-8")
    with gzip.open(
        src / "us_csl/csl_full_2022-05-16.csv.gz", "rt", encoding="utf-8", newline=""
    ) as fh:
        text = fh.read()
    recs = list(csv.reader(io.StringIO(text, newline="")))
    pick = [
        recs[0],
        *[
            r
            for r in recs[1:]
            if re.search(
                r"^(Huawei Technologies Co., Ltd.|Semiconductor Manufacturing International|"
                r"BANCO NACIONAL DE CUBA|VTB BANK PUBLIC)",
                r[5],
            )
        ][:12],
        *recs[1:15],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(pick)
    with gzip.open(OUT / "csl_full_2022_sample.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(buf.getvalue())
    (OUT / "csl_format_sample_2025.csv").write_bytes(
        (src / "us_csl/csl_format_sample_2025.csv").read_bytes()
    )


def ofac_set(folder: Path, names: list[str], ents: set[str], dest: Path, gz: set[str]) -> None:
    dest.mkdir(exist_ok=True)
    for name in names:
        raw = (folder / f"{name}.csv").read_bytes()
        keep = [
            ln for ln in raw.split(b"\r\n") if ln.split(b",", 1)[0] in {e.encode() for e in ents}
        ]
        data = b"\r\n".join(keep) + b"\r\n\x1a"
        if name in gz:
            (dest / f"{name}.csv.gz").write_bytes(gzip.compress(data, 9, mtime=0))
        else:
            (dest / f"{name}.csv").write_bytes(data)


def enhanced_xml(src: Path) -> None:
    with zipfile.ZipFile(src / "us_ofac/CONS_ENHANCED_2025-01-14.ZIP") as zf:
        text = zf.read("CONS_ENHANCED.XML").decode("utf-8")
    head, rest = text.split("<entities>", 1)
    body = re.findall(r"    <entity id=\"(\d+)\">.*?</entity>\n", rest, re.S)
    spans = [
        m
        for m in re.finditer(r"    <entity id=\"(\d+)\">.*?</entity>\n", rest, re.S)
        if m[1] in XML_ENTS
    ]
    assert len(body) == 443
    xml = head + "<entities>\n" + "".join(m[0] for m in spans) + "  </entities>\n</sanctionsData>\n"

    with zipfile.ZipFile(OUT / "cons_enhanced_sample.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("CONS_ENHANCED.XML", xml)


def dpl(src: Path) -> None:
    lines = (src / "us_bis/dpl_2023-11-30.txt").read_text("utf-8").splitlines(True)
    keep = [
        ln
        for ln in lines[1:]
        if ln.split("\t", 1)[0].strip('"') in DPL_NAMES
        or "3033-" in ln
        or '"PRC"' in ln
        or '"NM"' in ln
    ]
    (OUT / "dpl_sample.txt").write_text("".join(lines[:1] + lines[1:20] + keep), "utf-8")


def main(src: Path) -> None:
    csl_json(src)
    csl_csv(src)
    ofac = src / "us_ofac"
    ofac_set(
        ofac / "sdn_partial_2025-12-24_no_sdn_csv",
        ["alt", "add", "sdn_comments"],
        SDN_EXTRA_ENTS,
        OUT / "sdn_extras_2025-12-24",
        gz={"add"},
    )
    ofac_set(
        ofac / "sdn_2021-07-07",
        ["sdn", "add", "alt", "sdn_comments"],
        SDN_2021_ENTS,
        OUT / "sdn_2021-07-07",
        gz=set(),
    )
    ofac_set(
        ofac / "consolidated_non_sdn_2025-12-19",
        ["cons_prim", "cons_add", "cons_alt", "cons_comments"],
        CONS_ENTS,
        OUT / "cons_2025-12-19",
        gz={"cons_prim", "cons_alt"},
    )
    enhanced_xml(src)
    dpl(src)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
