#!/usr/bin/python3
# render_pycairo.py: the peer of bench-render: the same A4 report pages drawn with pycairo + PangoCairo.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints the best pages per second of --reps runs on stdout: by the wall
# clock, then by the processor time of this process (which the machine's
# other load does not change).

import argparse
import time

import cairo
import gi

gi.require_version("Pango", "1.0")
gi.require_version("PangoCairo", "1.0")
from gi.repository import Pango, PangoCairo  # noqa: E402

PARAGRAPHS = [
    "The neighbourhood officer met residents of the northern estate three times this quarter. Their main "
    "concerns were poor street lighting along the river path, speeding on the school road and groups of "
    "young people gathering late in the evening near the shops.",
    "Together with the municipality and the school, the station agreed on a plan: new lights on the river "
    "path before winter, speed checks twice a week at school times, and an open evening at the youth centre "
    "run with the social services and a local sports club.",
    "Burglaries in the old town fell after the lighting work, while reports of fraud against older residents "
    "rose; a leaflet campaign with the pensioners' association and the post office starts next month.",
]
LABELS = ["Theft", "Burglary", "Assault", "Fraud", "Drugs", "Vandalism", "Traffic", "Noise"]


def layout(ctx, text, size, bold=False, width=None, align=Pango.Alignment.LEFT):
    lay = Pango.Layout.new(ctx)
    font = Pango.FontDescription.from_string("Noto Sans %s %g" % ("Bold" if bold else "", size))
    lay.set_font_description(font)
    if width is not None:
        lay.set_width(int(width * Pango.SCALE))
        lay.set_wrap(Pango.WrapMode.WORD_CHAR)
    lay.set_alignment(align)
    attrs = Pango.AttrList()
    attrs.insert(Pango.attr_line_height_new_absolute(int(size * 1.4 * Pango.SCALE)))
    lay.set_attributes(attrs)
    lay.set_text(text, -1)
    return lay


def show(cr, lay, x, y, rgb=(0.11, 0.11, 0.11)):
    cr.set_source_rgb(*rgb)
    cr.move_to(x, y)
    PangoCairo.show_layout(cr, lay)


def draw_page(cr, ctx, index, n_pages):
    cr.set_source_rgb(0x1b / 255, 0x3a / 255, 0x5c / 255)
    cr.rectangle(0, 0, 595.28, 80)
    cr.fill()
    show(cr, layout(ctx, "District report %d" % (index + 1), 20, True, 495), 50, 25, (1, 1, 1))

    y = 100
    for text in PARAGRAPHS:
        lay = layout(ctx, text, 10, False, 495)
        show(cr, lay, 50, y)
        y += lay.get_size()[1] / Pango.SCALE + 8

    # The table: header, 12 rows, stripes and rules.
    y = 330
    col_w = 495 / 4
    rows = [("District", "This quarter", "Last quarter", "Change")]
    for r in range(12):
        rows.append(("District %d" % (r + 1), str((index * 7 + r * 13) % 90 + 5),
                     str((index * 5 + r * 11) % 90 + 5), "no real change"))
    for r, row in enumerate(rows):
        lays = [layout(ctx, cell, 9, r == 0, col_w - 7) for cell in row]
        h = max(lay.get_size()[1] for lay in lays) / Pango.SCALE + 5.2
        if r == 0 or r % 2 == 0:
            cr.set_source_rgb(0.91, 0.91, 0.91) if r == 0 else cr.set_source_rgb(0.96, 0.96, 0.96)
            cr.rectangle(50, y, 495, h)
            cr.fill()
        for c, lay in enumerate(lays):
            show(cr, lay, 50 + c * col_w + 3.5, y + 2.6)
        y += h
        cr.set_source_rgb(0.8, 0.8, 0.8)
        cr.set_line_width(0.4)
        cr.move_to(50, y)
        cr.line_to(545, y)
        cr.stroke()

    # The bar chart.
    x0, y0, w, h = 50, 600, 495, 180
    show(cr, layout(ctx, "Incidents by category", 11, True), x0, y0)
    values = [(index * 3 + i * 17) % 50 + 10 for i in range(8)]
    top, step = 60, 10
    plot_x, plot_w, plot_y, plot_h = x0 + 28, w - 28, y0 + 22, h - 18 - 4 - 26
    cr.set_line_width(0.4)
    v = 0
    while v <= top:
        gy = plot_y + plot_h - v / top * plot_h
        cr.set_source_rgb(0.87, 0.87, 0.87)
        cr.move_to(plot_x, gy)
        cr.line_to(plot_x + plot_w, gy)
        cr.stroke()
        lay = layout(ctx, "%d" % v, 8.5)
        show(cr, lay, plot_x - 4 - lay.get_size()[0] / Pango.SCALE, gy - 5.5)
        v += step
    group_w = plot_w / 8
    for i, label in enumerate(LABELS):
        show(cr, layout(ctx, label, 8.5, False, group_w - 2, Pango.Alignment.CENTER),
             plot_x + i * group_w + 1, plot_y + plot_h + 3)
        bh = values[i] / top * plot_h
        cr.rectangle(plot_x + i * group_w + group_w * 0.125, plot_y + plot_h - bh, group_w * 0.75 * 0.92, bh)
    cr.set_source_rgb(0xd9 / 255, 0x8c / 255, 0x1f / 255)
    cr.fill()
    cr.set_source_rgb(0.4, 0.4, 0.4)
    cr.set_line_width(0.8)
    cr.move_to(plot_x, plot_y + plot_h)
    cr.line_to(plot_x + plot_w, plot_y + plot_h)
    cr.stroke()

    show(cr, layout(ctx, "Page %d of %d" % (index + 1, n_pages), 8, False, 495), 50, 800)


def render(path, n_pages):
    start = time.perf_counter()
    cpu = time.process_time()
    surface = cairo.PDFSurface(path, 595.28, 841.89)
    cr = cairo.Context(surface)
    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    options.set_hint_style(cairo.HINT_STYLE_NONE)
    for i in range(n_pages):
        ctx = PangoCairo.create_context(cr)
        PangoCairo.context_set_font_options(ctx, options)
        PangoCairo.context_set_resolution(ctx, 72)
        draw_page(cr, ctx, i, n_pages)
        cr.show_page()
    surface.finish()
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--output", default="/tmp/render_pycairo.pdf")
    args = parser.parse_args()
    render(args.output, args.pages)  # fonts and caches warm
    runs = [render(args.output, args.pages) for _ in range(args.reps)]
    wall = min(run[0] for run in runs)
    cpu = min(run[1] for run in runs)
    print("%.1f %.1f" % (args.pages / wall, args.pages / cpu))


if __name__ == "__main__":
    main()
