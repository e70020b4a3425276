package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.devicetree.DtNode;

/** The hart's device-tree node: a QEMU-style cpu node with its interrupt-controller child. */
class DeviceTreeTest {

    @Test
    void cpuNodeAndInterruptSpecifiers() throws Exception {
        RiscvHart hart = new TestMachine(4096).hart;
        RecordingNode node = new RecordingNode("/cpus/" + hart.nodeName(0));
        hart.describe(node, new RecordingNode(""));
        assertEquals("/cpus", hart.parentPath());
        assertEquals("/cpus/cpu@0", node.path());
        assertEquals(Map.of("device_type", "[cpu]", "reg", "[0]", "status", "[okay]", "compatible", "[riscv]",
                "riscv,isa", "[rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc]", "mmu-type", "[riscv,sv48]"), node.properties);
        RecordingNode controller = (RecordingNode) hart.interruptNode(node);
        assertSame(node.child("interrupt-controller"), controller);
        assertEquals(Map.of("#address-cells", "[0]", "#interrupt-cells", "[1]", "interrupt-controller", "[]", "compatible", "[riscv,cpu-intc]"),
                controller.properties);
        assertArrayEquals(new long[] {7}, hart.interruptSpecifier("mtip"));
        assertArrayEquals(new long[] {11}, hart.interruptSpecifier("meip"));
        assertEquals("hart 0 has no interrupt input 'irq'; inputs: msip, mtip, meip, ssip, stip, seip",
                assertThrows(IllegalArgumentException.class, () -> hart.interruptSpecifier("irq")).getMessage());
    }

    /** A device-tree node that records its properties as text. */
    private static final class RecordingNode implements DtNode {
        private final String path;
        final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, RecordingNode> children = new LinkedHashMap<>();

        RecordingNode(String path) {
            this.path = path;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public DtNode child(String name) {
            return children.computeIfAbsent(name, n -> new RecordingNode(path + "/" + n));
        }

        @Override
        public DtNode strings(String property, String... values) {
            properties.put(property, Arrays.toString(values));
            return this;
        }

        @Override
        public DtNode cells(String property, long... values) {
            properties.put(property, Arrays.toString(values));
            return this;
        }

        @Override
        public DtNode longs(String property, long... values) {
            properties.put(property, Arrays.toString(values));
            return this;
        }

        @Override
        public DtNode bytes(String property, byte[] value) {
            properties.put(property, Arrays.toString(value));
            return this;
        }

        @Override
        public DtNode empty(String property) {
            properties.put(property, "[]");
            return this;
        }

        @Override
        public int phandle() {
            return 1;
        }
    }
}
