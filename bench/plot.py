#!/usr/bin/env python3
"""Draws docs/images/performance.svg (horizontal bars: median with a min-max whisker) from bench/results.csv.

results.csv columns: label,median,min,max,group  (group colours the bar: ours, peer, baseline, target)
Standard library only, so it runs on any machine that runs the benchmarks.
"""
import csv
import html
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
rows = list(csv.DictReader(open(here / "results.csv")))
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "docs" / "images" / "performance.svg"
colours = {"ours": "#1f5fbf", "peer": "#c77c1e", "baseline": "#8a8f98", "target": "#2e7d32"}
left, bar_h, gap, width = 330, 22, 10, 520
top = 40
scale = max(float(r["max"]) for r in rows) * 1.08
height = top + len(rows) * (bar_h + gap) + 40
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" height="{height}" '
         f'font-family="system-ui, sans-serif" font-size="13">',
         f'<text x="10" y="22" font-size="15" font-weight="bold">Requests per second, median of 3 '
         f'(whisker: min-max), 2 cores, load generator on the same cores</text>']
for i, r in enumerate(rows):
    y = top + i * (bar_h + gap)
    med, lo, hi = float(r["median"]), float(r["min"]), float(r["max"])
    w = med / scale * width
    parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{html.escape(r["label"])}</text>')
    parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colours.get(r["group"], "#555")}"/>')
    x1, x2 = left + lo / scale * width, left + hi / scale * width
    parts.append(f'<line x1="{x1:.1f}" y1="{y + bar_h / 2}" x2="{x2:.1f}" y2="{y + bar_h / 2}" stroke="#222"/>')
    parts.append(f'<text x="{left + max(w, x2 - left) + 6:.1f}" y="{y + 16}">{med:,.0f}</text>')
parts.append("</svg>")
out.write_text("\n".join(parts) + "\n")
print(f"wrote {out}")
