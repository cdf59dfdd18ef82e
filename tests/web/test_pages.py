"""End to end in headless Chromium: sign-in, screen, check, classify, invest, batch, lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.web.conftest import Live

ROOT = Path(__file__).resolve().parents[2]
DISCLAIMER = "decision support, not legal advice"


def _disclaimer(page: Any) -> None:
    assert DISCLAIMER in page.inner_text("#disclaimer")


def test_sign_in_is_required(browser_context: Any, live: Live) -> None:
    pg = browser_context.new_page()
    browser_context.clear_cookies()
    pg.goto(live.base + "/check")
    assert "/login" in pg.url
    pg.fill("#key", "tc_knothing00_wrong")
    pg.click("#signin")
    assert "invalid API key" in pg.inner_text("#error")
    _disclaimer(pg)
    pg.close()


def test_screen_a_party(page: Any, live: Live) -> None:
    _disclaimer(page)
    page.fill("#name", "Huawei Technologies")
    page.fill("#country", "CN")
    page.click("#submit")
    page.wait_for_selector("#result")
    rows = page.locator("tr.match")
    assert rows.count() >= 1
    assert rows.first.locator(".listed-name").inner_text() == "Huawei Technologies Co., Ltd."
    assert "explanation" in rows.first.locator(".explain").inner_text()
    _disclaimer(page)
    page.click("#audit-link")
    assert "Audit record" in page.inner_text("h1")
    assert '"Huawei Technologies"' in page.inner_text("main")


def test_screen_rejects_bad_input(page: Any) -> None:
    page.fill("#name", "Acme")
    page.fill("#country", "9X")
    page.click("#submit")
    assert "country" in page.inner_text("#error")


def test_check_a_shipment(page: Any, live: Live) -> None:
    case = json.loads((ROOT / "examples/cases/h100_china_2022.json").read_text(encoding="utf-8"))
    case.pop("expect", None)
    page.goto(live.base + "/check")
    _disclaimer(page)
    assert '"destination"' in page.input_value("#case")  # the form starts from an example
    page.fill("#case", json.dumps(case))
    page.click("#submit")
    page.wait_for_selector("#result")
    assert page.inner_text("#outcome") == "license-required"
    assert page.locator("tr.finding").count() >= 1
    _disclaimer(page)


def test_check_reports_bad_json(page: Any, live: Live) -> None:
    page.goto(live.base + "/check")
    page.fill("#case", "{not json")
    page.click("#submit")
    assert "not valid JSON" in page.inner_text("#error")


def test_classify_a_chip(page: Any, live: Live) -> None:
    page.goto(live.base + "/classify")
    page.fill("#model", "H100 SXM5")
    page.fill("#as_of", "2024-01-01")
    page.click("#submit")
    assert page.inner_text("#classification") == "3A090.a"
    _disclaimer(page)


def test_check_an_investment(page: Any, live: Live) -> None:
    page.goto(live.base + "/invest")
    page.click("#submit")  # the example deal the form starts from
    page.wait_for_selector("#result")
    assert page.inner_text("#outcome") == "prohibited"
    _disclaimer(page)


def test_batch_upload(page: Any, live: Live, tmp_path: Path) -> None:
    names = ["Huawei Technologies Co Ltd", "Acme Widgets Inc", "SMIC", "Mahan Air"]
    lines = ["id,name"] + [f"{i},{names[i % 4]}" for i in range(1, 301)]
    csv = tmp_path / "parties.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page.goto(live.base + "/batch")
    _disclaimer(page)
    page.set_input_files("#file", str(csv))
    page.click("#submit")
    page.wait_for_selector("#progress")
    assert page.get_attribute("#progress", "max") == "300"
    page.wait_for_function(
        "document.querySelector('#job-status') && "
        "document.querySelector('#job-status').textContent === 'done'",
        timeout=60_000,
    )
    assert page.get_attribute("#progress", "value") == "300"
    with page.expect_download() as info:
        page.click("#download")
    path = info.value.path()
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [str(i) for i in range(1, 301)]
    assert rows[0]["matches"] == []  # Acme Widgets Inc
    assert rows[1]["matches"][0]["matched_name"] == "SMIC"
    assert rows[2]["matches"][0]["source"] == "SDN"  # Mahan Air
    assert rows[3]["matches"][0]["name"] == "Huawei Technologies Co., Ltd."


def test_lists_and_audit_pages(page: Any, live: Live) -> None:
    # A screen of its own to find: tests run on two workers, each with its own server.
    page.fill("#name", "Huawei Technologies")
    page.click("#submit")
    page.wait_for_selector("#result")
    page.goto(live.base + "/lists")
    _disclaimer(page)
    assert "us-csl" in page.inner_text("table.lists")
    page.goto(live.base + "/audit?action=screen")
    _disclaimer(page)
    actions = {t.strip() for t in page.locator("tr.record td:nth-child(3)").all_inner_texts()}
    assert actions <= {"screen"}
    page.fill("#contains", "Huawei")
    # The filter is a form sent by GET: wait for the page it loads before counting.
    with page.expect_navigation():
        page.click("#filter")
    assert "contains=Huawei" in page.url
    page.locator("tr.record").first.wait_for()
    assert page.locator("tr.record").count() >= 1


def test_screen_with_address_and_identifier(page: Any) -> None:
    page.fill("#name", "Huawei Technologies")
    page.fill("#address", "Shenzhen, China")
    page.fill("#identifier", "91440300192203821F")
    page.click("#submit")
    page.wait_for_selector("#result")
    why = page.locator("tr.match").first.locator(".explain").inner_text()
    assert "address given; the listing gives none" in why
    assert "identifier given; the listing gives none" in why
    assert page.input_value("#address") == "Shenzhen, China"  # the form keeps what was asked
