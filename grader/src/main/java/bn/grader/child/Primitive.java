package bn.grader.child;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The eight primitive types as the protocol carries them, one row each: the type (its JVM descriptor letter and
 * boxed class derive from it), the bytes one value takes, and how one boxed value is written and read. Every per-type
 * rule of the protocol (scalar values, primitive arrays, descriptors, result types) derives from this table. The
 * value tag of a scalar is its ordinal plus one ({@link ValueCodecs}).
 */
public enum Primitive {
    BOOLEAN(boolean.class, 1, (out, v) -> out.writeBoolean((Boolean) v), in -> in.get() != 0),
    BYTE(byte.class, 1, (out, v) -> out.writeByte((Byte) v), ByteBuffer::get),
    SHORT(short.class, 2, (out, v) -> out.writeShort((Short) v), ByteBuffer::getShort),
    CHAR(char.class, 2, (out, v) -> out.writeChar((Character) v), ByteBuffer::getChar),
    INT(int.class, 4, (out, v) -> out.writeInt((Integer) v), ByteBuffer::getInt),
    LONG(long.class, 8, (out, v) -> out.writeLong((Long) v), ByteBuffer::getLong),
    FLOAT(float.class, 4, (out, v) -> out.writeFloat((Float) v), ByteBuffer::getFloat),
    DOUBLE(double.class, 8, (out, v) -> out.writeDouble((Double) v), ByteBuffer::getDouble);

    /** Writes one boxed value of the type. */
    interface Write {
        void one(DataOutputStream out, Object boxed) throws IOException;
    }

    /** Reads one value of the type, boxed. */
    interface Read {
        Object one(ByteBuffer in);
    }

    private final Class<?> type;
    private final int bytes;
    private final Write write;
    private final Read read;

    Primitive(Class<?> type, int bytes, Write write, Read read) {
        this.type = type;
        this.bytes = bytes;
        this.write = write;
        this.read = read;
    }

    /** The JVM descriptor letter: {@code 'D'} for double. */
    public char code() {
        return type.descriptorString().charAt(0);
    }

    /** The boxed class: {@code Double.class} for double. */
    public Class<?> boxed() {
        return MethodType.methodType(type).wrap().returnType();
    }

    Class<?> type() {
        return type;
    }

    int bytes() {
        return bytes;
    }

    void write(DataOutputStream out, Object boxedValue) throws IOException {
        write.one(out, boxedValue);
    }

    Object read(ByteBuffer in) {
        return read.one(in);
    }

    /** The primitive type whose descriptor letter is {@code code}, or null. */
    public static Primitive ofCode(char code) {
        return Arrays.stream(values()).filter(p -> p.code() == code).findFirst().orElse(null);
    }

    /** The row of a primitive class ({@code double.class}), or null for any other class. */
    public static Primitive ofType(Class<?> c) {
        return Arrays.stream(values()).filter(p -> p.type == c).findFirst().orElse(null);
    }
}
