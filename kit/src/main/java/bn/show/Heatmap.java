package bn.show;

import bn.tensor.Require;
import bn.tensor.Tensor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** {@link Charts#heatmap}: a small matrix drawn cell by cell with Java 2D, with a colour bar. */
final class Heatmap {
    private Heatmap() {
    }

    static BufferedImage draw(String title, Tensor matrix, int width, int height) {
        ChartStyle.requireSize(width, height);
        Require.notNull(matrix, "the matrix");
        matrix.requireRank(2, "heatmap");
        matrix.requireFinite("heatmap values");
        int rows = matrix.dim(0);
        int cols = matrix.dim(1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : matrix.toArray()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        boolean diverging = lo < 0 && hi > 0;
        double scale = diverging ? Math.max(-lo, hi) : (hi > lo ? hi - lo : 1);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(ChartStyle.TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        String t = ChartStyle.text(title) + "  " + matrix.shape();
        g.drawString(t, (width - fm.stringWidth(t)) / 2, 10 + fm.getAscent());
        int top = 20 + fm.getHeight();
        int barWidth = 70;
        int cell = Math.max(1, Math.min((width - 40 - barWidth) / cols, (height - top - 15) / rows));
        int left = (width - barWidth - cell * cols) / 2;
        g.setFont(ChartStyle.TICK_FONT);
        fm = g.getFontMetrics();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = matrix.get(r, c);
                Color col = diverging ? diverging(v / scale) : sequential((v - lo) / scale);
                g.setColor(col);
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                String label = cellLabel(v);
                if (rows * cols <= 144 && fm.stringWidth(label) + 4 < cell && fm.getHeight() < cell) {
                    g.setColor(luminance(col) < 0.5 ? Color.WHITE : Color.BLACK);
                    g.drawString(label, left + c * cell + (cell - fm.stringWidth(label)) / 2,
                            top + r * cell + (cell + fm.getAscent() - fm.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, cell * cols, cell * rows);
        // colour bar with its two ends labelled
        int bx = left + cell * cols + 20;
        int bh = cell * rows;
        for (int y = 0; y < bh; y++) {
            double f = 1 - (double) y / Math.max(1, bh - 1);
            g.setColor(diverging ? diverging(2 * f - 1) : sequential(f));
            g.drawLine(bx, top + y, bx + 14, top + y);
        }
        g.setColor(Color.BLACK);
        double top_ = diverging ? scale : hi;
        double bottom = diverging ? -scale : lo;
        g.drawString(String.valueOf(Tables.round(top_, 3)), bx + 18, top + fm.getAscent());
        g.drawString(String.valueOf(Tables.round(bottom, 3)), bx + 18, top + bh);
        g.dispose();
        return image;
    }

    private static String cellLabel(double v) {
        double r = Tables.round(v, 2);
        return r == Math.rint(r) && Math.abs(r) < 1e6 ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static Color diverging(double f) {   // f in [-1, 1]: blue, white, red
        f = Math.max(-1, Math.min(1, f));
        Color end = f < 0 ? new Color(0x21, 0x66, 0xAC) : new Color(0xB2, 0x18, 0x2B);
        double a = Math.abs(f);
        return mix(Color.WHITE, end, a);
    }

    private static Color sequential(double f) {   // f in [0, 1]: white to dark blue
        return mix(Color.WHITE, new Color(0x08, 0x30, 0x6B), Math.max(0, Math.min(1, f)));
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }
}
