#!/usr/bin/python3
# journey_coordinator.py: the community-policing coordinator takes a problem through SARA and prints its safety plan
# SPDX-License-Identifier: GPL-3.0-or-later
"""The problem part of journey 3 of issue 13.  On a fresh demo station the
coordinator opens a problem in Scanning from the board (the card's Open
action, as a screen reader offers it), moves it to Analysis, records a response agreed with
the partners with its period and a task for an officer, moves it to
Response, types the response period and moves it to Assessment.  Then,
under Safety Plans, the coordinator starts a community safety plan that
takes the problem on, with a task and a review date, and exports it to PDF
through the file chooser.

The store is read directly afterwards: the problem's stage, the response
(agreed, its days), the task, the plan and its links.  The PDF is read with
pdftotext: it names the plan, the problem, the step agreed and the tasks,
and holds nothing of what a public document must not: no description or
address of any incident, no private person's name, no partner's contact.
Last, a tri-fold brochure is exported from the Reports view: two pages,
no restricted incident.
The station file stays in /tmp when the journey fails (always with
BB_E2E_KEEP=1)."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time

import bbdrive
from bbdrive import JourneyError

PROBLEM = "Dark paths between the blocks of the estate"
RESPONSE = "Repair the lights on the estate paths"
RESPONSE_FROM, RESPONSE_TO = "2026-06-01", "2026-08-31"
TASK = "Walk the paths at night with the residents"
TASK_DUE = "2026-06-15"
PLAN = "Safe paths in the northern estate"
PLAN_TASK = "Report back to the residents' meeting"
REVIEW = "2026-09-15"
PDF_NAME = "safe-paths-plan.pdf"


def set_field(bb, within, name, value):
    """An entry row or a text view by its accessible name."""
    node = find_first(bb, "text", name, within, timeout=10)
    bb.set_text(node, value)
    return node


def find_first(bb, role, name, within, timeout=20, depth=60):
    """bb.find, stopping at the first match: a problem's page is large and
    the accessibility bus slow.  @depth bounds the walk for nodes known to
    lie near the top (the view's pages)."""
    def one():
        for node in bbdrive._walk(within, limit=depth):
            try:
                if node.getRoleName() == role and (name is None or bbdrive._name_matches(node.name, name)) \
                        and bbdrive._is_showing(node):
                    return node
            except Exception:
                continue
        return None
    return bb.wait_for(one, f"a {role} named “{name}”", timeout)


def find_card(bb, view, stage):
    """The problem's card, spoken as “title, stage, district”."""
    def one():
        for node in bbdrive._walk(view):
            try:
                if node.getRoleName() == "list item" and node.name and node.name.startswith(f"{PROBLEM}, {stage},"):
                    return node
            except Exception:
                continue
        return None
    return bb.wait_for(one, f"the card “{PROBLEM}” in {stage}", timeout=30)


def first_label(bb, within, test):
    """The first label showing under @within whose text passes @test; the
    walk stops there (a problem's page has hundreds of labels)."""
    for node in bbdrive._walk(within):
        try:
            if node.getRoleName() == "label" and test(bb.text_of(node)) and bbdrive._is_showing(node):
                return node
        except Exception:
            continue
    return None


def wait_label(bb, within, wanted, timeout=30):
    return bb.wait_for(lambda: first_label(bb, within, lambda t: wanted in t),
                       f"“{wanted}” on the page", timeout)


def wait_stage(bb, page, stage, timeout=30):
    """The line under the problem's title, “Stage: Analysis”."""
    label = bb.wait_for(lambda: first_label(bb, page, lambda t: t.startswith("Stage:")), "the problem's stage", 20)
    bb.wait_for(lambda: bb.text_of(label) == f"Stage: {stage}",
                lambda: f"the stage to read “Stage: {stage}” (it reads “{bb.text_of(label)}”)", timeout)


def save_dialog(bb, title, fields, step):
    """Fills a small editor window and saves it."""
    dialog = bb.top_level(title)
    for name, value in fields:
        set_field(bb, dialog, name, value)
    bb.screenshot(step)
    bb.activate(bb.find("push button", "Save", within=dialog))
    try:
        bb.wait_gone(dialog, f"the window “{title}” to close after saving", timeout=15)
    except JourneyError as e:
        raise JourneyError(f"{e}; it says {bb.labels(dialog)}") from None


def journey():
    home = tempfile.mkdtemp(prefix="bb-e2e-coordinator-")
    print(f"station home: {home}")
    env = {"XDG_DATA_HOME": os.path.join(home, "data"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
           "HOME": home}
    station = os.path.join(home, "data", "beatbook", "demo.beatbook")
    pdf = os.path.join(home, PDF_NAME)
    brochure = os.path.join(home, "brochure.pdf")
    bb = bbdrive.Beatbook("coordinator", ["--demo"], env=env)
    try:
        bb.start()
        window = bb.window
        bb.find("page tab", "Map", timeout=120, within=window)
        bb.screenshot("station-open")

        db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
        row = db.execute("SELECT id, stage FROM problem WHERE title = ?", (PROBLEM,)).fetchone()
        if row is None or row[1] != "scanning":
            raise JourneyError(f"the demo station has no problem “{PROBLEM}” in Scanning ({row})")
        problem_id = row[0]
        plans_before = db.execute("SELECT count(*) FROM plan").fetchone()[0]
        db.close()

        # The board, through its shortcut.
        bb.focus_window("Beatbook")
        bb.keys("ctrl+2")
        view = find_first(bb, "filler", "BbProblemsView", window, depth=12)
        card = find_card(bb, view, "Scanning")
        bb.screenshot("board")

        # Open it as a screen reader user does: the card's own action
        # (Enter and a double click run the same one).
        action = card.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        if "card.open" not in names:
            raise JourneyError(f"the card offers {names}, not “card.open”")
        action.doAction(names.index("card.open"))
        page = find_first(bb, "filler", "BbProblemPage", view, depth=8)
        wait_stage(bb, page, "Scanning")
        title = find_first(bb, "text", "Title", page, timeout=20)
        if bb.text_of(title) != PROBLEM:
            raise JourneyError(f"the page's title field holds “{bb.text_of(title)}”, not “{PROBLEM}”")
        bb.screenshot("problem-page")

        # Scanning → Analysis: the demo problem has its statement.
        bb.activate(find_first(bb, "push button", "Move to Analysis", page))
        wait_stage(bb, page, "Analysis")
        bb.screenshot("analysis")

        # A response agreed with the partners, and its task.
        bb.activate(find_first(bb, "push button", "Add Response", page))
        save_dialog(bb, "New Response", [("Title", RESPONSE), ("From (YYYY-MM-DD)", RESPONSE_FROM),
                                         ("To (YYYY-MM-DD)", RESPONSE_TO)], "response-editor")
        wait_label(bb, page, RESPONSE)
        bb.activate(find_first(bb, "push button", "Add Task", page, timeout=20))
        save_dialog(bb, "New Task", [("Task", TASK), ("Due (YYYY-MM-DD)", TASK_DUE)], "task-editor")
        wait_label(bb, page, TASK)
        bb.screenshot("response-and-task")

        # Analysis → Response.
        bb.activate(find_first(bb, "push button", "Move to Response", page))
        wait_stage(bb, page, "Response")

        # Response → Assessment needs the response period: typed, then moved
        # (the move saves what was typed).
        set_field(bb, page, "Response from (YYYY-MM-DD)", RESPONSE_FROM)
        set_field(bb, page, "Response to (YYYY-MM-DD)", RESPONSE_TO)
        bb.activate(find_first(bb, "push button", "Move to Assessment", page))
        wait_stage(bb, page, "Assessment")
        bb.screenshot("assessment")

        # Back on the board the card is in its new column.
        bb.activate(find_first(bb, "push button", "Back to the Board", page))
        find_card(bb, view, "Assessment")
        bb.screenshot("board-after")

        # A community safety plan that takes the problem on.
        bb.activate(find_first(bb, "page tab", "Safety Plans", view))
        bb.activate(find_first(bb, "push button", "New Plan", view, timeout=10))
        plan_page = find_first(bb, "filler", "BbPlanPage", view, depth=8)
        set_field(bb, plan_page, "Title", PLAN)
        set_field(bb, plan_page, "From (YYYY-MM-DD)", "2026-06-01")
        set_field(bb, plan_page, "To (YYYY-MM-DD)", "2027-05-31")
        set_field(bb, plan_page, "Statement",
                  "Residents of the northern estate should be able to walk home safely after dark.")
        check = find_first(bb, "check box", PROBLEM, plan_page, timeout=10)
        bb.activate(check)
        bb.wait_for(lambda: check.getState().contains(bbdrive.pyatspi.STATE_CHECKED)
                    or check.getState().contains(bbdrive.pyatspi.STATE_PRESSED),
                    f"the problem “{PROBLEM}” to be switched on", timeout=5)
        bb.screenshot("plan-new")
        bb.activate(find_first(bb, "push button", "Save", plan_page))
        bb.wait_for(lambda: bb.find_all("push button", "Add Task", within=plan_page)
                    and bb.find_all("push button", "Add Task", within=plan_page)[0].getState().contains(
                        bbdrive.pyatspi.STATE_SENSITIVE),
                    "the plan to be saved (its Add Task button to be enabled)", timeout=20)
        bb.activate(find_first(bb, "push button", "Add Task", plan_page))
        save_dialog(bb, "New Task", [("Task", PLAN_TASK), ("Due (YYYY-MM-DD)", "2026-07-01")], "plan-task")
        bb.activate(find_first(bb, "push button", "Add Review Date", plan_page))
        save_dialog(bb, "New Review Date", [("Day (YYYY-MM-DD)", REVIEW)], "plan-review")
        wait_label(bb, plan_page, REVIEW)
        bb.screenshot("plan-saved")

        # Export PDF…, through the file chooser.
        bb.activate(find_first(bb, "push button", "Export PDF…", plan_page))
        chooser = bb.top_level("Export the Safety Plan", timeout=20)
        bb.screenshot("file-chooser")
        # The name field, found by what it holds: the plan's title, offered as the name.
        name = bb.wait_for(lambda: next((n for n in bb.find_all("text", within=chooser)
                                         if bb.text_of(n) == f"{PLAN}.pdf"), None),
                           lambda: f"the file's name “{PLAN}.pdf” offered (the chooser holds "
                                   f"{[(n.name, bb.text_of(n)) for n in bb.find_all('text', within=chooser)]})",
                           timeout=10)
        bb.set_text(name, PDF_NAME)
        bb.activate(bb.find("push button", "Export", within=chooser))
        bb.wait_gone(chooser, "the file chooser to close")
        bb.wait_for(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 1000,
                    f"the plan to be written to {pdf}", timeout=30)
        time.sleep(0.5)
        bb.screenshot("exported")

        # A tri-fold brochure for the neighbourhood, from the Reports view.
        bb.activate(bb.find("page tab", "Reports", within=window))
        view = bb.find("filler", "BbReportsView", within=window, timeout=10)
        gallery = bb.find("list", "Documents", within=view, timeout=30)
        bb.activate(bb.find("push button", "Open Tri-Fold Brochure", within=gallery, timeout=10))
        bb.wait_for(lambda: any(t.startswith("Page 1 of") for t in bb.labels(view)),
                    lambda: f"the brochure's preview (the view shows {bb.labels(view)})", timeout=60)
        bb.screenshot("brochure-preview")
        bb.activate(bb.find("push button", "Export", within=view))
        bb.activate(bb.find("menu item", "Export as PDF…", timeout=10))
        chooser = bb.top_level("Export as PDF", timeout=20)
        bb.set_text(bb.find("text", None, within=chooser, timeout=10), brochure)
        bb.activate(bb.find("push button", "Export", within=chooser))
        bb.wait_gone(chooser, "the file chooser to close", timeout=20)
        bb.wait_for(lambda: os.path.exists(brochure) and os.path.getsize(brochure) > 10000,
                    f"the brochure to be written to {brochure}", timeout=60)
        bb.screenshot("brochure-exported")
    finally:
        bb.quit()

    # Outcomes in the store.
    db = sqlite3.connect(f"file:{station}?mode=ro", uri=True)
    stage, response_start, response_end = db.execute(
        "SELECT stage, response_start, response_end FROM problem WHERE id = ?", (problem_id,)).fetchone()
    if stage != "assessment":
        raise JourneyError(f"the problem is in “{stage}”, not in Assessment")
    if response_start is None or response_end is None or response_end - response_start < 80 * 86400:
        raise JourneyError(f"the problem's response period is {response_start} – {response_end}")
    responses = db.execute("SELECT id, agreed, start_date, end_date FROM response WHERE problem_id = ? AND title = ?",
                           (problem_id, RESPONSE)).fetchall()
    if len(responses) != 1 or responses[0][1:] != (1, RESPONSE_FROM, RESPONSE_TO):
        raise JourneyError(f"the response recorded is {responses}")
    tasks = db.execute("SELECT due_date, done FROM task WHERE response_id = ? AND title = ?",
                       (responses[0][0], TASK)).fetchall()
    if tasks != [(TASK_DUE, 0)]:
        raise JourneyError(f"the response's task is {tasks}")
    plans = db.execute("SELECT id, period_start, period_end FROM plan WHERE title = ?", (PLAN,)).fetchall()
    if len(plans) != 1 or plans[0][1:] != ("2026-06-01", "2027-05-31"):
        raise JourneyError(f"the plan recorded is {plans}")
    plan_id = plans[0][0]
    if db.execute("SELECT count(*) FROM plan").fetchone()[0] != plans_before + 1:
        raise JourneyError("the station gained more than one plan")
    if db.execute("SELECT problem_id FROM plan_problem WHERE plan_id = ?", (plan_id,)).fetchall() != [(problem_id,)]:
        raise JourneyError("the plan does not take on the problem (and only it)")
    if db.execute("SELECT count(*) FROM task WHERE plan_id = ? AND title = ?", (plan_id, PLAN_TASK)).fetchone()[0] != 1:
        raise JourneyError(f"the plan has no task “{PLAN_TASK}”")
    if db.execute("SELECT review_date FROM plan_review WHERE plan_id = ?", (plan_id,)).fetchall() != [(REVIEW,)]:
        raise JourneyError("the plan's review date is not stored")
    audit = db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'problem' AND row_id = ? AND action = 'update'",
                       (problem_id,)).fetchone()[0]
    if audit < 3:
        raise JourneyError(f"the audit log has {audit} updates of the problem; three moves were made")

    # The PDF, as residents read it.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for wanted in (PLAN, PROBLEM, RESPONSE, "Walk the paths at night", "Report back to the", "15 September 2026",
                   "COMMUNITY SAFETY PLAN", "Who does what"):
        if wanted not in flat:
            raise JourneyError(f"the exported plan does not say “{wanted}”: {flat[:600]}")
    leaks = []
    # The station's own address and numbers are public: every poster has them
    # (and partners housed in the same building share its address).
    public = {v for v in db.execute("SELECT address, phone, email, website FROM station").fetchone() if v}
    for description, address in db.execute("SELECT description, address FROM incident"
                                            " WHERE length(description) > 20 OR length(address) > 8"):
        for value in (description, address):
            if value and len(value) > 8 and not any(value in p for p in public) and value in flat:
                leaks.append(value)
    for name, contact, phone, address in db.execute("SELECT name, contact_name, phone, address FROM partner"):
        for value in (contact, phone, address):
            if value and len(value) > 5 and not any(value in p for p in public) and value in flat:
                leaks.append(value)
    for (name,) in db.execute("SELECT name FROM partner WHERE is_person = 1"):
        if name in flat:
            leaks.append(name)
    if leaks:
        raise JourneyError(f"the public plan holds what it must not: {leaks[:5]}")

    # The brochure: two pages (outside and inside), and nothing restricted.
    pages = subprocess.run(["pdfinfo", brochure], capture_output=True, text=True, check=True).stdout
    if not re.search(r"^Pages:\s+2$", pages, re.M):
        raise JourneyError(f"the brochure is not two pages: {pages}")
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", brochure, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for (description,) in db.execute("SELECT description FROM incident WHERE restricted = 1 AND length(description) > 20"):
        if description in text:
            raise JourneyError(f"the brochure prints a restricted incident: {description}")
    db.close()
    if not os.environ.get("BB_E2E_KEEP"):
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    bbdrive.run(journey)
