#!/usr/bin/python3
# check-po.py: every translation compiles with msgfmt --check, the complete
# ones have no untranslated or fuzzy entry, and the desktop file and metainfo
# carry them.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys

# Languages that must stay complete: every entry translated, none fuzzy.
COMPLETE = ['az', 'ru', 'ro', 'uk', 'sq']

po_dir, desktop, metainfo = sys.argv[1:4]
failures = []

linguas = [l.strip() for l in open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8')
           if l.strip() and not l.startswith('#')]
for lang in COMPLETE:
    if lang not in linguas:
        failures.append(f'{lang} is not in LINGUAS')

for lang in linguas:
    po = os.path.join(po_dir, lang + '.po')
    run = subprocess.run(['msgfmt', '--check', '--check-accelerators=_', '--statistics',
                          '-o', os.devnull, po],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    stats = run.stderr.strip()
    print(f'{lang}: {stats}')
    if run.returncode != 0:
        failures.append(f'{lang}: msgfmt --check failed:\n{stats}')
        continue
    translated = int(re.search(r'(\d+) translated', stats).group(1))
    fuzzy = re.search(r'(\d+) fuzzy', stats)
    untranslated = re.search(r'(\d+) untranslated', stats)
    if lang in COMPLETE:
        if fuzzy:
            failures.append(f'{lang}: {fuzzy.group(1)} fuzzy entries')
        if untranslated:
            failures.append(f'{lang}: {untranslated.group(1)} untranslated entries')
        if translated < 1000:
            failures.append(f'{lang}: only {translated} entries')
    # The header says how many plural forms there are, and every plural
    # entry has that many.
    text = open(po, encoding='utf-8').read()
    m = re.search(r'Plural-Forms: nplurals=(\d+); plural=([^;]+);', text)
    if not m:
        failures.append(f'{lang}: no Plural-Forms header')
        continue
    n = int(m.group(1))
    for entry in text.split('\n\n'):
        if 'msgid_plural' in entry and '#~' not in entry:
            forms = re.findall(r'^msgstr\[(\d+)\]', entry, re.M)
            if len(forms) != n:
                failures.append(f'{lang}: a plural entry has {len(forms)} forms, not {n}:\n{entry}')
                break

desktop_text = open(desktop, encoding='utf-8').read()
metainfo_text = open(metainfo, encoding='utf-8').read()
for lang in COMPLETE:
    for key in ('Name', 'Comment', 'GenericName', 'Keywords'):
        if f'\n{key}[{lang}]=' not in desktop_text:
            failures.append(f'{desktop}: no {key}[{lang}]')
    if f'<summary xml:lang="{lang}">' not in metainfo_text:
        failures.append(f'{metainfo}: no summary in {lang}')
    if f'<p xml:lang="{lang}">' not in metainfo_text:
        failures.append(f'{metainfo}: no description in {lang}')

for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
