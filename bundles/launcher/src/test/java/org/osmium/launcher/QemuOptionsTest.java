package org.osmium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QEMU's command line as Osmium reads it: accepted forms, defaults, and refusals that name the option. */
class QemuOptionsTest {
    private static QemuOptions parse(String... args) throws QemuOptions.UsageException {
        return QemuOptions.parse(args);
    }

    private static String refusal(String... args) {
        return assertThrows(QemuOptions.UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void bareMetalLineOfTheReadme() throws Exception {
        QemuOptions options = parse("-M", "virt", "-m", "128M", "-nographic", "-bios", "none", "-kernel", "prog.elf");
        assertEquals("virt", options.board());
        assertEquals(128L << 20, options.memoryBytes());
        assertNull(options.bios());
        assertEquals("prog.elf", options.kernel());
        assertEquals(List.of(), options.serials());
    }

    @Test
    void defaultBiosIsDebiansOpenSbi() throws Exception {
        assertEquals(QemuOptions.DEFAULT_FIRMWARE, parse("-kernel", "uboot.elf").bios());
        assertEquals(QemuOptions.DEFAULT_FIRMWARE, parse("-bios", "default").bios());
        assertEquals("fw.bin", parse("-bios", "fw.bin").bios());
    }

    @Test
    void memoryWithoutSuffixIsMiB() throws Exception {
        assertEquals(256L << 20, QemuOptions.memory("256"));
        assertEquals(1L << 30, QemuOptions.memory("1G"));
        assertEquals(512L << 20, QemuOptions.memory("size=512M"));
        assertEquals("-m lots: not a memory size (e.g. 128M, 1G, or 256 for MiB); see --help", refusal("-m", "lots"));
    }

    @Test
    void smpTakesOneToEightHarts() throws Exception {
        assertEquals(4, parse("-smp", "4").harts());
        assertEquals(2, parse("-smp", "cpus=2,sockets=1").harts());
        assertEquals("-smp 9: give a hart count from 1 to 8; see --help", refusal("-smp", "9"));
    }

    @Test
    void serialBackendsMapToChardevs() throws Exception {
        assertEquals(List.of("stdio"), parse("-serial", "mon:stdio").serials());
        assertEquals(List.of("socket:127.0.0.1:4444"), parse("-serial", "tcp:127.0.0.1:4444,server,nowait").serials());
        assertEquals(List.of("file:/tmp/x"), parse("-serial", "file:/tmp/x").serials());
        assertTrue(refusal("-serial", "pty").startsWith("-serial pty: supported are"));
    }

    @Test
    void driveBecomesVirtioBlkProperties() throws Exception {
        assertEquals(List.of(Map.of("file", "disk.qcow2", "format", "qcow2", "readonly", "on")),
                parse("-drive", "file=disk.qcow2,if=virtio,format=qcow2,readonly=on").drives());
        assertEquals("-drive file=d.img,if=ide: if=ide is not supported; use if=virtio", refusal("-drive", "file=d.img,if=ide"));
        assertEquals("-drive if=virtio: needs file=PATH", refusal("-drive", "if=virtio"));
    }

    @Test
    void unknownOptionAndMissingValueAreNamed() {
        assertEquals("unknown option '-frobnicate'; see --help", refusal("-frobnicate"));
        assertEquals("option '-kernel' needs a value; see --help", refusal("-kernel"));
        assertEquals("-display gtk: only -display none is supported (see --help)", refusal("-display", "gtk"));
    }

    @Test
    void machineHelpListsBoards() throws Exception {
        assertTrue(parse("-M", "help").listBoards());
    }
}
