package bn.grader.child;

import java.util.List;

import bn.tensor.Layout;

/** A {@link Layout}: its name, its axis names and the index of its feature axis; refused when it cannot exist. */
final class LayoutCodec extends TypedCodec<Layout> {
    LayoutCodec() {
        super(Layout.class);
    }

    @Override
    void writeValue(Layout layout, MessageWriter out, int depth) {
        out.text(layout.name()).texts(layout.axisNames()).number(layout.featureAxis());
    }

    @Override
    public Object read(MessageReader in, int depth) {
        String name = in.text();
        List<String> axes = in.texts();
        int feature = in.number();
        try {
            return new Layout(name, axes, feature);
        } catch (RuntimeException e) {
            throw new ProtocolException("a layout that cannot exist: " + e.getMessage());
        }
    }
}
