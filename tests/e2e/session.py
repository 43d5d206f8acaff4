#!/usr/bin/python3
# session.py: runs one journey on an X server, a session bus and a runtime directory of its own
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: session.py JOURNEY.py

The accessibility bus launcher puts its socket in $XDG_RUNTIME_DIR/at-spi,
or in ~/.cache/at-spi when that is unset, as it is under meson test.  That
path is shared by every test run on the machine: when one run's bus exits
it removes the socket and cuts the other runs' accessibility off mid-journey.
A runtime directory per journey keeps them apart.

For the same reason each journey has an X server of its own, on a display
checked to be free (`xvfb-run -a` and Xvfb's own -displayfd search look at
the lock files only; a server in another container on the same number then
takes the clients through the abstract socket)."""

import os
import random
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import ctypes
import time


def _display_free(number):
    """No lock file and no listener on the abstract socket: another
    container's X server on the same display number would take this one's
    clients through the abstract socket even without a lock file here."""
    if os.path.exists(f"/tmp/.X{number}-lock"):
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.bind(f"\0/tmp/.X11-unix/X{number}")
        return True
    except OSError:
        return False
    finally:
        probe.close()


def _display_answers(display, attempts=10):
    """A client can open the display.  (The server runs with -noreset: by
    default Xvfb resets when its last client leaves, as this check's or the
    accessibility bus launcher's connection does, and refuses clients while
    it resets.)"""
    xlib = ctypes.CDLL("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    for _ in range(attempts):
        connection = xlib.XOpenDisplay(display.encode())
        if connection:
            xlib.XCloseDisplay(connection)
            return True
        time.sleep(0.1)
    return False


def start_x_server(timeout=30):
    """An Xvfb on a free display away from the usual ones (0 for desktops,
    99 for xvfb-run); returns the process and the display."""
    for number in random.sample(range(200, 1000), 40):
        if not _display_free(number):
            continue
        read_end, write_end = os.pipe()
        server = subprocess.Popen(["Xvfb", f":{number}", "-displayfd", str(write_end),
                                   "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
                                  pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            # Xvfb writes the display number once it accepts clients; it
            # exits without a word when the display was taken meanwhile.
            ready, _, _ = select.select([pipe], [], [], timeout)
            # Another run that picked the same number at the same moment
            # may own the display: then this server exits, and a client
            # that connected reached the other one.
            if ready and os.read(pipe.fileno(), 16).strip() == str(number).encode() \
                    and _display_answers(f":{number}"):
                time.sleep(0.2)
                if server.poll() is None:
                    return server, f":{number}"
        server.kill()
        server.wait()
    sys.exit("Xvfb did not start on any of 40 displays tried")


# bbdrive's exit status when the X server went away before Beatbook could
# open its window: another server, another try.
DISPLAY_LOST = 75


def run_once(journey):
    """Runs the journey on a new X server; returns its exit status and
    whether the display went away under it (the server died, or a client
    could not open it)."""
    server, display = start_x_server()
    runtime = tempfile.mkdtemp(prefix="bb-e2e-run-")
    os.chmod(runtime, 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime, DISPLAY=display, GDK_BACKEND="x11")
    for name in ("WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(name, None)
    lost_display = False
    try:
        # stderr is passed on line by line, and read for a display lost to
        # another X server on the same machine.
        child = subprocess.Popen(["dbus-run-session", "--", sys.executable, journey], env=env,
                                 stderr=subprocess.PIPE, text=True, errors="replace")
        for line in child.stderr:
            sys.stderr.write(line)
            if "cannot open display" in line:
                lost_display = True
        return child.wait(), lost_display or server.poll() is not None
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(runtime, ignore_errors=True)


def main(journey, attempts=3):
    """A journey whose program could not open its display never started:
    that is the machine's doing (an X server taken or killed by another
    run), not Beatbook's, and it runs again on another display."""
    for attempt in range(attempts):
        status, lost_display = run_once(journey)
        if status == 0 or not (lost_display or status == DISPLAY_LOST):
            return status
        print(f"the display was lost before Beatbook started (attempt {attempt + 1}); trying another",
              file=sys.stderr)
    return status


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
