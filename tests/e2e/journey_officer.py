#!/usr/bin/python3
# journey_officer.py: a station officer records a resident's concern and finds it again
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 1 of issue 13.  On a fresh demo station the officer opens the
Incidents page, records a resident's concern about a broken street light
through the editor (category chosen in the searchable drop-down, position
typed as latitude and longitude, source chosen from the list), saves it,
finds it again by searching the table, and looks at the map.

The store is then read directly: exactly one new incident with what was
typed, in the district whose polygon holds the position (computed here from
district.boundary, not asked of Beatbook), and an audit-log line for it.
The station file stays in /tmp when the journey fails (always with
BB_E2E_KEEP=1), for a look at what was stored."""

import json
import os
import re
import shutil
import sqlite3
import tempfile

import bbdrive
from bbdrive import JourneyError

DESCRIPTION = "Street light broken outside number 12, dark at night"
SEARCH = "street light broken"
# The drop-down's search matches the start of a category's name (GTK 4.8
# has no other mode), so the officer types the name's first words.
CATEGORY_CODE = "street_lighting"
SOURCE_LABEL = "Resident"


def point_in_polygon(lon, lat, geometry):
    """Even-odd rule over a GeoJSON Polygon or MultiPolygon, holes included."""
    def in_ring(ring):
        inside = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(in_ring(p[0]) and not any(in_ring(h) for h in p[1:]) for p in polygons)


def districts_at(db, lon, lat):
    return [(i, n) for i, n, b in db.execute("SELECT id, name, boundary FROM district")
            if b and point_in_polygon(lon, lat, json.loads(b))]


def choose_position(db):
    """A point well inside one district: the mean of its boundary's
    vertices, kept only if no other district's polygon also holds it."""
    for _, name, boundary in db.execute("SELECT id, name, boundary FROM district ORDER BY code"):
        geometry = json.loads(boundary)
        ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
        lon = round(sum(p[0] for p in ring[:-1]) / (len(ring) - 1), 6)
        lat = round(sum(p[1] for p in ring[:-1]) / (len(ring) - 1), 6)
        if [n for _, n in districts_at(db, lon, lat)] == [name]:
            return lat, lon, name
    raise JourneyError("no district of the demo station holds the mean of its own boundary")


def counts(labels):
    """(shown, held) from the incidents page's count, “24,001 incidents” or
    “1 of 24,001 incidents”, whatever the thousands separator."""
    for text in labels:
        m = re.fullmatch(r"([\d,.\u00a0\u202f]+)(?: of ([\d,.\u00a0\u202f]+))? incidents?", text)
        if m:
            shown = int(re.sub(r"\D", "", m.group(1)))
            held = int(re.sub(r"\D", "", m.group(2))) if m.group(2) else shown
            return shown, held
    return None


