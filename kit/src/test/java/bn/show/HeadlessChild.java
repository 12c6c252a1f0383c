package bn.show;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Started by {@link ChartsTest} as a JVM of its own, without {@code -Djava.awt.headless}: draws a chart, then prints
 * the headless property, what AWT decided and the chart's width.
 */
final class HeadlessChild {
    private HeadlessChild() {
    }

    public static void main(String[] args) {
        BufferedImage image = Charts.lines("l", "x", "y", new double[] {1, 2}, Map.of("s", new double[] {1, 2}));
        System.out.println(System.getProperty("java.awt.headless") + " " + GraphicsEnvironment.isHeadless() + " "
                + image.getWidth());
    }
}
