#!/usr/bin/python3
# journey_chief.py: the station chief produces the quarterly press briefing as a PDF
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 4 of issue 13.  On a fresh demo station the chief opens the
Reports view, chooses the quarterly press briefing, reads what the public
document leaves out, writes a key message, and exports the briefing as a
PDF through the file chooser.

The PDF is then read with pdftotext and checked against the station file,
read directly: every category's count of public incidents in the quarter
(computed here from the incident table in the station's time zone, not
asked of Beatbook) is in its row, the total is right, the key message is
there, and not one restricted incident's description nor any incident's
address appears."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

import bbdrive
from bbdrive import JourneyError

MESSAGE = "Burglaries fell after the new street lights on the river path"
MONTHS = {"January–March": 1, "April–June": 4, "July–September": 7, "October–December": 10}


def quarter_of(text):
    """(year, first month) from the title “July–September 2026 (quarter 3)”."""
    m = re.search(r"(January–March|April–June|July–September|October–December) (\d{4})", text)
    if not m:
        raise JourneyError(f"the briefing names no quarter: {text[:300]!r}")
    return int(m.group(2)), MONTHS[m.group(1)]


def public_counts(db, tz, year, month):
    """{top-level category name: public incidents in the quarter}, and the
    total, counted from the store as the briefing should."""
    start = int(datetime(year, month, 1, tzinfo=tz).timestamp())
    end_month, end_year = (month + 3, year) if month < 10 else (1, year + 1)
    end = int(datetime(end_year, end_month, 1, tzinfo=tz).timestamp())
    counts = {}
    for cat_id, name in db.execute("SELECT id, name FROM category WHERE parent_id IS NULL"):
        n = db.execute("SELECT count(*) FROM incident i JOIN category c ON c.id = i.category_id"
                       " WHERE (c.id = ? OR c.parent_id = ?) AND i.restricted = 0"
                       " AND i.occurred_start >= ? AND i.occurred_start < ?",
                       (cat_id, cat_id, start, end)).fetchone()[0]
        counts[name] = n
    total = db.execute("SELECT count(*) FROM incident WHERE restricted = 0 AND occurred_start >= ?"
                       " AND occurred_start < ?", (start, end)).fetchone()[0]
    return counts, total, (start, end)


