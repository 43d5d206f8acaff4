#!/usr/bin/python3
# journey_analyst.py: an analyst imports a messy file, finds the burglary hot spot and opens it as a problem
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 2 of issue 13.  On a fresh demo station the analyst imports a
CSV exported by another system (a tight cluster of burglaries last quarter
in one district, and some messy rows: a date that does not exist, a
latitude of 95, a category Beatbook does not know, a repeated row, a row
cut short) through the import dialog, reads the trial report, imports,
filters to burglaries of last quarter, switches on hot spots on the map,
opens the strongest one from the legend and makes it a problem.

The journey checks what it can against the store and against numbers it
works out itself: the report's counts, the imported rows, and a problem in
the Scanning stage with the burglary category and last quarter as its
period whose area (the hot spot's cells) holds the planted cluster; the
Problems view opens on its page (title, Scanning, an area chosen on the
map), and its card is on the board."""

import csv
import datetime
import json
import os
import random
import re
import shutil
import sqlite3
import tempfile

import bbdrive
from bbdrive import JourneyError
from journey_coordinator import find_first, first_label, wait_stage
from journey_officer import choose_position, point_in_polygon

N_CLUSTER = 60            # the planted burglaries, all within ~40 m
EXTERNAL_PREFIX = "RMS-"  # ids in the other system


def last_quarter(today):
    """[start, end) of the quarter before @today's, as dates."""
    q = (today.month - 1) // 3
    year, q = (today.year, q - 1) if q > 0 else (today.year - 1, 3)
    start = datetime.date(year, 3 * q + 1, 1)
    end = datetime.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    return start, end


def write_export(path, lat, lon, start):
    """The cluster, then the messy rows; returns what the report should say."""
    rng = random.Random(13)
    rows = []
    for i in range(N_CLUSTER):
        when = datetime.datetime.combine(start, datetime.time(1, 0)) + datetime.timedelta(days=1 + i % 80, hours=i % 20)
        # about 40 m: 0.00036° of latitude, a little more of longitude
        rows.append([f"{EXTERNAL_PREFIX}{1000 + i}", when.strftime("%Y-%m-%d %H:%M"), "Burglary",
                     f"{lat + rng.uniform(-0.00036, 0.00036):.6f}", f"{lon + rng.uniform(-0.0005, 0.0005):.6f}",
                     f"{10 + i} Market Street", "Door forced, electronics taken"])
    day = (start + datetime.timedelta(days=20)).isoformat()
    messy = [
        [f"{EXTERNAL_PREFIX}2001", f"{start.year}-02-30 10:00", "Burglary", f"{lat:.6f}", f"{lon:.6f}",
         "1 Market Street", "A date that does not exist"],
        [f"{EXTERNAL_PREFIX}2002", f"{day} 11:00", "Burglary", "95.000000", f"{lon:.6f}",
         "2 Market Street", "Latitude out of range"],
        [f"{EXTERNAL_PREFIX}2003", f"{day} 12:00", "Cat stuck in a tree", f"{lat:.6f}", f"{lon:.6f}",
         "3 Market Street", "A category Beatbook does not have"],
        list(rows[0]),                                  # the first row again
        [f"{EXTERNAL_PREFIX}2005", f"{day} 13:00"],     # cut short
    ]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "datetime", "category", "lat", "lon", "address", "description"])
        writer.writerows(rows)
        writer.writerows(messy)
    return len(rows) + len(messy)


def held(labels):
    """The number of incidents the Incidents page counts, “24,001 incidents”
    or “1 of 24,001 incidents”, whatever the thousands separator."""
    for text in labels:
        m = re.fullmatch(r"(?:[\d,.\u00a0\u202f]+ of )?([\d,.\u00a0\u202f]+) incidents?", text)
        if m:
            return int(re.sub(r"\D", "", m.group(1)))
    return None


REPORT_COUNTS = (("read", "Rows read"), ("imported", "Would be imported"), ("imported", "Imported"),
                 ("unplaced", "Imported without a position"), ("duplicates", "Already in the station"),
                 ("skipped", "Skipped"))


