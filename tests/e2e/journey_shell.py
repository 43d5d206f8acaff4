#!/usr/bin/python3
# journey_shell.py: a station officer opens the demo station and looks through every page
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first journey: Beatbook opens on a fresh demo station; the officer
visits the four views and the two secondary pages by their tabs and
shortcuts; each page shows what the station holds.  The store is checked
directly afterwards."""

import os
import shutil
import sqlite3
import tempfile

import bbdrive


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-shell-")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "HOME": home}
    bb = bbdrive.Beatbook("shell", ["--demo"], env=env)
    try:
        bb.start()
        bb.find("page tab", "Map", timeout=90)
        bb.screenshot("map")

        station = os.path.join(home, "data", "beatbook", "demo.beatbook")
        if not os.path.exists(station):
            raise bbdrive.JourneyError(f"the demo station was not written to {station}")
        db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
        incidents = db.execute("SELECT count(*) FROM incident").fetchone()[0]
        problems = db.execute("SELECT count(*) FROM problem").fetchone()[0]
        name = db.execute("SELECT name FROM station").fetchone()[0]
        db.close()
        if incidents < 20000:
            raise bbdrive.JourneyError(f"the demo station holds only {incidents} incidents")

        if name not in bb.window.name:
            raise bbdrive.JourneyError(f"the window title “{bb.window.name}” does not name the station “{name}”")

        # Views through their tabs, as a mouse or screen-reader user would.
        for tab in ("Problems", "Calendar", "Reports", "Map"):
            node = bb.find("page tab", tab)
            bb.activate(node)
            bb.wait_for(lambda: node.getState().contains(bbdrive.pyatspi.STATE_SELECTED)
                        or node.getState().contains(bbdrive.pyatspi.STATE_CHECKED),
                        f"the “{tab}” tab to be selected", timeout=10)
            bb.screenshot(tab.lower())

        text = bb.all_text()
        if f"{problems}" not in text and f"{problems:,}" not in text:
            # The problem count shows on the Problems view; look again there.
            bb.activate(bb.find("page tab", "Problems"))
            bb.wait_for(lambda: str(problems) in bb.all_text(),
                        f"the Problems view to mention the station's {problems} problems", timeout=10)

        # The secondary pages through their keyboard shortcuts.
        bb.focus_window("Beatbook")
        for key, page in (("ctrl+5", "Incidents"), ("ctrl+6", "Directory")):
            bb.keys(key)
            bb.find("push button", "Back to the Views", timeout=10)
            bb.screenshot(page.lower())
            bb.activate(bb.find("push button", "Back to the Views"))
            bb.find("page tab", "Map", timeout=10)
    finally:
        bb.quit()
        if not os.environ.get("BB_E2E_KEEP"):
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
