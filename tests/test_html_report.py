"""`vmscreen report`: the page a reviewer opens, checked in a real headless Chromium (Debian's
chromium and chromium-driver, driven by Selenium): it loads without console errors and
without fetching anything, its filters work, and no thumbnail shows a found region."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
from html import escape
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from vmscreen.cli import main
from vmscreen.engine.registry import catalogue
from vmscreen.html_report import read_results
from vmscreen.report import jsonl_line

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "media"
FILES = ("portrait.jpg", "card-on-table.jpg", "clean-landscape.jpg", "truncated-upload.jpg",
         "song-with-cover.mp3")
HOSTILE_NAME = 'x"><img src=x onerror=alert(1)>.jpg'  # a name that would be markup


@pytest.fixture(scope="module")
def made(tmp_path_factory, screener):
    """A scan's results of sample files (one with a hostile name) and the report made from them,
    in the folder the scan ran in (report paths are read as the scan wrote them)."""
    folder = tmp_path_factory.mktemp("report")
    for name in FILES:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / "clean-landscape.jpg", folder / HOSTILE_NAME)
    lines = [jsonl_line(screener.screen(folder / name, name=name))
             for name in (*FILES, HOSTILE_NAME)]
    results = folder / "results.jsonl"
    results.write_text("".join(lines) + '{"torn": \n', encoding="utf-8")
    before = results.read_bytes()
    here = Path.cwd()
    os.chdir(folder)  # as an operator runs it: in the folder the scan ran in
    try:
        answer = CliRunner().invoke(main, ["report", "results.jsonl", "--html", "report.html"])
    finally:
        os.chdir(here)
    assert results.read_bytes() == before  # only read
    return {"exit": answer.exit_code, "stderr": answer.output, "page": folder / "report.html",
            "results": read_results(results).results}


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def test_the_command_writes_one_page_and_says_what_it_skipped(made):
    assert made["exit"] == 0
    assert "6 files, 4 thumbnails, 1 unreadable lines skipped" in made["stderr"]
    text = made["page"].read_text()
    assert "<img src=x" not in text and "&lt;img src=x" in text  # the name is escaped
    # Each reason with what its code means and why it matters.
    pan = catalogue()["PAN101"]
    assert escape(pan.summary) in text and escape(pan.explanation) in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text


def test_the_page_is_never_written_over_the_results_or_a_file_they_name(made):
    folder = made["page"].parent
    before = {name: (folder / name).read_bytes() for name in ("portrait.jpg", "results.jsonl")}
    here = Path.cwd()
    os.chdir(folder)
    try:
        answers = {name: CliRunner().invoke(main, ["report", "results.jsonl", "--html", name])
                   for name in before}
    finally:
        os.chdir(here)
    for name, answer in answers.items():
        assert answer.exit_code == 2 and "--html would write over" in answer.output
        assert (folder / name).read_bytes() == before[name]


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path, screener):
    # Linux names are bytes; Python carries the undecodable ones as lone surrogates, which
    # UTF-8 cannot write: the page was left empty by a UnicodeEncodeError.
    raw = b"caf\xe9.jpg"  # Latin-1, as old cameras and zip files write it
    shutil.copy(SAMPLES / "clean-landscape.jpg", os.path.join(os.fsencode(tmp_path), raw))
    name = os.fsdecode(raw)
    result = screener.screen(tmp_path / name, name=name)
    (tmp_path / "results.jsonl").write_text(jsonl_line(result), encoding="utf-8")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        answer = CliRunner().invoke(main, ["report", "results.jsonl", "--html", "report.html"])
    finally:
        os.chdir(here)
    assert answer.exit_code == 0, answer.output
    assert "1 files, 1 thumbnails" in answer.output
    text = (tmp_path / "report.html").read_bytes().decode("utf-8")  # strict: all UTF-8
    assert '<td class="path">caf\\xe9.jpg</td>' in text


def test_the_page_loads_without_errors_or_fetches(made, browser):
    browser.get(made["page"].as_uri())
    assert browser.find_element(By.ID, "summary").text == "2 accept, 2 review, 2 reject"
    assert browser.find_elements(By.CSS_SELECTOR, "svg rect")  # the chart
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []
    requests = [json.loads(entry["message"])["message"] for entry in browser.get_log(
        "performance")]
    fetched = {m["params"]["request"]["url"].split(":", 1)[0] for m in requests
               if m["method"] == "Network.requestWillBeSent"}
    assert fetched <= {"file", "data"}


def _visible(browser) -> list[tuple[str, str]]:
    return [(row.get_attribute("data-decision"),
             row.find_element(By.CSS_SELECTOR, ".path").text)
            for row in browser.find_elements(By.CSS_SELECTOR, "tr.file") if row.is_displayed()]


def test_the_filters_show_only_what_they_select(made, browser):
    browser.get(made["page"].as_uri())
    assert len(_visible(browser)) == 6
    Select(browser.find_element(By.ID, "filter-decision")).select_by_value("reject")
    assert sorted(path for _, path in _visible(browser)) == ["card-on-table.jpg",
                                                             "portrait.jpg"]
    assert browser.find_element(By.ID, "shown").text == "2"
    Select(browser.find_element(By.ID, "filter-decision")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-code")).select_by_value("UNS001")
    assert _visible(browser) == [("review", "truncated-upload.jpg")]
    Select(browser.find_element(By.ID, "filter-code")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-category")).select_by_value("other-people")
    assert [path for _, path in _visible(browser)] == ["portrait.jpg"]


def test_no_thumbnail_shows_a_found_region(made, browser):
    browser.get(made["page"].as_uri())
    by_path = {r.path: r for r in made["results"]}
    thumbnails = {}
    for row in browser.find_elements(By.CSS_SELECTOR, "tr.file"):
        path = row.find_element(By.CSS_SELECTOR, ".path").text
        images = row.find_elements(By.CSS_SELECTOR, "img.thumb")
        if images:
            data = images[0].get_attribute("src").split(",", 1)[1]
            thumbnails[path] = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    # The unscreened file and the audio file have none; the landscapes and the two flagged
    # photos have theirs.
    assert set(thumbnails) == {"portrait.jpg", "card-on-table.jpg", "clean-landscape.jpg",
                               HOSTILE_NAME}
    for path, thumbnail in thumbnails.items():
        result = by_path[path]
        with Image.open(SAMPLES / (path if path != HOSTILE_NAME else "clean-landscape.jpg")) \
                as original:
            plain = np.asarray(original.convert("L").resize(thumbnail.size), np.float32)
        shown = np.asarray(thumbnail, np.float32)
        scale = thumbnail.size[0] / result.media.width
        for finding in result.findings:
            if finding.box is None:
                continue
            x0, y0, x1, y1 = (round(v * scale) for v in finding.box.to_list())
            inside, before = shown[y0 + 1:y1 - 1, x0 + 1:x1 - 1], plain[y0 + 1:y1 - 1,
                                                                       x0 + 1:x1 - 1]
            if finding.code in ("FAC101", "FAC102"):  # blurred: its detail is gone
                edges = np.abs(np.diff(inside, axis=1)).mean()
                assert edges < 0.35 * np.abs(np.diff(before, axis=1)).mean(), path
            else:  # filled
                assert inside.mean() < 12, (path, finding.code)
        if not any(f.box for f in result.findings):
            assert np.abs(shown - plain).mean() < 6  # nothing to cover: the picture itself