def legend(labels):
    """(count, {category: count}) from the map's legend: a heading
    “23,757 Incidents”, then “● Theft” and its count for each category."""
    number = r"[\d,.\u00a0\u202f]+"
    total, entries, last = None, {}, None
    for text in labels:
        if total is None and re.fullmatch(rf"{number} Incidents?", text):
            total = int(re.sub(r"\D", "", text.split()[0]))
        elif text.startswith("●"):
            last = text[1:].strip()
            entries[last] = None
        elif last is not None and re.fullmatch(number, text):
            entries[last] = int(re.sub(r"\D", "", text))
            last = None
    return (total, entries) if total is not None else None


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-officer-")
    print(f"station home: {home}")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "HOME": home}
    station = os.path.join(home, "data", "beatbook", "demo.beatbook")
    bb = bbdrive.Beatbook("officer", ["--demo"], env=env)
    try:
        bb.start()
        window = bb.window
        bb.find("page tab", "Map", timeout=90, within=window)
        map_view = bb.find("filler", "BbMapView", within=window)
        # Map checks are collected and reported last: the map is built in
        # parallel with this journey, and its state should not hide the rest.
        map_problems = []
        first_legend = bb.wait_for(lambda: legend(bb.labels(map_view)),
                                   lambda: f"the map's legend (the map shows {bb.labels(map_view)})", timeout=60)
        bb.screenshot("station-open")

        # What the officer knows before typing: the station's districts and
        # its name for the category; nothing like the concern is stored yet.
        db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
        lat, lon, district_name = choose_position(db)
        row = db.execute("SELECT name FROM category WHERE code = ?", (CATEGORY_CODE,)).fetchone()
        if row is None:
            raise JourneyError(f"the demo station has no category “{CATEGORY_CODE}”")
        category_name = row[0]
        before = db.execute("SELECT count(*) FROM incident WHERE description = ?", (DESCRIPTION,)).fetchone()[0]
        matching_before = db.execute("SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?",
                                     (SEARCH,)).fetchone()[0]
        last_audit = db.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        total_before = db.execute("SELECT count(*) FROM incident").fetchone()[0]
        placed = db.execute("SELECT count(*) FROM incident WHERE lat IS NOT NULL").fetchone()[0]
        if first_legend[0] != placed:
            map_problems.append(f"the map's legend counts {first_legend[0]} incidents; the station holds {placed} with a position")
        db.close()
        if before or matching_before:
            raise JourneyError(f"the fresh demo station already holds {matching_before} incidents matching “{SEARCH}”")

        # The Incidents page, through its shortcut.
        bb.focus_window("Beatbook")
        bb.keys("ctrl+5")
        page = bb.find("filler", "BbIncidentsPage", within=window, timeout=10)
        bb.wait_for(lambda: counts(bb.labels(page)) == (total_before, total_before),
                    "the Incidents page to count the station's incidents", timeout=30)
        bb.screenshot("incidents-page")

        # A new incident.
        bb.activate(bb.find("push button", "New Incident", within=page))
        editor = bb.top_level("New Incident")
        bb.focus_window("New Incident")
        bb.screenshot("editor-new")

        # Category: open the drop-down, search, take the one match.
        category = bb.find("combo box", "Category", within=editor)
        if category.name != "Category":
            raise JourneyError(f"the category drop-down is called “{category.name}”, not “Category”")
        bb.activate(bb.find("push button", None, within=category))
        popover = bb.find("filler", "GtkPopover", within=category, timeout=5)
        search = bb.find("entry", None, within=popover, timeout=5)
        typed = " ".join(category_name.split()[:2]).lower()
        bb.set_text(search, typed)

        def one_match():
            items = bb.find_all("list item", within=popover)
            names = [" ".join(bb.labels(i)) for i in items]
            return names if len(names) == 1 and category_name.lower() in names[0].lower() else None
        bb.wait_for(one_match, f"searching the categories for “{typed}” to leave only “{category_name}”", timeout=5)
        bb.screenshot("category-search")
        bb.keys("Down", "Return")
        bb.wait_gone(popover, "the category drop-down to close")
        bb.wait_for(lambda: category_name in bb.labels(category),
                    f"the drop-down to close showing “{category_name}”", timeout=5)

        bb.set_text(bb.find("text", "Description", within=editor), DESCRIPTION)

        # The position, typed; the editor names the district it lies in.
        bb.keys("alt+l")   # Latitude's mnemonic brings the Where group into view
        bb.set_text(bb.find("text", "Latitude", within=editor), f"{lat:.6f}")
        bb.set_text(bb.find("text", "Longitude", within=editor), f"{lon:.6f}")
        district = bb.find("combo box", "District", within=editor)
        derived = f"The position lies in {district_name}"
        bb.wait_for(lambda: derived in bb.labels(district),
                    lambda: f"the editor to say “{derived}” (it says {bb.labels(district)})", timeout=10)
        bb.screenshot("position-typed")

        # Source: the row's mnemonic opens the list; arrows and Enter choose.
        source = bb.find("combo box", "Source", within=editor)
        bb.keys("alt+o")   # a mnemonic of its own activates the row: the list opens
        popover = bb.find("filler", "GtkPopover", within=source, timeout=5)
        options = bb.wait_for(lambda: bb.find_all("list item", within=popover),
                              "the list of sources to open", timeout=5)
        names = [" ".join(bb.labels(i)) for i in options]
        focused = [i for i, o in enumerate(options) if o.getState().contains(bbdrive.pyatspi.STATE_FOCUSED)]
        if SOURCE_LABEL not in names or not focused:
            raise JourneyError(f"the sources offered are {names} (focused: {focused})")
        steps = names.index(SOURCE_LABEL) - focused[0]
        bb.screenshot("source-list")
        bb.keys(*(["Down"] * steps if steps > 0 else ["Up"] * -steps), "Return")
        bb.wait_gone(popover, "the list of sources to close")
        bb.wait_for(lambda: SOURCE_LABEL in bb.labels(source),
                    f"the Source row to show “{SOURCE_LABEL}”", timeout=5)
        bb.screenshot("form-filled")

        bb.activate(bb.find("push button", "Save", within=editor))
        try:
            bb.wait_gone(editor, "the editor to close after saving", timeout=15)
        except JourneyError as e:
            errors = [t for t in bb.labels(editor) if t.startswith("The incident was not saved") or "Type " in t]
            raise JourneyError(f"{e}; the editor says: {errors}") from None
        bb.wait_for(lambda: counts(bb.labels(page)) == (total_before + 1, total_before + 1),
                    lambda: f"the count to read {total_before + 1} incidents (it reads {counts(bb.labels(page))})",
                    timeout=15)
        bb.screenshot("saved")

        # Find it again by searching.
        bb.set_text(bb.find("entry", "Search Incidents", within=page), SEARCH)
        bb.wait_for(lambda: counts(bb.labels(page)) == (1, total_before + 1),
                    lambda: f"the count to read 1 of {total_before + 1} incidents (it reads {counts(bb.labels(page))})",
                    timeout=15)
        table = bb.find("tree table", "Incidents", within=page)
        bb.wait_for(lambda: DESCRIPTION in bb.labels(table, prune=()),
                    f"the table to show the row “{DESCRIPTION}”", timeout=10)
        cells = bb.labels(table, prune=())
        for wanted in (category_name, district_name, SOURCE_LABEL):
            if wanted not in cells:
                raise JourneyError(f"the found row does not show “{wanted}”: {cells}")
        bb.screenshot("search-found")

        # The map.
        bb.activate(bb.find("push button", "Back to the Views", within=window))
        tab = bb.find("page tab", "Map", within=window)
        bb.activate(tab)
        bb.wait_for(lambda: tab.getState().contains(bbdrive.pyatspi.STATE_SELECTED),
                    "the Map tab to be selected", timeout=10)
        # The map shares the table's filter: with the search still typed it
        # should show the one incident, in the legend's count and entries.
        try:
            bb.wait_for(lambda: legend(bb.labels(map_view)) == (1, {category_name: 1}),
                        lambda: f"the map's legend to count 1 incident, “{category_name}” (it reads "
                                f"{legend(bb.labels(map_view))}: {bb.labels(map_view)})", timeout=15)
        except JourneyError as e:
            map_problems.append(str(e))
        bb.screenshot("map")
    finally:
        bb.quit()

    # Outcomes in the store.
    db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
    rows = db.execute("SELECT i.id, c.code, i.source, i.lat, i.lon, i.district_id, i.district_overridden,"
                      "       i.status, i.restricted"
                      " FROM incident i JOIN category c ON c.id = i.category_id"
                      " WHERE i.description = ?", (DESCRIPTION,)).fetchall()
    if len(rows) != 1:
        raise JourneyError(f"the station holds {len(rows)} incidents described “{DESCRIPTION}”, not 1")
    incident_id, code, source, stored_lat, stored_lon, district_id, overridden, status, restricted = rows[0]
    if code != CATEGORY_CODE:
        raise JourneyError(f"the incident's category is “{code}”, not “{CATEGORY_CODE}”")
    if source != "resident":
        raise JourneyError(f"the incident's source is “{source}”, not “resident”")
    if stored_lat is None or abs(stored_lat - lat) > 1e-9 or abs(stored_lon - lon) > 1e-9:
        raise JourneyError(f"the incident lies at {stored_lat}, {stored_lon}, not at the typed {lat}, {lon}")
    containing = districts_at(db, lon, lat)
    if len(containing) != 1 or district_id != containing[0][0] or overridden:
        raise JourneyError(f"the incident's district is {district_id} (overridden: {overridden}); "
                           f"the polygons holding {lat}, {lon} are {containing}")
    if (status, restricted) != ("open", 0):
        raise JourneyError(f"the incident is {status}, restricted {restricted}; a new concern is open and public")
    if db.execute("SELECT count(*) FROM incident").fetchone()[0] != total_before + 1:
        raise JourneyError("the station gained more than the one incident recorded")
    audit = db.execute("SELECT action FROM audit_log WHERE seq > ? AND table_name = 'incident' AND row_id = ?",
                       (last_audit, incident_id)).fetchall()
    if ("create",) not in audit:
        raise JourneyError(f"the audit log has no “create” line for incident {incident_id} (it has {audit})")
    db.close()
    # Last, so that a map that does not follow the station yet does not hide
    # what the rest of the journey found.
    if map_problems:
        raise JourneyError("; ".join(map_problems))
    if not os.environ.get("BB_E2E_KEEP"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