def table_row(layout_page, name):
    """The line of the first page's table that starts with (the first words
    of) a category's name: long names wrap in their cell."""
    words = name.split()
    for n in range(len(words), 0, -1):
        start = " ".join(words[:n])
        for line in layout_page.splitlines():
            if line.strip().startswith(start):
                return line
    return None


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-chief-")
    print(f"station home: {home}")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "HOME": home}
    station = os.path.join(home, "data", "beatbook", "demo.beatbook")
    pdf = os.path.join(home, "briefing.pdf")
    bb = bbdrive.Beatbook("chief", ["--demo"], env=env)
    try:
        bb.start()
        window = bb.window
        bb.find("page tab", "Map", timeout=90, within=window)
        bb.screenshot("station-open")

        # The Reports view, by its tab.
        tab = bb.find("page tab", "Reports", within=window)
        bb.activate(tab)
        bb.wait_for(lambda: tab.getState().contains(bbdrive.pyatspi.STATE_SELECTED)
                    or tab.getState().contains(bbdrive.pyatspi.STATE_CHECKED),
                    "the Reports tab to be selected", timeout=10)
        view = bb.find("filler", "BbReportsView", within=window, timeout=10)
        gallery = bb.find("list", "Documents", within=view, timeout=30)
        bb.screenshot("gallery")

        # The briefing: its row's button opens the form beside the preview.
        bb.activate(bb.find("push button", "Open Quarterly Press Briefing", within=gallery, timeout=10))
        messages = bb.find("text", "Key Messages", within=view, timeout=15)
        try:
            bb.set_text(messages, MESSAGE)
            typed = True
        except JourneyError as e:
            print(f"the key messages could not be typed through the accessibility tree: {e}")
            typed = False

        # The preview is built; the chief reads what the document leaves out.
        bb.wait_for(lambda: any(re.fullmatch(r"Page 1 of \d+", t) for t in bb.labels(view)),
                    lambda: f"the preview's first page (the view shows {bb.labels(view)})", timeout=60)
        withheld = bb.wait_for(lambda: [t for t in bb.labels(view) if "restricted incident" in t],
                               lambda: f"the summary of what is left out (the view shows {bb.labels(view)})",
                               timeout=30)
        print(f"withheld: {withheld}")
        bb.wait_for(lambda: bb.find_all("push button", "Print…", within=view)
                    and bb.find_all("push button", "Print…", within=view)[0].getState().contains(bbdrive.pyatspi.STATE_SENSITIVE),
                    "Print… to be enabled once the preview is built", timeout=30)
        bb.screenshot("preview")

        # Export → PDF, through the file chooser.
        bb.activate(bb.find("push button", "Export", within=view))
        bb.activate(bb.find("menu item", "Export as PDF…", timeout=10))
        chooser = bb.top_level("Export as PDF", timeout=20)
        bb.screenshot("file-chooser")
        name = bb.find("text", None, within=chooser, timeout=10)
        bb.set_text(name, pdf)
        bb.activate(bb.find("push button", "Export", within=chooser))
        bb.wait_gone(chooser, "the file chooser to close", timeout=20)
        bb.wait_for(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 10000,
                    f"the briefing to be written to {pdf}", timeout=60)
        bb.wait_for(lambda: any(t.startswith("Saved to") for t in bb.labels(view)),
                    lambda: f"the view to say where it saved the briefing (it shows {bb.labels(view)})", timeout=20)
        bb.screenshot("exported")
    finally:
        bb.quit()

    # The PDF against the store.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", "-enc", "UTF-8", pdf, "-"],
                                capture_output=True, text=True, check=True).stdout
    db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
    zone = db.execute("SELECT timezone FROM station").fetchone()[0] or "UTC"
    year, month = quarter_of(flat)
    counts, total, (start, end) = public_counts(db, ZoneInfo(zone), year, month)
    print(f"quarter {year}-{month:02d}: {total} public incidents")
    if "Quarterly press briefing" not in flat:
        raise JourneyError("the PDF is not the quarterly press briefing")
    for name, n in counts.items():
        if n == 0:
            continue
        line = table_row(first_page, name)
        if line is None:
            raise JourneyError(f"the briefing has no row for “{name}” ({n} public incidents)")
        shown = f"{n:,}" if n >= 3 else "< 3"   # grouped as the document's English does
        if f" {shown} " not in f" {line} ":
            raise JourneyError(f"the row of “{name}” does not show the store's {shown}: {line.strip()!r}")
    total_line = table_row(first_page, "All incidents")
    if total_line is None or f" {total:,} " not in f" {total_line} ":
        raise JourneyError(f"the total row does not show the store's {total}: {total_line!r}")
    if typed and MESSAGE not in flat:
        raise JourneyError("the key message typed is not in the briefing")

    # Nothing restricted, no address.
    restricted = db.execute("SELECT description FROM incident WHERE restricted = 1 AND description <> ''"
                            " AND occurred_start >= ? AND occurred_start < ?", (start, end)).fetchall()
    if not restricted:
        raise JourneyError("the demo quarter holds no restricted incident: the check would prove nothing")
    for (description,) in restricted:
        if len(description) > 12 and description in flat:
            raise JourneyError(f"the briefing prints a restricted incident: {description!r}")
    for (address,) in db.execute("SELECT DISTINCT address FROM incident WHERE address <> ''"
                                 " AND occurred_start >= ? AND occurred_start < ?", (start, end)):
        if address in flat:
            raise JourneyError(f"the briefing prints an incident's address: {address!r}")
    db.close()
    if not os.environ.get("BB_E2E_KEEP"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
