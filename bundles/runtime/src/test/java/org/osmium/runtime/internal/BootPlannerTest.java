package org.osmium.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.loader.LoadedImage;
import org.osmium.runtime.BootSpec;
import org.osmium.runtime.MachineException;

/** Firmware, kernel, initrd and device tree land where QEMU 7.2's virt board puts them. */
class BootPlannerTest {
    private static final long MIB = 1 << 20;
    private static final RamRange RAM_128M = new RamRange(0x80000000L, 128 * MIB);

    @TempDir
    Path folder;

    private Path file(String name, int size) throws Exception {
        Path path = folder.resolve(name);
        Files.write(path, new byte[size]);
        return path;
    }

    private static BootImages plan(BootSpec spec) throws MachineException {
        return BootPlanner.plan(spec, RAM_128M, 0x1000, true, chosen -> new byte[64], "uart0");
    }

    @Test
    void firmwareAtTheRamBaseKernel2MiBAlignedAfterItTreeBelowTheTopAndTheRomJumpsToTheFirmware() throws Exception {
        BootImages images = plan(new BootSpec(file("fw.bin", 0x30000), file("kernel.bin", 4096), null, null, null));
        assertEquals(0x80000000L, images.images().get(0).segments().get(0).address());
        assertEquals(0x80200000L, images.images().get(1).segments().get(0).address());
        assertEquals(0x87e00000L, images.deviceTreeAddress(), "1 MiB tree aligned down to 2 MiB below the top of RAM");
        assertEquals(0x1000, images.startPc());
        LoadedImage rom = images.images().getLast();
        ByteBuffer bytes = ByteBuffer.wrap(rom.segments().get(0).bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x80000000L, bytes.getLong(24), "first stage");
        assertEquals(0x87e00000L, bytes.getLong(32), "device tree");
        assertEquals(0x4942534fL, bytes.getLong(40), "fw_dynamic magic");
        assertEquals(0x80200000L, bytes.getLong(56), "next stage for OpenSBI");
    }

    @Test
    void resetRomIsQemusRv64ResetVector() {
        ByteBuffer rom = ByteBuffer.wrap(BootPlanner.resetRom(0x80000000L, 0x87e00000L, 0)).order(ByteOrder.LITTLE_ENDIAN);
        int[] expected = {0x00000297, 0x02828613, 0xf1402573, 0x0202b583, 0x0182b283, 0x00028067};
        int[] actual = new int[6];
        for (int i = 0; i < 6; i++) {
            actual[i] = rom.getInt(4 * i);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void initrdGoesHalfOfRamAtMost128MiBAfterTheKernelEntry() throws Exception {
        BootImages images = plan(new BootSpec(null, file("kernel.bin", 4096), file("initrd", 1000), "console=ttyS0", null));
        assertEquals(0x80000000L + 64 * MIB, images.images().get(1).segments().get(0).address());
    }

    @Test
    void initrdThatDoesNotFitIsRefusedWithItsAddresses() throws Exception {
        Path initrd = file("big-initrd", (int) (80 * MIB));
        MachineException refused = assertThrows(MachineException.class,
                () -> plan(new BootSpec(null, file("kernel.bin", 4096), initrd, null, null)));
        assertTrue(refused.getMessage().startsWith(initrd + ": initrd 0x84000000-0x88ffffff does not fit"), refused.getMessage());
    }

    @Test
    void kernelLargerThanRamIsRefusedNamingTheFile() throws Exception {
        Path kernel = file("huge.bin", (int) (130 * MIB));
        MachineException refused = assertThrows(MachineException.class, () -> plan(new BootSpec(null, kernel, null, null, null)));
        assertTrue(refused.getMessage().startsWith(kernel + ": segment 0 at 0x80000000-0x881fffff is outside RAM"), refused.getMessage());
    }

    @Test
    void treeIsGrownTo1MiBWithItsTotalSizeUpdated() {
        byte[] blob = new byte[100];
        byte[] grown = BootPlanner.withFreeSpace(blob);
        assertEquals(MIB, grown.length);
        assertEquals(MIB, ByteBuffer.wrap(grown).getInt(4));
    }
}
