package dev.conveyor.engine.plugin;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * The guard around the platform's calls into a plugin's code: loading it, its declarations, building what it builds.
 * Each call runs with the plugin's class loader as the thread's context loader (libraries that look classes up there
 * find the plugin's own), and whatever it throws, exceptions and linkage errors alike, comes back as a
 * {@link PluginCallException} naming the plugin and the call, so one faulty plugin is reported and takes neither the
 * server nor the other plugins down. Only the JVM's own distress (out of memory) passes through unchanged.
 */
public final class PluginCalls {

    /** Long enough for a class name and a sentence; an exception message from plugin code is not an essay. */
    private static final int MAX_DESCRIPTION = 600;

    private PluginCalls() {
    }

    /** Runs {@code call} on {@code plugin} (any object of the plugin's), described as {@code what} in a failure. */
    public static <T> T call(String pluginName, Object plugin, String what, Supplier<T> call) {
        return call(pluginName, plugin.getClass().getClassLoader(), what, call);
    }

    /** Runs {@code call} with {@code loader} as the context class loader, described as {@code what} in a failure. */
    public static <T> T call(String pluginName, ClassLoader loader, String what, Supplier<T> call) {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(what, "what is null");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            throw new PluginCallException("plugin '" + pluginName + "' failed in " + what + ": " + describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** What went wrong, in a line: the outermost and the root cause, with a hint where the kind of error has one. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = line(failure) + (root == failure ? "" : "; caused by " + line(root)) + hint(root);
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3) + "...";
    }

    private static String line(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return failure.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
    }

    private static String hint(Throwable root) {
        if (root instanceof ClassNotFoundException || root instanceof NoClassDefFoundError) {
            return " (neither the plugin's jars nor the packages the platform shares hold that class: add the jar that"
                    + " has it to the plugin's folder)";
        }
        if (root instanceof IncompatibleClassChangeError) {
            // NoSuchMethodError, NoSuchFieldError, AbstractMethodError and friends.
            return " (it was built against another version of the SDK or of a library than it runs with: rebuild it"
                    + " against the versions in its folder and the platform's SDK)";
        }
        return "";
    }
}
