#!/usr/bin/python3
# journey_meetings.py: a coordinator schedules the advisory group and turns a resident's concern into a problem
# SPDX-License-Identifier: GPL-3.0-or-later
"""The meetings part of journey 3 of issue 13.  On a fresh demo station the
coordinator opens the Calendar, schedules the next advisory-group meeting
of a district on the second Tuesday of next month, repeating monthly on the
second Tuesday, saves it, opens it again, records a concern a resident
raised there and opens it as a problem on the board in one step.

The store is then read directly: one new event with the monthly rule
RRULE:FREQ=MONTHLY;BYDAY=2TU at 18:00 in the district chosen, its concern,
and a new problem in the scanning stage linked from that concern."""

import datetime
import os
import shutil
import sqlite3
import tempfile
import zoneinfo

import bbdrive
from bbdrive import JourneyError

TITLE = "Advisory group Qendra: winter meeting"
CONCERN = "Cars speed past the school gate at eight in the morning"


def second_tuesday_of_next_month(today):
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(days=7)


def choose(bb, window_title, combo, mnemonic, label):
    """Opens a combo row's list with its mnemonic, moves to @label with the
    arrow keys and takes it with Return, as a keyboard user would."""
    bb.focus_window(window_title)
    bb.keys(mnemonic)
    popover = bb.find("filler", "GtkPopover", within=combo, timeout=5)
    options = bb.wait_for(lambda: bb.find_all("list item", within=popover),
                          f"the list of “{combo.name}” to open", timeout=5)
    names = [" ".join(bb.labels(o)) for o in options]
    matching = [i for i, n in enumerate(names) if label in n]
    focused = [i for i, o in enumerate(options) if o.getState().contains(bbdrive.pyatspi.STATE_FOCUSED)]
    if not matching or not focused:
        raise JourneyError(f"“{combo.name}” offers {names} (focused: {focused}); wanted “{label}”")
    steps = matching[0] - focused[0]
    bb.focus_window(window_title)
    bb.keys(*(["Down"] * steps if steps > 0 else ["Up"] * -steps), "Return")
    bb.wait_gone(popover, f"the list of “{combo.name}” to close")
    bb.wait_for(lambda: any(label in t for t in bb.labels(combo)),
                lambda: f"“{combo.name}” to show “{label}” (it shows {bb.labels(combo)})", timeout=5)


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-meetings-")
    print(f"station home: {home}")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "HOME": home}
    station = os.path.join(home, "data", "beatbook", "demo.beatbook")

    bb = bbdrive.Beatbook("meetings", ["--demo"], env=env)
    try:
        bb.start()
        window = bb.window
        bb.find("page tab", "Map", timeout=90, within=window)

        db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
        district = db.execute("SELECT id, name FROM district ORDER BY code LIMIT 1").fetchone()
        # The calendar's today is the station's, not this machine's (UTC
        # here): an hour before midnight in UTC they are different days.
        zone = db.execute("SELECT timezone FROM station LIMIT 1").fetchone()[0]
        today = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()
        day = second_tuesday_of_next_month(today)
        events_before = db.execute("SELECT count(*) FROM event").fetchone()[0]
        problems_before = db.execute("SELECT count(*) FROM problem").fetchone()[0]
        db.close()
        if district is None:
            raise JourneyError("the demo station has no district")
        district_id, district_name = district

        bb.focus_window("Beatbook")
        bb.keys("ctrl+3")
        calendar = bb.find("filler", "BbCalendarView", within=window, timeout=10)
        bb.screenshot("calendar")

        # A new event, typed as the coordinator would.
        bb.activate(bb.find("push button", "New Event", within=calendar))
        editor = bb.top_level("New Event")
        bb.focus_window("New Event")
        bb.set_text(bb.find("text", "Title", within=editor), TITLE)
        bb.set_text(bb.find("text", "Date (YYYY-MM-DD)", within=editor), day.isoformat())
        bb.set_text(bb.find("text", "Starts at (HH:MM)", within=editor), "18:00")
        bb.set_text(bb.find("text", "Ends at (HH:MM)", within=editor), "19:30")
        choose(bb, "New Event", bb.find("combo box", "District", within=editor), "alt+i", district_name)
        # The repeat choices follow the date: its weekday and its place in the month.
        choose(bb, "New Event", bb.find("combo box", "Repeats", within=editor), "alt+r",
               "Monthly on the second Tuesday")
        bb.screenshot("event-filled")
        bb.activate(bb.find("push button", "Save", within=editor))
        bb.wait_gone(editor, "the event editor to close after saving", timeout=15)
        bb.screenshot("event-saved")

        # The month grid is drawn, not made of widgets: a screen reader hears
        # the selected day and what it holds. Walk there with the keyboard.
        bb.activate(bb.find("push button", "Today", within=calendar))
        bb.activate(bb.find("push button", "Month", within=calendar))
        grid = bb.find("table", "Month", within=calendar, timeout=10)
        bb.focus_window("Beatbook")
        for _ in range((day - today).days):
            bb.keys("Right")
        bb.wait_for(lambda: TITLE in (grid.description or ""),
                    lambda: f"the month grid to describe {day:%d %B} with “{TITLE}” (it says “{grid.description}”)",
                    timeout=15)
        bb.screenshot("month-day-described")

        # The event again, from the agenda, to record what residents raised.
        bb.activate(bb.find("push button", "Agenda", within=calendar))
        agenda = bb.find("list", "Agenda", within=calendar, timeout=10)
        if day.month != today.month:
            bb.activate(bb.find("push button", "Next", within=calendar))
        # The keyboard into the list (Alt+A), then down to the meeting and Enter.
        bb.focus_window("Beatbook")
        bb.keys("alt+a")

        def focused_item():
            for item in bb.find_all("list item", within=agenda):
                if item.getState().contains(bbdrive.pyatspi.STATE_FOCUSED):
                    return item
            return None
        for attempt in range(5):
            try:
                bb.wait_for(focused_item, "a row of the agenda to have the keyboard focus", timeout=2)
                break
            except JourneyError:
                if attempt == 4:
                    raise
                bb.focus_window("Beatbook")
                bb.keys("alt+a")
        for _ in range(80):
            item = bb.wait_for(focused_item, "a row of the agenda to have the keyboard focus", timeout=5)
            if TITLE in bb.labels(item):
                break
            bb.keys("Down")
        else:
            raise JourneyError(f"“{TITLE}” is not in the agenda of {day:%B %Y}")
        bb.keys("Return")
        editor = bb.top_level(TITLE)
        bb.focus_window(TITLE)
        entry = bb.find("text", "New concern", within=editor)
        bb.set_text(entry, CONCERN)
        # Enter in the row records it (Alt+W takes the keyboard there).
        bb.focus_window(TITLE)
        bb.keys("alt+w", "Return")
        bb.wait_for(lambda: CONCERN in bb.labels(editor),
                    f"the concern “{CONCERN}” to be listed", timeout=10)
        bb.screenshot("concern-recorded")
        bb.activate(bb.find("push button", "Problem", within=editor))
        bb.wait_for(lambda: any(t.startswith("Problem “") for t in bb.labels(editor)),
                    lambda: f"the concern to say it became a problem (the editor shows {bb.labels(editor)})",
                    timeout=10)
        bb.screenshot("concern-problem")
    finally:
        bb.quit()

    db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
    rows = db.execute("SELECT id, rrule, district_id, start_at, all_day, tzid FROM event"
                      " WHERE title = ? AND series_id IS NULL", (TITLE,)).fetchall()
    if len(rows) != 1:
        raise JourneyError(f"{len(rows)} series of events are titled “{TITLE}”")
    event_id, rule, stored_district, starts_at, all_day, tzid = rows[0]
    if "FREQ=MONTHLY" not in (rule or "") or "BYDAY=2TU" not in rule:
        raise JourneyError(f"the event repeats by “{rule}”, not monthly on the second Tuesday")
    if stored_district != district_id or all_day:
        raise JourneyError(f"the event is in district {stored_district} (all day: {all_day})")
    # Times are typed in the station's zone, the zone stored with the event.
    start = datetime.datetime.fromtimestamp(starts_at, zoneinfo.ZoneInfo(tzid))
    if start.date() != day or (start.hour, start.minute) != (18, 0):
        raise JourneyError(f"the event starts {start}, not {day} 18:00 in {tzid}")
    # The concern belongs to the meeting it was raised at: the series'
    # first occurrence, which may have a row of its own for that.
    added = db.execute("SELECT id, series_id FROM event WHERE id = ? OR series_id = ?",
                       (event_id, event_id)).fetchall()
    if db.execute("SELECT count(*) FROM event").fetchone()[0] != events_before + len(added):
        raise JourneyError("the station gained events besides the meeting and its occurrence")
    concerns = db.execute("SELECT c.text, c.problem_id FROM concern c JOIN event e ON e.id = c.event_id"
                          " WHERE e.id = ? OR e.series_id = ?", (event_id, event_id)).fetchall()
    if len(concerns) != 1 or concerns[0][0] != CONCERN or concerns[0][1] is None:
        raise JourneyError(f"the meeting's concerns are {concerns}")
    problem = db.execute("SELECT stage, district_id FROM problem WHERE id = ?", (concerns[0][1],)).fetchone()
    if problem is None or problem[0] != "scanning":
        raise JourneyError(f"the concern's problem is {problem}, not a problem in the scanning stage")
    if db.execute("SELECT count(*) FROM problem").fetchone()[0] != problems_before + 1:
        raise JourneyError("the station did not gain exactly one problem")
    db.close()
    if not os.environ.get("BB_E2E_KEEP"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
