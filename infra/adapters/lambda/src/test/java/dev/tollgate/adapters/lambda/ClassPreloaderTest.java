package dev.tollgate.adapters.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPreloaderTest {

    /** Set by {@link Initialised}'s static initialiser: it must not run when that class is preloaded. */
    static volatile boolean initialised;

    static final class Initialised {
        static {
            initialised = true;
        }
    }

    /** A loader that records which names it was asked for, and finds them through the test's loader. */
    static final class Recording extends ClassLoader {
        final List<String> asked = new CopyOnWriteArrayList<>();
        private final URL list;

        Recording(URL list) {
            super(ClassPreloaderTest.class.getClassLoader());
            this.list = list;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            try {
                return ClassPreloader.LIST.equals(name) && list != null ? list.openStream() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    @Test
    void loadsEachListedClassThroughItsOriginsLoaderWithoutInitialisingIt() throws IOException {
        Recording app = new Recording(null);
        Recording jdk = new Recording(null);
        String list = String.join("\n",
                "# a comment line",
                "app " + Initialised.class.getName(),
                "jdk java.util.concurrent.ConcurrentSkipListMap",
                "app dev.tollgate.NoSuchClass",
                "elsewhere java.lang.String",
                "no-origin",
                "");
        int loaded = ClassPreloader.load(new StringReader(list), app, jdk);
        assertEquals(2, loaded, "the two classes that exist, each once");
        assertEquals(List.of(Initialised.class.getName(), "dev.tollgate.NoSuchClass"), app.asked);
        assertEquals(List.of("java.util.concurrent.ConcurrentSkipListMap"), jdk.asked);
        assertFalse(initialised, "a preloaded class's static initialiser has not run");
    }

    @Test
    void startsADaemonThreadThatWorksThroughTheList(@TempDir Path dir) throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"), "app java.util.concurrent.Phaser\n");
        Recording app = new Recording(list.toUri().toURL());
        Thread thread = ClassPreloader.start(app);
        assertNotNull(thread);
        assertEquals(ClassPreloader.THREAD, thread.getName());
        assertTrue(thread.isDaemon(), "it never holds the function's process open");
        thread.join(10_000);
        assertEquals(List.of("java.util.concurrent.Phaser"), app.asked);
    }

    @Test
    void doesNothingWithoutAListOrWhenSwitchedOff(@TempDir Path dir) throws Exception {
        assertNull(ClassPreloader.start(new Recording(null)), "a build without a list");
        Recording app = new Recording(Files.writeString(dir.resolve("list.txt"), "app java.util.concurrent.Phaser\n").toUri().toURL());
        System.setProperty(ClassPreloader.SWITCH, "false");
        try {
            assertNull(ClassPreloader.start(app));
        } finally {
            System.clearProperty(ClassPreloader.SWITCH);
        }
        assertTrue(app.asked.isEmpty());
    }
}
