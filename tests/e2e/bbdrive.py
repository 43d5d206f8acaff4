# bbdrive.py: drives Beatbook through its accessibility tree, as a user would
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for Beatbook's end-to-end journeys.

The journeys start the real program under the test's X server and session
bus, find widgets by their accessible role and name (what a screen reader
user hears), activate them, and save a screenshot of the screen at every
step so that a person can review the journey afterwards.
"""

import os
import subprocess
import sys
import time

import pyatspi

BEATBOOK = os.environ.get("BEATBOOK", "beatbook")
SHOTS = os.environ.get("BB_E2E_SHOTS", os.path.join(os.getcwd(), "e2e-shots"))
# Every wait is this many times longer: the sanitize test setup (top
# meson.build) runs a Beatbook built with AddressSanitizer, several times
# slower to start and to answer.
TIMEOUT_SCALE = float(os.environ.get("BB_E2E_TIMEOUT_SCALE", "1"))
# An accessibility call waits 0.8 s for Beatbook's answer (and 15 s after it
# started), libatspi's defaults; there an activation that opens a dialog
# answered later than that, and the call failed although the action ran.
if TIMEOUT_SCALE > 1:
    from gi.repository import Atspi
    Atspi.set_timeout(int(800 * TIMEOUT_SCALE), int(15000 * TIMEOUT_SCALE))


class JourneyError(AssertionError):
    pass


# The exit status that asks session.py for another X server and another try.
DISPLAY_LOST = 75


def _display_usable():
    import ctypes
    try:
        xlib = ctypes.CDLL("libX11.so.6")
    except OSError:
        return True
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = xlib.XOpenDisplay(os.environ.get("DISPLAY", "").encode())
    if connection:
        xlib.XCloseDisplay(connection)
        return True
    return False


def _is_showing(node):
    """GTK 4.8 does not report STATE_SHOWING; a mapped widget has a size."""
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def _name_matches(name, wanted):
    """GTK 4.8 names a button with a mnemonic “_Open Open”: compare without
    the underline and the repeated label."""
    if name is None:
        return False
    if name == wanted:
        return True
    plain = name.replace("_", "")
    return plain == wanted or plain == f"{wanted} {wanted}"


# Tables hold thousands of accessible cells: walking one costs seconds, so
# searches do not enter them unless asked to (prune=()).
PRUNE = ("tree table", "table")


def _walk(node, depth=0, limit=60, prune=PRUNE):
    if node is None or depth > limit:
        return
    yield node
    try:
        if depth > 0 and node.getRoleName() in prune:
            return
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from _walk(child, depth + 1, limit, prune)


class Beatbook:
    """One running Beatbook, found in the accessibility registry."""

    def __init__(self, journey, args, env=None):
        self.journey = journey
        self.step = 0
        os.makedirs(SHOTS, exist_ok=True)
        # The last run's pictures would mix with this one's.
        for old in os.listdir(SHOTS):
            if old.startswith(f"{journey}-") and old.endswith(".png"):
                os.remove(os.path.join(SHOTS, old))
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen([BEATBOOK] + list(args), env=full_env)
        self.app = None

    # -- finding -----------------------------------------------------------

    def _application(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            try:
                if app.get_process_id() == self.proc.pid:
                    return app
            except Exception:
                pass
            if app.name in ("beatbook", "Beatbook"):
                return app
        return None

    def wait_for(self, predicate, what, timeout=30.0):
        """Polls @predicate until it returns something true; fails naming
        @what (a string, or a function that describes what it found)."""
        timeout *= TIMEOUT_SCALE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise JourneyError(f"Beatbook exited ({self.proc.returncode}) while waiting for {what}")
            try:
                found = predicate()
            except Exception:
                found = None
            if found:
                return found
            time.sleep(0.2)
        self.screenshot("timeout")
        if callable(what):
            # A description of what there is, taken when the time is up.
            what = what()
        raise JourneyError(f"timed out after {timeout:.0f} s waiting for {what}")

    def start(self, timeout=60.0):
        try:
            return self._start(timeout)
        except JourneyError:
            if self.proc.poll() is not None and not _display_usable():
                # Not Beatbook's fault: the X server went away under it
                # (another run on the machine took or ended the display).
                print(f"the display {os.environ.get('DISPLAY')} is gone; session.py tries again", file=sys.stderr)
                sys.exit(DISPLAY_LOST)
            raise

    def _start(self, timeout):
        def frame():
            self.app = self._application()
            if self.app is None:
                return None
            for node in self.app:
                if node is not None and node.getRoleName() == "frame" and node.getState().contains(pyatspi.STATE_VISIBLE):
                    return node
            return None
        self.window = self.wait_for(frame, "the main window", timeout)
        return self.window

    def find_all(self, role=None, name=None, showing=True, within=None, prune=PRUNE):
        """Every node under @within (the application if None) with @role and
        @name.  Search from the smallest root you know: the pages the window
        is not showing keep their old extents in GTK 4.8."""
        root = within if within is not None else (self.app or self._application())
        found = []
        for node in _walk(root, prune=prune):
            try:
                if role is not None and node.getRoleName() != role:
                    continue
                if name is not None and not _name_matches(node.name, name):
                    continue
                if showing and not _is_showing(node):
                    continue
            except Exception:
                continue
            found.append(node)
        return found

    def find(self, role=None, name=None, timeout=20.0, within=None, prune=PRUNE):
        def one():
            nodes = self.find_all(role, name, within=within, prune=prune)
            return nodes[0] if nodes else None
        where = f" in “{within.name}”" if within is not None and within.name else ""
        return self.wait_for(one, f"a {role or 'widget'} named “{name}”{where}", timeout)

    def top_level(self, name, timeout=20.0):
        """A window of the application by its title (an AdwWindow such as an
        editor is a “filler” in GTK 4.8, not a “frame”)."""
        def window():
            for node in self.app:
                if node is not None and node.name == name and _is_showing(node):
                    return node
            return None
        return self.wait_for(window, f"the window “{name}”", timeout)

    def main_menu(self, window, title="Beatbook", timeout=10.0):
        """Opens @window's main menu with F10, as a keyboard user does (GTK
        4.8's menu buttons offer no action to AT-SPI), and returns the open
        menu, the popover under the button: search it for the item rather
        than the application, whose pages out of sight hold over a thousand
        nodes."""
        # Each page has its button; one out of sight may still look shown
        # (see find_all), so the one F10 opened is the one expanded.
        buttons = self.wait_for(lambda: self.find_all("push button", "Main Menu", showing=False, within=window),
                                "the window's Main Menu buttons", timeout)
        self.focus_window(title)
        self.keys("F10")

        def opened():
            for button in buttons:
                if button.getState().contains(pyatspi.STATE_EXPANDED):
                    return next((child for child in button
                                 if child is not None and child.getRoleName() == "menu"), None)
            return None
        return self.wait_for(opened, "the main menu to open under its button", timeout)

    def wait_gone(self, node, what, timeout=20.0):
        """Waits until @node (a window or a popover) is no longer shown."""
        def gone():
            try:
                return node.getIndexInParent() < 0 or not _is_showing(node)
            except Exception:
                return True
        return self.wait_for(gone, what, timeout)

    def text_of(self, node):
        try:
            t = node.queryText()
            return t.getText(0, t.characterCount)
        except Exception:
            return node.name or ""

    def labels(self, within, prune=PRUNE):
        """The text of every label showing under @within."""
        return [self.text_of(n) for n in _walk(within, prune=prune)
                if n.getRoleName() == "label" and _is_showing(n)]

    def all_text(self):
        """Every accessible name and text showing in the window, one string."""
        parts = []
        for node in _walk(self.app):
            if not _is_showing(node):
                continue
            if node.name:
                parts.append(node.name)
            if node.getRoleName() in ("label", "text", "heading", "paragraph"):
                parts.append(self.text_of(node))
        return "\n".join(parts)

    # -- acting ------------------------------------------------------------

    def activate(self, node):
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        for wanted in ("click", "activate", "press", "toggle"):
            if wanted in names:
                action.doAction(names.index(wanted))
                return
        if action.nActions > 0:
            action.doAction(0)
            return
        raise JourneyError(f"“{node.name}” ({node.getRoleName()}) cannot be activated")

    def press(self, role, name):
        node = self.find(role, name)
        self.activate(node)
        return node

    def set_text(self, node, text):
        """Types @text into an entry through its EditableText interface, as
        an on-screen keyboard or a dictation tool would, and checks that the
        entry now holds it."""
        try:
            editable = node.queryEditableText()
        except NotImplementedError:
            raise JourneyError(f"the {node.getRoleName()} “{node.name}” cannot be typed into (no EditableText)")
        editable.setTextContents(text)
        self.wait_for(lambda: self.text_of(node) == text,
                      lambda: f"the {node.getRoleName()} “{node.name}” to hold “{text}” (it holds “{self.text_of(node)}”)",
                      timeout=5)

    def focus_window(self, title):
        """Gives the keyboard to the X window titled @title, so that keys go
        there (there is no window manager under Xvfb to do it)."""
        ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                             capture_output=True, text=True).stdout.split()
        if ids:
            subprocess.run(["xdotool", "windowfocus", "--sync", ids[-1]],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5)

    def click(self, node, title="Beatbook"):
        """Clicks the middle of @node with the mouse, in the X window titled
        @title: for the few widgets GTK 4.8 gives no action (menu buttons)."""
        ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                             capture_output=True, text=True).stdout.split()
        if not ids:
            raise JourneyError(f"no window titled “{title}” to click in")
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", ids[-1]],
                                  capture_output=True, text=True).stdout
        origin = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        x = int(origin.get("X", 0)) + e.x + e.width // 2
        y = int(origin.get("Y", 0)) + e.y + e.height // 2
        subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"], check=True)
        time.sleep(0.15)

    def keys(self, *combos):
        """Types key combinations (xdotool syntax, e.g. 'ctrl+2') into the focused window."""
        for combo in combos:
            subprocess.run(["xdotool", "key", "--clearmodifiers", combo], check=True)
            time.sleep(0.15)

    def screenshot(self, label):
        self.step += 1
        path = os.path.join(SHOTS, f"{self.journey}-{self.step:02d}-{label}.png")
        subprocess.run(["import", "-window", "root", path], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run(journey_func):
    """Runs a journey and turns its outcome into a test exit status."""
    try:
        journey_func()
    except JourneyError as e:
        print(f"journey failed: {e}", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
