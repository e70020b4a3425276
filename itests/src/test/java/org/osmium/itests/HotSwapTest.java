package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Hot-swap in a real Felix with the real bundles: the UART is swapped, its bundle updated and reloaded while the guest
 * prints; every line arrives once and in order, and the scratch register survives. A refused state keeps the old one.
 */
class HotSwapTest {
    @TempDir
    Path folder;
    private InProcessOsmium osmium;

    @BeforeEach
    void startFramework() throws Exception {
        osmium = new InProcessOsmium(folder);
    }

    @AfterEach
    void stopFramework() throws Exception {
        osmium.close();
    }

    private Path startStreamingGuest() throws Exception {
        Path output = folder.resolve("uart.txt");
        assertEquals(0, osmium.script("""
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
        assertEquals(0, osmium.script("""
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
        osmium.bundle("osmium-device-ns16550a").update();
        assertEquals(0, osmium.script("machine:use demo\nmachine:wait\n"));
        assertEveryLineOnceInOrder(output);
    }

    @Test
    void refusedStateLeavesTheOldInstanceRunning() throws Exception {
        Path output = startStreamingGuest();
        Bundle plugin = osmium.context().installBundle(Path.of(System.getProperty("osmium.testPlugin")).toUri().toString());
        plugin.start();
        assertEquals(1, osmium.script("""
                machine:use demo
                machine:wait 300
                machine:swap uart0 ns16550a:0.0.1
                """));
        assertEquals(0, osmium.script("machine:use demo\nmachine:wait\n"));
        assertEveryLineOnceInOrder(output);
        assertTrue(Files.readString(output).contains("line 3999"));
    }
}