def report_counts(labels):
    """The counts of the import report's rows: each count's title, then
    the first label after it that is a number (a subtitle may come
    between)."""
    titles = {label: key for key, label in REPORT_COUNTS}
    counts = {}
    for i, text in enumerate(labels):
        key = titles.get(text)
        if key is None or key in counts:
            continue
        for value in labels[i + 1:i + 4]:
            if re.fullmatch(r"[\d,.\u00a0\u202f]+", value):
                counts[key] = int(re.sub(r"\D", "", value))
                break
    return counts


def find_button(bb, name, within, timeout=20):
    """A button by its name, whatever GTK makes of it (a menu button is a
    toggle button inside a filler in GTK 4.8)."""
    def actionable(node):
        try:
            return node.queryAction().nActions > 0
        except NotImplementedError:
            return False

    def one():
        for node in bb.find_all(None, name, within=within):
            if node.getRoleName() not in ("push button", "toggle button", "menu button"):
                continue
            if actionable(node):
                return node
            # GTK 4.8 names the menu button and puts the pressable button inside.
            inner = [n for n in bb.find_all(None, None, within=node) if n is not node and actionable(n)]
            if inner:
                return inner[0]
        return None
    return bb.wait_for(one, lambda: f"a button named “{name}” (found: "
                       f"{[(n.getRoleName(), n.name) for n in bb.find_all(None, name, within=within)]})", timeout)


def toggle(bb, node, keys):
    """Ticks a check box or flips a switch and waits until its state has
    changed: GTK 4.8 gives some of them no action and no way to take the
    focus from outside, so then the keyboard does it as a user would, with
    @keys."""
    checked = bbdrive.pyatspi.STATE_CHECKED
    # On a loaded machine one accessibility call can time out: every call
    # here is asked again until the wait is over.
    was = bb.wait_for(lambda: (node.getState().contains(checked),),
                      lambda: f"the state of “{node.name}”", timeout=60)[0]
    try:
        bb.activate(node)
    except (JourneyError, NotImplementedError):
        bb.keys(*keys)
    bb.wait_for(lambda: node.getState().contains(checked) != was,
                lambda: f"“{node.name}” to change", timeout=30)


def focus_by_tab(bb, node, within, limit=12):
    """Tabs until @node has the keyboard focus."""
    for _ in range(limit):
        if node.getState().contains(bbdrive.pyatspi.STATE_FOCUSED):
            return
        bb.keys("Tab")
    focused = [(n.getRoleName(), n.name) for n in bb.find_all(None, None, within=within)
               if n.getState().contains(bbdrive.pyatspi.STATE_FOCUSED)]
    raise JourneyError(f"Tab never reached the {node.getRoleName()} “{node.name}” (the focus is on {focused})")


