#!/usr/bin/env python3
"""Draws the cheat sheet's layout pictures (notebooks/cheatsheet.md) as SVG files next to this script.

    python3 notebooks/images/draw_layouts.py

Each picture shows a tensor as a grid (2-D layouts) or a box (N, C and the spatial positions), with the entries that
share ONE mean and variance shaded: the reduced axes run through the shaded block. Standard library only; the output
is deterministic, so running it again leaves git clean unless the drawing changed.
"""
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"'
SHADE = "#56B4E9"      # Okabe-Ito sky blue: the entries of one statistic
SHADE_TOP = "#A6D8F5"
SHADE_SIDE = "#2E8BC4"
FACE = "#F4F4F4"
LINE = "#888888"


def svg(width, height, title, desc, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-labelledby="t d" {FONT}>\n'
            f'  <title id="t">{escape(title)}</title>\n  <desc id="d">{escape(desc)}</desc>\n'
            f'  <rect width="{width}" height="{height}" fill="white"/>\n{body}</svg>\n')


def text(x, y, s, size=14, anchor="middle", weight="normal", colour="#111", rotate=None):
    transform = f' transform="rotate({rotate} {x} {y})"' if rotate is not None else ""
    return (f'  <text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}"'
            f' fill="{colour}"{transform}>{escape(s)}</text>\n')


def poly(points, fill, stroke=LINE, width=1.0):
    p = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'  <polygon points="{p}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>\n'


def caption_width(lines):
    """Enough width for the longest caption line at 13 px (about 7.6 px per character), with margins."""
    return int(max(len(line) for line in lines) * 7.6 + 40)


def grid(rows, cols, shaded, row_axis, col_axis, title, caption, desc, name):
    """A 2-D layout: rows x cols cells; `shaded` is a set of (r, c) cells that share one statistic."""
    cell, top = 34, 60
    w = max(110 + cols * cell + 40, caption_width(caption))
    left = (w - cols * cell) / 2 + 30
    h = top + rows * cell + 75
    body = text(w / 2, 26, title, 16, weight="bold")
    for r in range(rows):
        for c in range(cols):
            fill = SHADE if (r, c) in shaded else FACE
            body += (f'  <rect x="{left + c * cell}" y="{top + r * cell}" width="{cell}" height="{cell}"'
                     f' fill="{fill}" stroke="{LINE}"/>\n')
    body += text(left + cols * cell / 2, top - 10, col_axis + " →", 13)
    body += text(left - 14, top + rows * cell / 2, row_axis + " ↓", 13, anchor="end")
    for i, line in enumerate(caption):
        body += text(w / 2, top + rows * cell + 28 + 20 * i, line, 13)
    (HERE / name).write_text(svg(w, h, title, desc, body), encoding="utf-8")


def box(n, c, s, sub, axes, title, caption, desc, name):
    """A 3-D box of n (depth) x c (across) x s (down) cells; `sub` = ((c0, c1), (s0, s1), (n0, n1)) is shaded."""
    cw, ch, dx, dy = 30, 22, 18, 14
    width = int(max(110 + c * cw + n * dx + 60, caption_width(caption)))
    x0, y0 = (width - c * cw - n * dx) / 2 + 20, 70 + n * dy
    height = int(y0 + s * ch + 30 + 20 * len(caption))

    def at(ci, si, ni):
        return x0 + ci * cw + ni * dx, y0 + si * ch - ni * dy

    def faces(c0, c1, s0, s1, n0, n1, front, top, side, stroke=LINE):
        """The faces of a block that an opaque box would show: front (n = 0), top (s = 0), right side (c = C)."""
        out = ""
        if n0 == 0:
            out += poly([at(c0, s0, n0), at(c1, s0, n0), at(c1, s1, n0), at(c0, s1, n0)], front, stroke)
        if s0 == 0:
            out += poly([at(c0, s0, n0), at(c1, s0, n0), at(c1, s0, n1), at(c0, s0, n1)], top, stroke)
        if c1 == c:
            out += poly([at(c1, s0, n0), at(c1, s1, n0), at(c1, s1, n1), at(c1, s0, n1)], side, stroke)
        return out

    body = text(width / 2, 24, title, 16, weight="bold")
    body += faces(0, c, 0, s, 0, n, FACE, "#FAFAFA", "#EDEDED")
    for ci in range(1, c):                                          # cell lines on the three visible faces
        body += f'  <line x1="{at(ci, 0, 0)[0]:.1f}" y1="{at(ci, 0, 0)[1]:.1f}" x2="{at(ci, s, 0)[0]:.1f}" y2="{at(ci, s, 0)[1]:.1f}" stroke="#CCC"/>\n'
        body += f'  <line x1="{at(ci, 0, 0)[0]:.1f}" y1="{at(ci, 0, 0)[1]:.1f}" x2="{at(ci, 0, n)[0]:.1f}" y2="{at(ci, 0, n)[1]:.1f}" stroke="#CCC"/>\n'
    for si in range(1, s):
        body += f'  <line x1="{at(0, si, 0)[0]:.1f}" y1="{at(0, si, 0)[1]:.1f}" x2="{at(c, si, 0)[0]:.1f}" y2="{at(c, si, 0)[1]:.1f}" stroke="#CCC"/>\n'
        body += f'  <line x1="{at(c, si, 0)[0]:.1f}" y1="{at(c, si, 0)[1]:.1f}" x2="{at(c, si, n)[0]:.1f}" y2="{at(c, si, n)[1]:.1f}" stroke="#CCC"/>\n'
    for ni in range(1, n):
        body += f'  <line x1="{at(0, 0, ni)[0]:.1f}" y1="{at(0, 0, ni)[1]:.1f}" x2="{at(c, 0, ni)[0]:.1f}" y2="{at(c, 0, ni)[1]:.1f}" stroke="#CCC"/>\n'
        body += f'  <line x1="{at(c, 0, ni)[0]:.1f}" y1="{at(c, 0, ni)[1]:.1f}" x2="{at(c, s, ni)[0]:.1f}" y2="{at(c, s, ni)[1]:.1f}" stroke="#CCC"/>\n'
    (c0, c1), (s0, s1), (n0, n1) = sub
    body += faces(c0, c1, s0, s1, n0, n1, SHADE, SHADE_TOP, SHADE_SIDE, stroke="#1F5F8B")
    across, down, depth = axes
    bx, by = at(c / 2, s, 0)
    body += text(bx, by + 20, across + " →", 13)
    lx, ly = at(0, s / 2, 0)
    body += text(lx - 10, ly, down + " ↓", 13, anchor="end")
    tx, ty = at(0, 0, n / 2)
    body += text(tx - 8, ty - 4, depth + " ↗", 13, anchor="end")
    for i, line in enumerate(caption):
        body += text(width / 2, y0 + s * ch + 42 + 20 * i, line, 13)
    (HERE / name).write_text(svg(width, int(height + 20), title, desc, body), encoding="utf-8")


