#!/usr/bin/python3
# check-po.py: every translation compiles with msgfmt --check, the complete
# ones translate every message the sources hold today (not only those of
# their po file), no message is cut by a format macro gettext cannot read,
# and the desktop file and metainfo carry the complete ones.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import tempfile

# Languages that must stay complete: every entry translated, none fuzzy.
COMPLETE = ['az', 'ru', 'ro', 'uk', 'sq', 'et', 'lv', 'tg']

po_dir, desktop, metainfo = sys.argv[1:4]
failures = []

# The messages of the sources as they are now, extracted as po/meson.build
# does (the glib preset's keywords and flags, and the render keywords).
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_snprintf:3:c-format',
    '--keyword=TC:1c,2', '--keyword=TN:1,2',
    '--keyword=bb_render_pgettext:2c,3', '--keyword=bb_render_ngettext:2,3',
]
source_root = os.path.dirname(os.path.abspath(po_dir))
scratch = tempfile.mkdtemp(prefix='beatbook-check-po-')
fresh_pot = os.path.join(scratch, 'beatbook.pot')
run = subprocess.run(['xgettext', '--package-name=beatbook', '-D', source_root,
                      '--files-from=' + os.path.join(po_dir, 'POTFILES.in'), '-o', fresh_pot] + XGETTEXT_ARGS,
                     capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
if run.returncode != 0:
    failures.append(f'xgettext failed:\n{run.stderr}')
for line in run.stderr.splitlines():
    # "%" G_GUINT64_FORMAT inside _() cuts the message where gettext
    # stops reading: the translation is never found.
    if 'not a valid C format string' in line:
        failures.append(f'a message cut by a format macro: {line}')

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
    if lang in COMPLETE and os.path.exists(fresh_pot):
        # Every message of today's sources, translated and not fuzzy.
        cmp = subprocess.run(['msgcmp', po, fresh_pot], capture_output=True, text=True,
                             env=dict(os.environ, LC_ALL='C'))
        if cmp.returncode != 0:
            missing = sum(cmp.stderr.count(what) for what in ('this message is untranslated',
                                                             'this message needs to be reviewed',
                                                             'this message is used but not defined'))
            failures.append(f'{lang}: {missing} messages of the sources are not translated '
                            f'(meson compile -C _build beatbook-update-po, then translate them)')
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
