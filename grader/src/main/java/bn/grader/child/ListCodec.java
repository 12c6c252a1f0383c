package bn.grader.child;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A list: its size, then each element as a value one level deeper. Read back as an {@link ArrayList}. */
final class ListCodec implements ValueCodec {
    @Override
    public boolean writes(Object value, Refs refs) {
        return value instanceof List<?>;
    }

    @Override
    public void write(Object value, MessageWriter out, int depth) throws IOException {
        List<?> list = (List<?>) value;
        out.data().writeInt(list.size());
        for (Object element : list) {
            out.value(element, depth + 1);
        }
    }

    @Override
    public Object read(MessageReader in, int depth) {
        int n = in.count(1);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.value(depth + 1));
        }
        return list;
    }
}