def main():
    n, m = 4, 6
    grid(n, m, {(1, c) for c in range(m)}, "n units", "m examples", "The paper: x is (n, m)",
         ["BN: one mean μ_B and variance σ²_B per row, over the m examples (axis 1)",
          "μ_B, σ²_B, γ, β: (n, 1)"],
         "A grid of 4 rows (units) by 6 columns (examples); row 1 is shaded: BN averages each unit over the examples"
         " of the batch, along axis 1.", "layout_n_by_m.svg")
    grid(m, n, {(r, 1) for r in range(m)}, "N examples", "D features", "Rows: x is (N, D)",
         ["BN: one mean and variance per column, over the N examples (axis 0)",
          "statistics (1, D); γ, β: (D,)"],
         "A grid of 6 rows (examples) by 4 columns (features); column 1 is shaded: BN averages each feature over the"
         " examples, along axis 0.", "layout_N_by_D.svg")
    N, C, S = 4, 6, 5
    box(N, C, S, ((2, 3), (0, S), (0, N)), ("C", "L", "N"), "Sequences: x is (N, C, L)",
        ["BatchNorm1d: per channel, over N and L (axes 0 and 2)", "statistics (1, C, 1); γ, β: (C,)"],
        "A box with axes N (depth), C (across) and L (down); the slab of channel 2 through every example and position"
        " is shaded.", "layout_NCL.svg")
    box(N, C, S, ((2, 3), (0, S), (0, N)), ("C", "H, W", "N"), "Images, channels first: (N, C, H, W)",
        ["BatchNorm2d: per channel, over N, H and W (axes 0, 2, 3)", "statistics (1, C, 1, 1); γ, β: (C,)"],
        "A box with axes N (depth), C (across) and the H times W positions (down); the slab of one channel through"
        " every example and position is shaded.", "layout_NCHW.svg")
    box(N, C, S, ((4, 5), (0, S), (0, N)), ("C (stored last)", "H, W", "N"), "Images, channels last: (N, H, W, C)",
        ["Keras BatchNormalization(axis=-1): per channel, over N, H and W (axes 0, 1, 2)",
         "statistics (1, 1, 1, C); γ, β: (C,)"],
        "The same box with the channel axis stored last; the slab of one channel through every example and position"
        " is shaded, exactly as for channels first.", "layout_NHWC.svg")
    box(N, C, S, ((0, C), (0, S), (0, 1)), ("C", "H, W", "N"), "LayerNorm on (N, C, H, W)",
        ["per example, over C, H and W", "statistics (N, 1, 1, 1)"],
        "A box with axes N, C and H times W; the front slab, one example with all its channels and positions, is"
        " shaded.", "norm_layernorm.svg")
    box(N, C, S, ((2, 3), (0, S), (0, 1)), ("C", "H, W", "N"), "InstanceNorm on (N, C, H, W)",
        ["per example and channel, over H and W", "statistics (N, C, 1, 1)"],
        "A box with axes N, C and H times W; one column, one example and one channel through all positions, is"
        " shaded.", "norm_instancenorm.svg")
    box(N, C, S, ((0, 3), (0, S), (0, 1)), ("C", "H, W", "N"), "GroupNorm (G = 2) on (N, C, H, W)",
        ["per example and group of C/G channels, over C/G, H and W", "statistics (N, G, 1, 1, 1)"],
        "A box with axes N, C and H times W; one example's first group of three channels through all positions is"
        " shaded.", "norm_groupnorm.svg")


if __name__ == "__main__":
    main()
