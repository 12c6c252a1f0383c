package bn.grader.call;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates the stand-in of a student class: a class of the same name whose non-private constructors and methods have
 * the same signatures, and whose every body forwards the call to the child through {@link Gateway}. The graded tests
 * are linked against stand-ins, never against student code, so student code never runs in the grader's JVM.
 *
 * <p>Interfaces, annotations and enums get no stand-in (the graded tests use none); fields are not forwarded.
 */
public final class StandIns {
    private static final String GATEWAY = Type.getInternalName(Gateway.class);
    private static final String STAND_IN = Type.getInternalName(StandIn.class);
    private static final String KEY = Type.getDescriptor(StandIn.Key.class);

    private StandIns() {
    }

    /** The stand-in for one compiled student class, or null when the class gets none. */
    public static byte[] of(byte[] studentClass) {
        ClassReader reader = new ClassReader(studentClass);
        int access = reader.getAccess();
        if ((access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION | Opcodes.ACC_ENUM | Opcodes.ACC_MODULE)) != 0) {
            return null;
        }
        String name = reader.getClassName();
        List<String[]> methods = new ArrayList<>(); // access, name, descriptor
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String method, String descriptor, String signature, String[] exceptions) {
                boolean hidden = (acc & (Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0;
                if (!hidden && !method.equals("<clinit>")) {
                    methods.add(new String[] {String.valueOf(acc), method, descriptor});
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);

        // Straight-line code only, so no stack map frames are needed; maxima are computed.
        ClassWriter out = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        int classAccess = (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL)) | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        out.visit(Opcodes.V17, classAccess, name, null, "java/lang/Object", new String[] {STAND_IN});
        MethodVisitor key = out.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, "<init>", "(" + KEY + ")V", null, null);
        key.visitCode();
        key.visitVarInsn(Opcodes.ALOAD, 0);
        key.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        key.visitInsn(Opcodes.RETURN);
        key.visitMaxs(0, 0);
        key.visitEnd();
        for (String[] m : methods) {
            int acc = Integer.parseInt(m[0]) & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED | Opcodes.ACC_STATIC | Opcodes.ACC_VARARGS);
            if (m[1].equals("<init>")) {
                constructor(out, name, acc, m[2]);
            } else {
                method(out, name, acc, m[1], m[2]);
            }
        }
        out.visitEnd();
        return out.toByteArray();
    }

    private static void constructor(ClassWriter out, String owner, int access, String descriptor) {
        MethodVisitor mv = out.visitMethod(access, "<init>", descriptor, null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(Type.getObjectType(owner));
        mv.visitLdcInsn(descriptor);
        arguments(mv, Type.getArgumentTypes(descriptor), 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATEWAY, "construct",
                "(Ljava/lang/Object;Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void method(ClassWriter out, String owner, int access, String name, String descriptor) {
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        MethodVisitor mv = out.visitMethod(access, name, descriptor, null, null);
        mv.visitCode();
        mv.visitLdcInsn(Type.getObjectType(owner));
        if (isStatic) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        }
        mv.visitLdcInsn(name);
        mv.visitLdcInsn(descriptor);
        arguments(mv, Type.getArgumentTypes(descriptor), isStatic ? 0 : 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATEWAY, "call",
                "(Ljava/lang/Class;Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        Type result = Type.getReturnType(descriptor);
        switch (result.getSort()) {
            case Type.VOID -> {
                mv.visitInsn(Opcodes.POP);
                mv.visitInsn(Opcodes.RETURN);
            }
            case Type.OBJECT, Type.ARRAY -> {
                mv.visitTypeInsn(Opcodes.CHECKCAST, result.getInternalName());
                mv.visitInsn(Opcodes.ARETURN);
            }
            default -> {
                Type boxed = boxed(result);
                mv.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), result.getClassName() + "Value",
                        "()" + result.getDescriptor(), false);
                mv.visitInsn(result.getOpcode(Opcodes.IRETURN));
            }
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Leaves an Object[] of the (boxed) arguments on the stack. */
    private static void arguments(MethodVisitor mv, Type[] types, int firstSlot) {
        mv.visitLdcInsn(types.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        int slot = firstSlot;
        for (int i = 0; i < types.length; i++) {
            Type t = types[i];
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn(i);
            mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
            if (t.getSort() != Type.OBJECT && t.getSort() != Type.ARRAY) {
                Type boxed = boxed(t);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
                        "(" + t.getDescriptor() + ")" + boxed.getDescriptor(), false);
            }
            mv.visitInsn(Opcodes.AASTORE);
            slot += t.getSize();
        }
    }

    private static Type boxed(Type primitive) {
        return Type.getObjectType(switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.CHAR -> "java/lang/Character";
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            default -> "java/lang/Double";
        });
    }
}
