#!/usr/bin/python3
# check-install.py: `meson install` into a scratch directory installs a
# program that runs and speaks the installed translations, the desktop file,
# the metainfo, both icons, the settings schema and every language's catalogue.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile

build_dir, app_id, po_dir = sys.argv[1:4]
failures = []

dest = tempfile.mkdtemp(prefix='beatbook-install-')
try:
    run = subprocess.run(['meson', 'install', '-C', build_dir, '--no-rebuild',
                          '--quiet', '--destdir', dest],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit('meson install failed:\n' + run.stdout + run.stderr)

    installed = {}
    for root, _dirs, files in os.walk(dest):
        for name in files:
            path = os.path.join(root, name)
            installed[os.path.relpath(path, dest)] = path

    def find(suffix):
        hits = [path for rel, path in installed.items() if rel.endswith(suffix)]
        if len(hits) != 1:
            failures.append('expected one installed file ending in %s, found %d' % (suffix, len(hits)))
            return None
        return hits[0]

    program = find('/bin/beatbook')
    desktop = find('/share/applications/%s.desktop' % app_id)
    metainfo = find('/share/metainfo/%s.metainfo.xml' % app_id)
    find('/share/icons/hicolor/scalable/apps/%s.svg' % app_id)
    find('/share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % app_id)
    schema = find('/share/glib-2.0/schemas/org.beatbook.Beatbook.gschema.xml')

    languages = [line.strip() for line in open(os.path.join(po_dir, 'LINGUAS'))
                 if line.strip() and not line.startswith('#')]
    catalogues = {}
    for lang in languages:
        catalogues[lang] = find('/share/locale/%s/LC_MESSAGES/beatbook.mo' % lang)

    if desktop:
        exec_lines = [l for l in open(desktop, encoding='utf-8') if l.startswith('Exec=')]
        if not exec_lines or exec_lines[0].split('=', 1)[1].split()[0] != 'beatbook':
            failures.append('the desktop file does not start the installed program: %r' % exec_lines)
        for lang in languages:
            if not any(l.startswith('Name[%s]=' % lang) or l.startswith('Comment[%s]=' % lang)
                       for l in open(desktop, encoding='utf-8')):
                failures.append('the installed desktop file has no %s name or comment' % lang)
        if shutil.which('desktop-file-validate'):
            v = subprocess.run(['desktop-file-validate', desktop], capture_output=True, text=True)
            if v.returncode != 0:
                failures.append('installed desktop file: ' + v.stdout + v.stderr)

    if metainfo and shutil.which('appstreamcli'):
        v = subprocess.run(['appstreamcli', 'validate', '--no-net', metainfo],
                           capture_output=True, text=True)
        if v.returncode != 0:
            failures.append('installed metainfo: ' + v.stdout + v.stderr)

    env = dict(os.environ)
    if schema:
        schema_dir = os.path.dirname(schema)
        v = subprocess.run(['glib-compile-schemas', '--strict', schema_dir],
                           capture_output=True, text=True)
        if v.returncode != 0:
            failures.append('installed schema does not compile: ' + v.stderr)
        env['GSETTINGS_SCHEMA_DIR'] = schema_dir

    if program:
        if not os.access(program, os.X_OK):
            failures.append('the installed program is not executable')
        v = subprocess.run([program, '--version'], capture_output=True, text=True, env=env)
        if v.returncode != 0 or 'beatbook' not in v.stdout.lower():
            failures.append('installed `beatbook --version` printed %r (exit %d)' % (v.stdout, v.returncode))
        # The installed catalogues, found where the program looks for them
        # (the prefix is under the scratch directory here).
        if catalogues.get('ru'):
            env_ru = dict(env, LANGUAGE='ru', LC_ALL='C.UTF-8',
                          BEATBOOK_LOCALEDIR=os.path.dirname(os.path.dirname(os.path.dirname(catalogues['ru']))))
            v = subprocess.run([program, '--help'], capture_output=True, text=True, env=env_ru)
            if v.returncode != 0 or not any('\u0400' <= c <= '\u04ff' for c in v.stdout):
                failures.append('installed `beatbook --help` in Russian printed no Cyrillic:\n' + v.stdout[:400])
finally:
    shutil.rmtree(dest, ignore_errors=True)

for f in failures:
    print('FAIL:', f)
if failures:
    sys.exit(1)
print('installed: program, desktop file, metainfo, icons, schema, %d catalogues' % len(languages))
