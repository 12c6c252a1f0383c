package bn.grader.child;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The eight primitive types as the protocol carries them, one row each: the JVM descriptor letter, the type, its
 * boxed class, the bytes one value takes, and how one boxed value is written and read. Every per-type rule of the
 * protocol (scalar values, primitive arrays, descriptors, result types) derives from this table. The value tag of a
 * scalar is its ordinal plus one.
 */
public enum Primitive {
    BOOLEAN('Z', boolean.class, Boolean.class, 1, (out, v) -> out.writeBoolean((Boolean) v), in -> in.get() != 0),
    BYTE('B', byte.class, Byte.class, 1, (out, v) -> out.writeByte((Byte) v), ByteBuffer::get),
    SHORT('S', short.class, Short.class, 2, (out, v) -> out.writeShort((Short) v), ByteBuffer::getShort),
    CHAR('C', char.class, Character.class, 2, (out, v) -> out.writeChar((Character) v), ByteBuffer::getChar),
    INT('I', int.class, Integer.class, 4, (out, v) -> out.writeInt((Integer) v), ByteBuffer::getInt),
    LONG('J', long.class, Long.class, 8, (out, v) -> out.writeLong((Long) v), ByteBuffer::getLong),
    FLOAT('F', float.class, Float.class, 4, (out, v) -> out.writeFloat((Float) v), ByteBuffer::getFloat),
    DOUBLE('D', double.class, Double.class, 8, (out, v) -> out.writeDouble((Double) v), ByteBuffer::getDouble);

    /** Writes one boxed value of the type. */
    interface Write {
        void one(DataOutputStream out, Object boxed) throws IOException;
    }

    /** Reads one value of the type, boxed. */
    interface Read {
        Object one(ByteBuffer in);
    }

    private final char code;
    private final Class<?> type;
    private final Class<?> boxed;
    private final int bytes;
    private final Write write;
    private final Read read;

    Primitive(char code, Class<?> type, Class<?> boxed, int bytes, Write write, Read read) {
        this.code = code;
        this.type = type;
        this.boxed = boxed;
        this.bytes = bytes;
        this.write = write;
        this.read = read;
    }

    /** The JVM descriptor letter: {@code 'D'} for double. */
    public char code() {
        return code;
    }

    /** The boxed class: {@code Double.class} for double. */
    public Class<?> boxed() {
        return boxed;
    }

    Class<?> type() {
        return type;
    }

    int bytes() {
        return bytes;
    }

    /** The tag of a scalar value of this type. */
    byte tag() {
        return (byte) (ordinal() + 1);
    }

    void write(DataOutputStream out, Object boxedValue) throws IOException {
        write.one(out, boxedValue);
    }

    Object read(ByteBuffer in) {
        return read.one(in);
    }

    /** The primitive type whose descriptor letter is {@code code}, or null. */
    public static Primitive ofCode(char code) {
        return Arrays.stream(values()).filter(p -> p.code == code).findFirst().orElse(null);
    }

    /** The row of a primitive class ({@code double.class}), or null for any other class. */
    public static Primitive ofType(Class<?> c) {
        return Arrays.stream(values()).filter(p -> p.type == c).findFirst().orElse(null);
    }

    /** The row of a boxed value ({@code 2.0} is DOUBLE), or null for any other value. */
    static Primitive ofValue(Object value) {
        return value == null ? null : Arrays.stream(values()).filter(p -> p.boxed == value.getClass()).findFirst().orElse(null);
    }
}
