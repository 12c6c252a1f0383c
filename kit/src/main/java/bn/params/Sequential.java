package bn.params;

import bn.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack of layers starting from an {@link InputSpec}, enough to reproduce a Keras model summary:
 *
 * <pre>
 *   Sequential.of(new Input(30), new Dense(50), new BatchNormalization(), new Dense(5)).summary()
 * </pre>
 *
 * Shapes are checked as the layers are added, so a layer that does not fit its input fails right there.
 */
public final class Sequential {
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<Shape> outputs = new ArrayList<>();

    public Sequential(InputSpec input) {
        if (input == null) {
            throw new IllegalArgumentException("a model starts from an Input, got null");
        }
        layers.add(input);
        outputs.add(input.shape());
    }

    public static Sequential of(InputSpec input, LayerSpec... rest) {
        Sequential model = new Sequential(input);
        for (LayerSpec layer : rest) {
            model.add(layer);
        }
        return model;
    }

    /** Appends a layer; throws IllegalArgumentException if it does not fit the current output shape. */
    public Sequential add(LayerSpec layer) {
        if (layer == null) {
            throw new IllegalArgumentException("cannot add a null layer after " + layers.size() + " layers");
        }
        if (layer instanceof InputSpec) {
            throw new IllegalArgumentException("an Input can only start a model, not follow layer "
                    + layers.get(layers.size() - 1).type());
        }
        Shape in = outputShape();
        outputs.add(layer.outputShape(in));
        layers.add(layer);
        return this;
    }

    /** The shape the last layer outputs. */
    public Shape outputShape() {
        return outputs.get(outputs.size() - 1);
    }

    public List<LayerSpec> layers() {
        return List.copyOf(layers);
    }

    /** One row per layer, named the way Keras names them in a fresh session: dense, dense_1, ... */
    public Summary summary() {
        Map<String, Integer> seen = new HashMap<>();
        List<Summary.Row> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            Shape in = i == 0 ? outputs.get(0) : outputs.get(i - 1);
            int k = seen.merge(layer.baseName(), 1, Integer::sum) - 1;
            String name = k == 0 ? layer.baseName() : layer.baseName() + "_" + k;
            rows.add(new Summary.Row(name, layer.type(), outputs.get(i), layer.params(in)));
        }
        return new Summary(rows);
    }
}
