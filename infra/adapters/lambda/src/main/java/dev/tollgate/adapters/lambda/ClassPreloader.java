package dev.tollgate.adapters.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a second thread, the classes a cold start is about to need, while the first thread boots
 * the application: a cold start is mostly class loading on one thread, and Lambda's init has a second
 * vCPU that would otherwise idle. The list is a training run's class-load log ({@code jdk <name>} for
 * the JDK's own classes, {@code app <name>} for the function's), in load order.
 *
 * <p>Classes are loaded and not initialised: a static initialiser run here could deadlock against
 * the main thread initialising a class it depends on, and could run before the code that configures
 * it. Loading is an optimisation only: a name this build lacks, or any failure, is skipped.
 */
public final class ClassPreloader {

    /** Where a function's list lives on its class path. */
    public static final String LIST = "META-INF/tollgate-preload-classes.txt";
    /** {@code -Dtollgate-class-preload=false} starts without it, to train a new list or to compare (outside {@code tollgate.*}, whose unknown keys fail the start). */
    public static final String SWITCH = "tollgate-class-preload";
    static final String THREAD = "tollgate-preload";

    private ClassPreloader() {
    }

    /** Starts a daemon thread that loads {@link #LIST} through {@code app}; returns it, or null when switched off or absent. */
    public static Thread start(ClassLoader app) {
        InputStream list = "false".equals(System.getProperty(SWITCH)) ? null : app.getResourceAsStream(LIST);
        if (list == null) {
            return null;
        }
        Thread thread = new Thread(() -> {
            try (InputStream in = list) {
                load(new InputStreamReader(in, StandardCharsets.UTF_8), app, ClassLoader.getSystemClassLoader());
            } catch (IOException | RuntimeException e) {
                // An optimisation only: the main thread loads whatever is still missing.
            }
        }, THREAD);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Loads each listed class through its loader without initialising it; returns how many were found. */
    static int load(Reader list, ClassLoader app, ClassLoader jdk) throws IOException {
        int loaded = 0;
        BufferedReader lines = new BufferedReader(list);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int space = line.indexOf(' ');
            if (space < 0 || line.startsWith("#")) {
                continue;
            }
            String origin = line.substring(0, space);
            ClassLoader loader = "jdk".equals(origin) ? jdk : "app".equals(origin) ? app : null;
            if (loader == null) {
                continue;
            }
            try {
                Class.forName(line.substring(space + 1).trim(), false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Not in this build, or not loadable here: the main thread will say so if it matters.
            }
        }
        return loaded;
    }
}