def choose_in_dropdown(bb, combo, wanted):
    """Opens a drop-down and moves to @wanted with the keyboard."""
    bb.activate(bb.find("push button", None, within=combo))
    popover = bb.find("filler", "GtkPopover", within=combo, timeout=5)
    items = bb.wait_for(lambda: bb.find_all("list item", within=popover), "the drop-down's list", timeout=5)
    names = [" ".join(bb.labels(i)) for i in items]
    focused = [i for i, o in enumerate(items) if o.getState().contains(bbdrive.pyatspi.STATE_FOCUSED)]
    if wanted not in names or not focused:
        raise JourneyError(f"the drop-down offers {names} (focused: {focused}), not “{wanted}”")
    steps = names.index(wanted) - focused[0]
    bb.keys(*(["Down"] * steps if steps > 0 else ["Up"] * -steps), "Return")
    bb.wait_gone(popover, "the drop-down to close")


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-analyst-")
    print(f"station home: {home}")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "HOME": home}
    station = os.path.join(home, "data", "beatbook", "demo.beatbook")
    export = os.path.join(home, "rms export.csv")
    bb = bbdrive.Beatbook("analyst", ["--demo"], env=env)
    try:
        bb.start()
        window = bb.window
        bb.find("page tab", "Map", timeout=90, within=window)
        map_view = bb.find("filler", "BbMapView", within=window)
        bb.wait_for(lambda: any(re.fullmatch(r"[\d,.\u00a0\u202f]+ Incidents?", t) for t in bb.labels(map_view)),
                    "the map's legend", timeout=60)
        bb.screenshot("station-open")

        db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
        lat, lon, district_name = choose_position(db)
        burglary_id = db.execute("SELECT id FROM category WHERE code = 'burglary'").fetchone()[0]
        incidents_before = db.execute("SELECT count(*) FROM incident").fetchone()[0]
        problems_before = db.execute("SELECT count(*) FROM problem").fetchone()[0]
        db.close()
        start, end = last_quarter(datetime.date.today())
        n_rows = write_export(export, lat, lon, start)

        # The Incidents page, and its Import button.
        bb.focus_window("Beatbook")
        bb.keys("ctrl+5")
        page = bb.find("filler", "BbIncidentsPage", within=window, timeout=10)
        held_before = bb.wait_for(lambda: held(bb.labels(page)), "the Incidents page's count", timeout=30)
        bb.activate(bb.find("push button", "Import…", within=page))
        chooser = bb.top_level("Import Incidents")
        bb.focus_window("Import Incidents")
        bb.screenshot("file-chooser")
        # The file chooser's location entry: Ctrl+L, the path, Enter.
        bb.keys("ctrl+l")
        location = bb.find("text", None, within=chooser, timeout=5)
        bb.set_text(location, export)
        bb.keys("Return")
        bb.wait_gone(chooser, "the file chooser to close")

        dialog = bb.top_level("Import Incidents")
        bb.focus_window("Import Incidents")
        check = bb.find("push button", "Check", within=dialog, timeout=30)
        bb.screenshot("import-mapping")
        bb.activate(check)
        headline = bb.wait_for(lambda: next((t for t in bb.labels(dialog) if "rows will be imported" in t), None),
                               "the import report", timeout=30)
        def report_labels():
            found = bb.labels(dialog)
            return found if "Rows read" in found else None
        labels = bb.wait_for(report_labels, "the report's counts", timeout=10)
        report = "\n".join(labels)
        bb.screenshot("import-report")
        print(report)
        counts = report_counts(labels)
        # Read as the analyst reads it: the whole file, the cluster in, the
        # messy rows out or flagged, each named by its line.
        if counts.get("read") != n_rows:
            raise JourneyError(f"the report read {counts.get('read')} rows of {n_rows}: {report}")
        if counts.get("imported") != N_CLUSTER:
            raise JourneyError(f"the report would import {counts.get('imported')} rows, not the {N_CLUSTER} "
                               f"good ones: {report}")
        if counts.get("skipped", 0) + counts.get("duplicates", 0) != n_rows - N_CLUSTER:
            raise JourneyError(f"the report skips {counts.get('skipped')} and finds {counts.get('duplicates')} "
                               f"duplicates; {n_rows - N_CLUSTER} rows are bad: {report}")
        if "Cat stuck in a tree" not in report:
            raise JourneyError(f"the report does not name the unknown category: {report}")
        for line in (N_CLUSTER + 2, N_CLUSTER + 3):   # the impossible date, latitude 95
            if not re.search(rf"\b{line}\b", report):
                raise JourneyError(f"the report does not name line {line}: {report}")
        if str(N_CLUSTER) not in headline:
            raise JourneyError(f"the report's headline says “{headline}”")

        bb.activate(bb.find("push button", "Import", within=dialog))
        bb.wait_gone(dialog, "the import dialog to close", timeout=30)
        # The toast shows for 5 s, in the incidents page's overlay.  Under
        # the sanitizers one look at the page's nodes can take longer than
        # that, and the toast goes between two looks: there the page's count
        # grown by the rows imported says the same.
        def imported():
            labels = bb.labels(page)
            if any(t.startswith(f"{N_CLUSTER} incidents imported") for t in labels):
                return True
            return bbdrive.TIMEOUT_SCALE > 1 and held(labels) == held_before + N_CLUSTER
        bb.wait_for(imported, "the toast saying the incidents were imported", timeout=15)
        bb.screenshot("imported")

        # Burglaries of last quarter, in the filter the map shares.
        categories = find_button(bb, "Categories", page)
        bb.activate(categories)
        popover = bb.find("filler", "GtkPopover", within=page, timeout=5)
        # The list's search narrows it to Burglary and its kinds; Tab
        # goes to the first of them.
        bb.set_text(bb.find("entry", None, within=popover, timeout=5), "Burglary")
        burglary = bb.find("check box", "Burglary", within=popover, timeout=5)
        focus_by_tab(bb, burglary, popover)
        toggle(bb, burglary, ["space"])
        if not burglary.getState().contains(bbdrive.pyatspi.STATE_CHECKED):
            raise JourneyError("the Burglary box is not ticked")
        bb.keys("Escape")
        choose_in_dropdown(bb, bb.find("combo box", "Time Range", within=page), "Last Quarter")
        bb.screenshot("filtered")

        # The map, its Analysis panel, hot spots on.
        bb.activate(bb.find("push button", "Back to the Views", within=window))
        tab = bb.find("page tab", "Map", within=window)
        bb.activate(tab)
        bb.wait_for(lambda: tab.getState().contains(bbdrive.pyatspi.STATE_SELECTED), "the Map tab", timeout=10)
        bb.activate(find_button(bb, "Analysis", map_view))
        switch = bb.wait_for(lambda: next((n for n in bb.find_all(None, "Hot Spots")
                                           if n.getRoleName() in ("toggle button", "switch", "check box")), None),
                             "the Hot Spots switch", timeout=10)
        bb.screenshot("analysis-panel")
        toggle(bb, switch, ["alt+s"])   # the row's mnemonic: Hot _Spots
        bb.keys("Escape")

        def strongest():
            for node in bb.find_all("push button", within=map_view):
                m = re.fullmatch(r"Hot Spot 1: (\d+) incidents?, (\d+) % confidence", node.name or "")
                if m:
                    return node, int(m.group(1)), int(m.group(2))
            return None
        spot, spot_count, confidence = bb.wait_for(
            strongest, lambda: f"the legend's strongest hot spot (the map shows {bb.labels(map_view)})", timeout=60)
        legend_text = " ".join(bb.labels(map_view))
        bb.screenshot("hot-spots")
        if spot_count < N_CLUSTER or confidence != 99:
            raise JourneyError(f"the strongest hot spot holds {spot_count} incidents at {confidence} %; the planted "
                               f"cluster alone has {N_CLUSTER}")

        bb.activate(spot)
        open_button = bb.find("push button", "Open as Problem", timeout=10)
        popover_text = " ".join(bb.labels(bb.find("filler", "BbHotspotPopover", timeout=5)))
        bb.screenshot("hot-spot-statistics")
        for wanted in ("Hot Spot 1", "Gi* z-score", "p-value", "99 %"):
            if wanted not in popover_text:
                raise JourneyError(f"the hot spot's statistics do not show “{wanted}”: {popover_text}")
        bb.activate(open_button)

        # The Problems view, on the new problem's page.
        title = f"Burglary hot spot in {district_name}"
        board_tab = bb.find("page tab", "Problems", within=window)
        bb.wait_for(lambda: board_tab.getState().contains(bbdrive.pyatspi.STATE_SELECTED),
                    "the Problems view to open", timeout=15)
        problems_view = find_first(bb, "filler", "BbProblemsView", window, depth=12)
        page = find_first(bb, "filler", "BbProblemPage", problems_view, depth=8)
        wait_stage(bb, page, "Scanning")
        title_field = find_first(bb, "text", "Title", page, timeout=20)
        bb.wait_for(lambda: bb.text_of(title_field) == title,
                    lambda: f"the page's title field to hold “{title}” (it holds “{bb.text_of(title_field)}”)", 20)
        if first_label(bb, page, lambda t: t.startswith("Chosen on the map")) is None:
            raise JourneyError("the problem's page does not say its area was chosen on the map")
        # The window is active again once the popover is gone (Xvfb has no
        # window manager to give it back the keyboard).
        bb.focus_window("Beatbook")
        bb.screenshot("problem-page")

        # Back on the board, its card waits in Scanning.
        bb.activate(find_first(bb, "push button", "Back to the Board", page))
        bb.find("list item", f"{title}, Scanning, {district_name}", within=window, timeout=20)
        bb.screenshot("problem-on-board")
    finally:
        bb.quit()

    # Outcomes in the store.
    db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
    imported = db.execute("SELECT count(*) FROM incident WHERE external_id LIKE ?", ("%" + EXTERNAL_PREFIX + "%",)).fetchone()[0]
    if imported != N_CLUSTER:
        raise JourneyError(f"the station holds {imported} incidents from the file, not {N_CLUSTER}")
    if db.execute("SELECT count(*) FROM incident").fetchone()[0] != incidents_before + N_CLUSTER:
        raise JourneyError("the import added other incidents than the file's good rows")
    rows = db.execute("SELECT id, title, stage, statement, area, period_start, period_end, district_id FROM problem"
                      " WHERE title = ?", (title,)).fetchall()
    if len(rows) != 1 or db.execute("SELECT count(*) FROM problem").fetchone()[0] != problems_before + 1:
        raise JourneyError(f"the station holds {len(rows)} problems titled “{title}” (and "
                           f"{db.execute('SELECT count(*) FROM problem').fetchone()[0] - problems_before} new ones)")
    problem_id, _, stage, statement, area, period_start, period_end, district_id = rows[0]
    if stage != "scanning":
        raise JourneyError(f"the problem is in the {stage} stage, not Scanning")
    linked = [r[0] for r in db.execute("SELECT category_id FROM problem_category WHERE problem_id = ?", (problem_id,))]
    if linked != [burglary_id]:
        raise JourneyError(f"the problem's categories are {linked}, not burglary")
    quarter = (int(datetime.datetime.combine(start, datetime.time()).timestamp()),
               int(datetime.datetime.combine(end, datetime.time()).timestamp()))
    if (period_start, period_end) != quarter:
        raise JourneyError(f"the problem's period is {period_start}–{period_end}, not last quarter {quarter}")
    geometry = json.loads(area)
    if not point_in_polygon(lon, lat, geometry):
        raise JourneyError(f"the problem's area ({len(geometry['coordinates'])} cells) does not hold the planted "
                           f"cluster at {lat}, {lon}")
    # Its burglaries of last quarter (of every kind, as the filter chose
    # them), counted here from its cells: the hot spot's count in the legend.
    inside = sum(1 for (x, y) in db.execute(
        "SELECT lon, lat FROM incident WHERE category_id IN (SELECT id FROM category WHERE id = ?1 OR parent_id = ?1)"
        " AND occurred_start >= ?2 AND occurred_start < ?3 AND lat IS NOT NULL", (burglary_id, *quarter))
        if point_in_polygon(x, y, geometry))
    if inside != spot_count:
        raise JourneyError(f"{inside} burglaries of last quarter lie in the problem's area; the map said {spot_count}")
    district = db.execute("SELECT name FROM district WHERE id = ?", (district_id,)).fetchone()
    if district is None or district[0] != district_name:
        raise JourneyError(f"the problem's district is {district}, not {district_name}")
    for wanted in (f"{spot_count} incidents", "Burglary", "99 % confidence", "z ="):
        if wanted not in statement:
            raise JourneyError(f"the problem's statement lacks “{wanted}”: {statement}")
    db.close()
    print(f"legend: {legend_text}")
    if not os.environ.get("BB_E2E_KEEP"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
