package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;
import org.osmium.boot.Osmium;

/**
 * Hot-swap in a real Felix with the real bundles: the UART is swapped, its bundle updated and reloaded while the guest
 * prints; every line arrives once and in order, and the scratch register survives. A refused state keeps the old one.
 */
class HotSwapTest {
    @TempDir
    Path folder;
    private Framework framework;
    private ToIntFunction<String[]> entry;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void startFramework() throws Exception {
        System.setProperty("osmium.plugins", folder.resolve("plugins").toString());
        framework = Osmium.start(Path.of(System.getProperty("osmium.home")));
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=java.util.function.ToIntFunction)(osmium.entry=main))"), null);
        tracker.open();
        entry = (ToIntFunction<String[]>) tracker.waitForService(30_000);
        assertNotNull(entry, "the launcher's entry service");
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private int script(String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return entry.applyAsInt(new String[] {"--script", file.toString()});
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private Path startStreamingGuest() throws Exception {
        Path output = folder.resolve("uart.txt");
        assertEquals(0, script("start.osm", """
                machine:create demo virt
                machine:set uart0 chardev=file:%s
                machine:load %s
                machine:start
                """.formatted(output, Guests.elf("uart-stream"))));
        return output;
    }

    private static void assertEveryLineOnceInOrder(Path output) throws Exception {
        List<String> lines = Files.readAllLines(output);
        assertEquals("scratch register kept", lines.getLast());
        for (int i = 0; i < lines.size() - 1; i++) {
            assertEquals("line " + i, lines.get(i), "line " + i + " of " + output);
        }
        assertEquals(4001, lines.size());
    }

    @Test
    void uartSwappedAndReloadedTwiceWhileTheGuestPrintsLosesNothing() throws Exception {
        Path output = startStreamingGuest();
        assertEquals(0, script("swaps.osm", """
                machine:use demo
                machine:wait 300
                machine:swap uart0
                machine:wait 300
                machine:reload uart0
                machine:wait 300
                machine:swap uart0
                machine:wait 300
                machine:reload uart0
                """));
        bundle("osmium-device-ns16550a").update();
        assertEquals(0, script("end.osm", "machine:use demo\nmachine:wait\n"));
        assertEveryLineOnceInOrder(output);
    }

    @Test
    void refusedStateLeavesTheOldInstanceRunning() throws Exception {
        Path output = startStreamingGuest();
        Bundle plugin = framework.getBundleContext().installBundle(Path.of(System.getProperty("osmium.testPlugin")).toUri().toString());
        plugin.start();
        assertEquals(1, script("refused.osm", """
                machine:use demo
                machine:wait 300
                machine:swap uart0 ns16550a:0.0.1
                """));
        assertEquals(0, script("end.osm", "machine:use demo\nmachine:wait\n"));
        assertEveryLineOnceInOrder(output);
        assertTrue(Files.readString(output).contains("line 3999"));
    }
}
