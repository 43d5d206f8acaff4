#!/usr/bin/python3
# journey_headquarters.py: a station and headquarters exchange bundles through a synchronised folder
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 5 of issue 13.  North Station and Regional Headquarters each
hold incidents of their own.  Their exchange folders are set as a
synchronising tool would carry them: North's outbox is headquarters' inbox
and the other way round.

North writes everything to its outbox through Export Changes….  Headquarters
opens, is told of the new bundle in its inbox, looks at what it holds,
imports it, sees both stations' incidents on its Incidents page (and can
show North's alone), and answers North with Export Changes….  North opens,
imports the answer and shows the merged incidents too.

The station files are then read directly: both hold the same incidents,
each with the station that recorded it, the exchange remembers both
bundles, and no conflict was found."""

import os
import re
import sqlite3
import subprocess
import tempfile
import time

import bbdrive
from bbdrive import JourneyError

MAKE_STATION = os.environ.get("BB_E2E_MAKE_STATION", "make-station")
NORTH, HQ = "North Station", "Regional Headquarters"
N_NORTH, N_HQ = 40, 25


def counts(labels):
    """(shown, held) from the incidents page's count."""
    for text in labels:
        m = re.fullmatch(r"([\d,.\u00a0\u202f]+)(?: of ([\d,.\u00a0\u202f]+))? incidents?", text)
        if m:
            shown = int(re.sub(r"\D", "", m.group(1)))
            held = int(re.sub(r"\D", "", m.group(2))) if m.group(2) else shown
            return shown, held
    return None


def menu(bb, window, item):
    """Chooses @item in the window's main menu, opened with F10 as a
    keyboard user does; the item is looked for in the open menu alone."""
    popover = bb.main_menu(window)
    entry = bb.wait_for(lambda: next(iter(bb.find_all("menu item", item, within=popover)), None),
                        lambda: f"the menu item “{item}” (the menu offers "
                                f"{[n.name for n in bb.find_all('menu item', within=popover)]})", timeout=10)
    bb.activate(entry)


def wait_text(bb, within, pattern, what, timeout=60):
    """The first label under @within matching @pattern (a regular expression)."""
    def found():
        for text in bb.labels(within):
            m = re.search(pattern, text)
            if m:
                return m
        return None
    return bb.wait_for(found, lambda: f"{what} (the window shows {bb.labels(within)})", timeout)


def export_changes(bb, window, for_whom):
    menu(bb, window, "Export Changes…")
    dialog = bb.top_level("Export Changes")
    station = bb.find("combo box", "Station", within=dialog)
    bb.wait_for(lambda: for_whom in bb.labels(station),
                lambda: f"the bundle to be for “{for_whom}” (the row shows {bb.labels(station)})", timeout=10)
    bb.screenshot("export-options")
    bb.activate(bb.find("push button", "Export", within=dialog))
    wait_text(bb, dialog, r"^Bundle Written$", "the bundle to be written")
    summary = wait_text(bb, dialog, r"records and [\d,.]+ deletions for", "what the bundle holds")
    bb.screenshot("export-done")
    bb.activate(bb.find("push button", "Close", within=dialog))
    bb.wait_gone(dialog, "the export dialog to close")
    return summary.string


def import_from_inbox(bb, window, sender, expect_added):
    # Beatbook looked in the inbox when the station opened.
    wait_text(bb, window, r"^1 new bundle in the inbox$", "the window to tell of the new bundle")
    bb.screenshot("inbox-told")
    menu(bb, window, "Check the Inbox")
    dialog = bb.top_level("Import Bundle")
    wait_text(bb, dialog, f"^From {re.escape(sender)}$", f"the bundle from {sender}")
    adds = wait_text(bb, dialog, r"^Adds (\d+), changes (\d+), deletes (\d+) records here$",
                     "what the bundle would change")
    if int(adds.group(1)) != expect_added or adds.group(2) != "0" or adds.group(3) != "0":
        raise JourneyError(f"the bundle from {sender} would do “{adds.string}”; {expect_added} new records expected")
    bb.screenshot("import-preview")
    bb.activate(bb.find("push button", "Import", within=dialog))
    wait_text(bb, dialog, r"^Bundle Imported$", "the bundle to be imported", timeout=120)
    bb.screenshot("import-done")
    bb.activate(bb.find("push button", "Close", within=dialog))
    bb.wait_gone(dialog, "the import dialog to close")


