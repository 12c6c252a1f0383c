package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import bn.batchnorm.running.Convention;
import bn.batchnorm.running.KerasConvention;
import bn.batchnorm.running.PyTorchConvention;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the lib with real PyTorch BatchNorm1d/2d/3d and Keras 3 BatchNormalization on the fixtures in
 * {@code src/test/resources/golden/} (format: tools/golden/README.md): training output, gradients for a given dy,
 * running statistics after one and after several steps, and inference output.
 *
 * <p>Tolerance. The references are float32 results; the lib computes in double. A float32 result is off by up to
 * half an ulp per operation, i.e. a relative 6e-8 each, and a few operations accumulate to a few 1e-7 of the
 * array's magnitude. An entry that ends up near 0 after a subtraction (a centred value, a gradient summing to
 * nearly 0) keeps the absolute error of its inputs but has a tiny magnitude, so a purely relative 1e-5 test would
 * fail on it although nothing is wrong. So each entry must satisfy
 * {@code |lib - reference| <= 1e-5 * |reference| + 1e-6}: relative 1e-5 for ordinary entries, absolute 1e-6 near
 * zero (the fixtures' README reports every value meets this with a 4x margin). A real mistake, such as the unbiased
 * variance in place of the biased one in training, is off by about 1e-1 on these batch sizes.
 */
class GoldenFixturesTest {
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> pytorch() throws IOException {
        return cases("golden/pytorch_batchnorm.json");
    }

    @TestFactory
    Stream<DynamicNode> keras() throws IOException {
        return cases("golden/keras_batchnorm.json");
    }

    private Stream<DynamicNode> cases(String resource) throws IOException {
        JsonNode root;
        try (InputStream in = GoldenFixturesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            root = JSON.readTree(in);
        }
        String framework = root.get("framework").asText();
        List<DynamicNode> nodes = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            for (Path path : Path.values()) {
                nodes.add(dynamicContainer(c.get("name").asText() + " (" + path + ")",
                        caseTests(framework, new Case(c, path))));
            }
        }
        assertTrue(nodes.size() >= 3, "expected several cases in " + resource + ", got " + nodes.size());
        return nodes.stream();
    }

    /** One fixture case, read into the lib's types. */
    record Case(JsonNode json, Path path) {
        int[] shape() {
            JsonNode s = json.get("shape");
            int[] dims = new int[s.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = s.get(i).asInt();
            }
            return dims;
        }

        Layout layout() {
            Layout layout = switch (json.get("layout").asText()) {
                case "NC", "ND" -> Layout.BATCH_BY_FEATURES;
                case "NCL" -> Layout.NCL;
                case "NCHW" -> Layout.NCHW;
                case "NCDHW" -> Layout.NCDHW;
                case "NHWC" -> Layout.NHWC;
                default -> throw new IllegalArgumentException("unknown layout " + json.get("layout"));
            };
            assertEquals(json.get("channel_axis").asInt(), layout.featureAxis(), "channel axis of " + layout.name());
            return layout;
        }

        double eps() {
            return json.get("eps").asDouble();
        }

        Convention convention(String framework) {
            JsonNode momentum = json.get("momentum");
            return switch (framework) {
                case "pytorch" -> momentum.isNull() ? PyTorchConvention.cumulative()
                        : new PyTorchConvention(momentum.asDouble());
                case "keras" -> new KerasConvention(momentum.asDouble());
                default -> throw new IllegalArgumentException("unknown framework " + framework);
            };
        }

        Tensor vector(JsonNode node, String field) {
            return Tensor.vector(values(node, field));
        }

        Tensor tensor(JsonNode node, String field) {
            return Tensor.of(values(node, field), shape());
        }

        static double[] values(JsonNode node, String field) {
            JsonNode array = node.get(field);
            assertNotNull(array, "fixture field '" + field + "' is missing");
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asDouble();
            }
            return out;
        }

        BatchNorm freshLayer(String framework) {
            int c = shape()[layout().featureAxis()];
            return new BatchNorm(c, layout(), convention(framework), eps()).setPath(path)
                    .setGamma(vector(json, "gamma")).setBeta(vector(json, "beta"));
        }
    }

    private Stream<DynamicNode> caseTests(String framework, Case c) {
        JsonNode train = c.json().get("train");
        JsonNode steps = c.json().get("steps");
        JsonNode eval = c.json().get("eval");
        return Stream.of(
                dynamicTest("training forward y", () -> {
                    ForwardTrace t = c.freshLayer(framework).forwardTraining(c.tensor(train, "x"));
                    assertClose(c.tensor(train, "y"), t.y(), "y");
                }),
                dynamicTest("backward dx, dgamma, dbeta (the layer's, compact and step by step)", () -> {
                    BatchNorm bn = c.freshLayer(framework);
                    ForwardTrace t = bn.forwardTraining(c.tensor(train, "x"));
                    Tensor dy = c.tensor(train, "dy");
                    for (Gradients g : List.of(bn.backward(dy, t), CompactBackward.backward(dy, t),
                            StepByStepBackward.backward(dy, t))) {
                        assertClose(c.tensor(train, "dx"), g.dx(), "dx");
                        assertClose(c.vector(train, "dgamma"), g.dgamma(), "dgamma");
                        assertClose(c.vector(train, "dbeta"), g.dbeta(), "dbeta");
                    }
                }),
                dynamicTest("running statistics after one step", () -> {
                    BatchNorm bn = c.freshLayer(framework);
                    bn.forwardTraining(c.tensor(train, "x"));
                    assertClose(c.vector(train, "running_mean"), bn.runningMean(), "running mean");
                    assertClose(c.vector(train, "running_var"), bn.runningVar(), "running variance");
                }),
                dynamicTest("running statistics after each of " + steps.size() + " steps", () -> {
                    BatchNorm bn = c.freshLayer(framework);
                    int k = 1;
                    for (JsonNode step : steps) {
                        bn.forwardTraining(c.tensor(step, "x"));
                        assertClose(c.vector(step, "running_mean"), bn.runningMean(), "running mean after step " + k);
                        assertClose(c.vector(step, "running_var"), bn.runningVar(), "running variance after step " + k);
                        k++;
                    }
                }),
                dynamicTest("inference output after the steps (direct and folded)", () -> {
                    BatchNorm bn = c.freshLayer(framework);
                    for (JsonNode step : steps) {
                        bn.forwardTraining(c.tensor(step, "x"));
                    }
                    Tensor x = c.tensor(eval, "x");
                    assertClose(c.tensor(eval, "y"), bn.forwardInference(x), "eval y");
                    assertClose(c.tensor(eval, "y"), bn.folded().apply(x, c.layout()), "eval y (folded)");
                }));
    }

    /** Each entry within {@code 1e-5 * |reference| + 1e-6}; the message names the worst entry. */
    static void assertClose(Tensor reference, Tensor actual, String what) {
        assertEquals(reference.shape(), actual.shape(), what + ": shape");
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < reference.size(); i++) {
            double ref = reference.flat(i);
            double excess = Math.abs(actual.flat(i) - ref) / (RELATIVE * Math.abs(ref) + ABSOLUTE);
            if (!(excess <= worstExcess)) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worstExcess > 1) {
            int i = worst;
            throw new AssertionError(what + ": entry " + Arrays.toString(reference.unravel(i)) + " is "
                    + actual.flat(i) + ", the reference " + reference.flat(i) + "; |difference| "
                    + Math.abs(actual.flat(i) - reference.flat(i)) + " > 1e-5 * |reference| + 1e-6");
        }
    }
}
