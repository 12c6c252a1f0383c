package bn.grader.allowlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Lists every class and member a compiled class uses: supertypes, field and method descriptors, calls, field accesses,
 * allocations, casts, constants, method handles and caught exception types. Annotations, debug information and the
 * bootstrap methods javac itself emits (string concatenation, lambdas, records) are not uses; any other bootstrap
 * method is reported as a use of its class.
 */
public final class ReferenceCollector extends ClassVisitor {
    /** The bootstrap methods javac emits for plain Java code. */
    private static final Set<String> JAVAC_BOOTSTRAPS = Set.of(
            "java/lang/invoke/StringConcatFactory", "java/lang/invoke/LambdaMetafactory", "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps");

    private final List<Reference> references = new ArrayList<>();
    private String className;

    private ReferenceCollector() {
        super(Opcodes.ASM9);
    }

    public static List<Reference> collect(byte[] classFile) {
        ReferenceCollector collector = new ReferenceCollector();
        new ClassReader(classFile).accept(collector, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return collector.references;
    }

    /** The class's own name, dotted. */
    public static String className(byte[] classFile) {
        return new ClassReader(classFile).getClassName().replace('/', '.');
    }

    private void type(String internalName, String method) {
        if (internalName == null) {
            return;
        }
        if (internalName.startsWith("[")) {
            descriptor(internalName, method);
            return;
        }
        references.add(new Reference(internalName.replace('/', '.'), null, className, method));
    }

    private void member(String owner, String name, String method) {
        if (owner.startsWith("[")) {
            Type element = Type.getType(owner).getElementType();
            if (element.getSort() == Type.OBJECT) {
                type(element.getInternalName(), method);
            }
            return; // clone() and length of an array
        }
        references.add(new Reference(owner.replace('/', '.'), name, className, method));
    }

    private void descriptor(String descriptor, String method) {
        Type t = Type.getType(descriptor);
        if (t.getSort() == Type.METHOD) {
            descriptor(t.getReturnType().getDescriptor(), method);
            for (Type argument : t.getArgumentTypes()) {
                descriptor(argument.getDescriptor(), method);
            }
            return;
        }
        if (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
        }
        if (t.getSort() == Type.OBJECT) {
            references.add(new Reference(t.getClassName(), null, className, method));
        }
    }

    private void constant(Object value, String method) {
        if (value instanceof Type t) {
            descriptor(t.getDescriptor(), method);
        } else if (value instanceof Handle h) {
            member(h.getOwner(), h.getName(), method);
        } else if (value instanceof ConstantDynamic c) {
            bootstrap(c.getBootstrapMethod(), method);
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                constant(c.getBootstrapMethodArgument(i), method);
            }
        }
    }

    private void bootstrap(Handle bsm, String method) {
        if (!JAVAC_BOOTSTRAPS.contains(bsm.getOwner())) {
            member(bsm.getOwner(), bsm.getName(), method);
        }
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name.replace('/', '.');
        type(superName, null);
        if (interfaces != null) {
            for (String i : interfaces) {
                type(i, null);
            }
        }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        descriptor(descriptor, null);
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String method = name;
        descriptor(descriptor, method);
        if (name.equals("finalize") && descriptor.equals("()V") && (access & Opcodes.ACC_STATIC) == 0) {
            // Overriding finalize() runs code on the JVM's finalizer thread: a use of Object.finalize.
            references.add(new Reference("java.lang.Object", "finalize", className, method));
        }
        if (exceptions != null) {
            for (String e : exceptions) {
                type(e, method);
            }
        }
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
                member(owner, name, method);
                descriptor(desc, method);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                member(owner, name, method);
                descriptor(desc, method);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(type, method);
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                descriptor(desc, method);
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, method);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
                bootstrap(bsm, method);
                descriptor(desc, method);
                for (Object arg : args) {
                    constant(arg, method);
                }
            }

            @Override
            public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                                           org.objectweb.asm.Label handler, String type) {
                type(type, method);
            }
        };
    }
}