def incidents_page(bb, window, expect):
    bb.focus_window("Beatbook")
    bb.keys("ctrl+5")
    page = bb.find("filler", "BbIncidentsPage", within=window, timeout=10)
    bb.wait_for(lambda: counts(bb.labels(page)) == (expect, expect),
                lambda: f"the Incidents page to count {expect} incidents (it reads {counts(bb.labels(page))})",
                timeout=30)
    return page


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-hq-")
    print(f"station home: {home}")
    north = os.path.join(home, "North.beatbook")
    hq = os.path.join(home, "Headquarters.beatbook")
    up = os.path.join(home, "Sync", "north-to-hq")
    down = os.path.join(home, "Sync", "hq-to-north")
    for folder in (up, down):
        os.makedirs(folder)
    subprocess.run([MAKE_STATION, north, NORTH, str(N_NORTH), up, down], check=True)
    subprocess.run([MAKE_STATION, hq, HQ, str(N_HQ), down, up], check=True)
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
           "HOME": home}
    total = N_NORTH + N_HQ

    # North sends everything it holds: it has exchanged with no one yet.
    bb = bbdrive.Beatbook("headquarters", [north], env=env)
    try:
        window = bb.start(timeout=90)
        incidents_page(bb, window, N_NORTH)
        bb.screenshot("north-before")
        said = export_changes(bb, window, "Any station")
        if f"for any station" not in said:
            raise JourneyError(f"North's first bundle says “{said}”")
    finally:
        bb.quit()
    bundles = [f for f in os.listdir(up) if f.endswith(".beatbook-bundle")]
    if len(bundles) != 1:
        raise JourneyError(f"North's outbox holds {bundles}, not one bundle")

    # Headquarters finds it in its inbox, imports it and answers.
    bb = bbdrive.Beatbook("headquarters-hq", [hq], env=env)
    try:
        window = bb.start(timeout=90)
        # The station row and North's incidents are new; its categories are
        # the same as headquarters' own.
        import_from_inbox(bb, window, NORTH, N_NORTH + 1)
        said = export_changes(bb, window, NORTH)
        if f"for {NORTH}" not in said:
            raise JourneyError(f"headquarters' answer says “{said}”")
        page = incidents_page(bb, window, total)
        stations = bb.find(None, "Stations", within=page)
        bb.screenshot("merged")
        # One station's incidents alone: the filter offers both.  A menu
        # button has no action for AT-SPI in GTK 4.8: a click.
        bb.click(stations)
        popover = bb.find("filler", "GtkPopover", within=page, timeout=5)
        bb.find("check box", NORTH, within=popover, timeout=5)
        # Its search leaves North alone; from the search entry Tab reaches
        # the row, then the box in it, and Space ticks it.
        bb.set_text(bb.find("entry", None, within=popover, timeout=5), "North")
        bb.focus_window("Beatbook")
        for key in ("Tab", "Tab", "space"):
            # The search waits a moment before it filters; so does the focus.
            time.sleep(0.5)
            bb.keys(key)
        bb.wait_for(lambda: counts(bb.labels(page)) == (N_NORTH, total),
                    lambda: f"the page to show North's {N_NORTH} of {total} (it reads {counts(bb.labels(page))})",
                    timeout=20)
        bb.screenshot("north-alone")
    finally:
        bb.quit()

    # North imports the answer: headquarters' own incidents, not its own back.
    bb = bbdrive.Beatbook("headquarters-north", [north], env=env)
    try:
        window = bb.start(timeout=90)
        import_from_inbox(bb, window, HQ, N_HQ + 1)
        incidents_page(bb, window, total)
        bb.screenshot("north-merged")
    finally:
        bb.quit()

    # Outcomes in the stations.
    stations = {}
    for path in (north, hq):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        own = db.execute("SELECT value FROM meta WHERE key = 'local_station_id'").fetchone()[0]
        rows = db.execute("SELECT i.id, i.station_id, s.name, i.description FROM incident i"
                          " JOIN station s ON s.id = i.station_id ORDER BY i.id").fetchall()
        received = db.execute("SELECT count(*) FROM sync_received").fetchone()[0]
        conflicts = db.execute("SELECT count(*) FROM sync_conflict").fetchone()[0]
        audited = db.execute("SELECT count(*) FROM audit_log WHERE user_name LIKE '%(bundle from %'").fetchone()[0]
        stations[path] = (own, rows)
        db.close()
        if len(rows) != total:
            raise JourneyError(f"{path} holds {len(rows)} incidents, not {total}")
        for _, _, name, description in rows:
            if not description.startswith(name + ":"):
                raise JourneyError(f"{path}: the incident “{description}” is marked as recorded at {name}")
        if received != 1 or conflicts != 0 or audited < min(N_NORTH, N_HQ):
            raise JourneyError(f"{path}: {received} bundles applied, {conflicts} conflicts, {audited} changes "
                               f"audited as from a bundle")
    if stations[north][1] != stations[hq][1]:
        raise JourneyError("the two stations do not hold the same incidents")
    print(f"both stations hold the same {total} incidents")


if __name__ == "__main__":
    bbdrive.run(journey)
