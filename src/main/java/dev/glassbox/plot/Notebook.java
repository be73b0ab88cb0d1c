package dev.glassbox.plot;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;

/**
 * The bridge from the library to the notebook's output area, without a compile-time dependency on
 * any kernel: it finds the running JJava kernel (or an IJava one) by reflection and hands it a
 * display bundle -- one output holding several MIME types (a Plotly figure, image/png, text/plain),
 * of which the front end shows the richest it can. A value is text (a string) or, for a JSON MIME
 * type such as {@code application/vnd.plotly.v1+json}, a JSON object given as nested maps and
 * lists, which the kernel serialises as it is. Outside a kernel (a test, the CLI) it prints the
 * text/plain part.
 *
 * <p>Both kernels take the same calls: {@code display(DisplayData)} on the kernel, and
 * {@code updateDisplay(id, DisplayData)} on its display stream; {@code DisplayData.putData(mime,
 * value)} fills the bundle. Only the package names differ.
 */
public final class Notebook {

    /** (kernel accessor class, its static method, DisplayData class) for JJava, then IJava. */
    private static final String[][] KERNELS = {
        {"org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel"},
        {"io.github.spencerpark.ijava.IJava", "getKernelInstance"},
    };

    private Notebook() {
    }

    /** True when code runs inside a JJava or IJava kernel. */
    public static boolean available() {
        return kernel() != null;
    }

    /**
     * Shows one output with every MIME type of the bundle; returns its display id (for
     * {@link #update}), or null outside a kernel, where the text/plain part is printed instead.
     */
    public static String display(Map<String, ?> bundle) {
        checkBundle(bundle);
        Object kernel = kernel();
        if (kernel == null) {
            System.out.println(String.valueOf(bundle.containsKey("text/plain") ? bundle.get("text/plain") : ""));
            return null;
        }
        String id = "glassbox-" + java.util.UUID.randomUUID();
        try {
            Method display = method(kernel.getClass(), "display");
            Object data = displayData(display.getParameterTypes()[0], bundle, id);
            display.invoke(kernel, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the notebook kernel refused a display: " + e, e);
        }
        return id;
    }

    /** Replaces the output shown under {@code displayId} with the bundle (a live progress line). */
    public static void update(String displayId, Map<String, ?> bundle) {
        checkBundle(bundle);
        Object kernel = kernel();
        if (kernel == null || displayId == null) {
            System.out.println(String.valueOf(bundle.containsKey("text/plain") ? bundle.get("text/plain") : ""));
            return;
        }
        try {
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            Object stream = io.getClass().getField("display").get(io);
            Method update = null;
            for (Method candidate : stream.getClass().getMethods()) {
                if (candidate.getName().equals("updateDisplay") && candidate.getParameterCount() == 2
                    && candidate.getParameterTypes()[0] == String.class) {
                    update = candidate;
                }
            }
            if (update == null) {
                throw new NoSuchMethodException("updateDisplay(String, DisplayData)");
            }
            update.invoke(stream, displayId, displayData(update.getParameterTypes()[1], bundle, displayId));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the notebook kernel refused a display update: " + e, e);
        }
    }

    private static void checkBundle(Map<String, ?> bundle) {
        Objects.requireNonNull(bundle, "bundle");
        if (bundle.isEmpty()) {
            throw new IllegalArgumentException("a display bundle needs at least one MIME type, got none");
        }
    }

    private static Object displayData(Class<?> type, Map<String, ?> bundle, String id)
        throws ReflectiveOperationException {
        Object data = type.getConstructor().newInstance();
        Method put = type.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, ?> entry : bundle.entrySet()) {
            put.invoke(data, entry.getKey(), entry.getValue());
        }
        type.getMethod("setDisplayId", String.class).invoke(data, id);
        return data;
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name) && candidate.getParameterCount() == 1
                && candidate.getParameterTypes()[0].getSimpleName().equals("DisplayData")) {
                return candidate;
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "(DisplayData)");
    }

    /** The running kernel, or null. JShell loads our classes below the kernel's class loader. */
    private static Object kernel() {
        ClassLoader[] loaders = {
            Thread.currentThread().getContextClassLoader(), Notebook.class.getClassLoader(),
            ClassLoader.getSystemClassLoader()
        };
        for (String[] accessor : KERNELS) {
            for (ClassLoader loader : loaders) {
                if (loader == null) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(accessor[0], true, loader);
                    Object kernel = type.getMethod(accessor[1]).invoke(null);
                    if (kernel != null) {
                        return kernel;
                    }
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // not this kernel, or not started: try the next way
                }
            }
        }
        return null;
    }
}
