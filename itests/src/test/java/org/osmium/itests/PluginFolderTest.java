package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins folder in a real Felix: a third-party jar dropped there is installed and its model used; removing it
 * pauses the machine that uses it, bringing it back resumes the machine with the device's state; a changed jar is
 * updated and the machine swaps onto it.
 */
class PluginFolderTest {
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

    private int script(String text) throws Exception {
        return osmium.script(text);
    }

    /** Waits (FileInstall polls the folder) until {@code text} ends with {@code status}, at most 15 s. */
    private void eventually(String what, int status, String text) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (script(text) != status) {
            assertTrue(System.nanoTime() < deadline, what + " did not happen within 15 s");
            Thread.sleep(200);
        }
    }

    @Test
    void droppedRemovedAndChangedJarsAreFollowed() throws Exception {
        Path jar = osmium.plugins().resolve("scratchpad.jar");
        Files.copy(Path.of(System.getProperty("osmium.testPlugin")), jar);
        Path output = folder.resolve("uart.txt");
        eventually("installing the dropped jar", 0, "machine:models scratchpad\n");
        assertEquals(0, script("""
                machine:create demo virt
                machine:add scratchpad pad0 base=0x20000000
                machine:set uart0 chardev=file:%s
                machine:load %s
                machine:start
                """.formatted(output, Guests.elf("uart-stream"))));

        Files.delete(jar);
        eventually("pad0 waiting for its model after its jar went away", 1, "machine:use demo\nmachine:swap pad0\n");
        assertEquals(1, script("machine:use demo\nmachine:pause\n"), "the machine stands paused");
        assertEquals(1, script("machine:use demo\nmachine:resume\n"), "it cannot resume while pad0 waits for its model");

        Files.copy(Path.of(System.getProperty("osmium.testPlugin")), jar);
        eventually("pad0 back when the jar came back", 0, "machine:use demo\nmachine:swap pad0\n");
        assertEquals(0, script("machine:use demo\nmachine:pause\nmachine:resume\n"), "the machine resumed by itself");

        Files.copy(Path.of(System.getProperty("osmium.testPlugin")), jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(0, script("machine:use demo\nmachine:wait\n"));
        assertTrue(Files.readString(output).endsWith("scratch register kept\n"), "the guest ran to its end");
    }
}
