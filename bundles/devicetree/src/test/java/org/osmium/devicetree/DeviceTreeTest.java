package org.osmium.devicetree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osmium.api.devicetree.DtNode;

/** The encoder against dtc and against QEMU 7.2's own virt tree, the blob layout, phandles and refused input. */
class DeviceTreeTest {
    private static final String WARNING_PREFIX = "<stdout>: Warning";

    private static String qemuSource() throws IOException {
        try (InputStream in = DeviceTreeTest.class.getResourceAsStream("qemu-7.2-virt-256M.dts")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- Against dtc and QEMU.

    @Test
    void qemusVirtTreeDecompilesToExactlyQemusSource() throws Exception {
        Dtc.Output output = Dtc.decompile(QemuVirtTree.build(false).toBlob(0), "qemu-virt");
        assertEquals(qemuSource(), output.source().replaceAll("(?m)^\\s*rng-seed = .*\\n", ""));
        assertTrue(output.warnings().contains("/cpus/cpu@0/interrupt-controller: Missing #address-cells"),
                "dtc warns about QEMU's hart interrupt controller, as on QEMU's own blob: " + output.warnings());
    }

    @Test
    void virtTreeWithTheInterruptControllerFixedHasNoWarnings() throws Exception {
        Dtc.Output output = Dtc.decompile(QemuVirtTree.build(true).toBlob(0), "virt-fixed");
        assertEquals("", output.warnings());
        assertTrue(output.source().contains("\t\t\t\t#address-cells = <0x00>;\n\t\t\t\tphandle = <0x02>;\n"), output.source());
    }

    @Test
    void emptyTreeIsAValidBlob() throws Exception {
        Dtc.Output output = Dtc.decompile(new DeviceTree().toBlob(0), "empty");
        assertEquals("/dts-v1/;\n\n/ {\n};\n", output.source());
        assertEquals("", output.warnings());
    }

    @Test
    void everyValueKindReadsBackThroughDtc() throws Exception {
        DeviceTree tree = new DeviceTree();
        DtNode node = tree.node("/kinds");
        node.strings("one", "text").strings("list", "a", "bc").cells("cells", 1, 0xffffffffL)
                .longs("longs", 0x123456789aL).bytes("bytes", new byte[] {1, 2, 3}).empty("flag");
        String source = Dtc.decompile(tree.toBlob(0), "kinds").source();
        assertTrue(source.contains("""
                \tkinds {
                \t\tone = "text";
                \t\tlist = "a\\0bc";
                \t\tcells = <0x01 0xffffffff>;
                \t\tlongs = <0x12 0x3456789a>;
                \t\tbytes = [01 02 03];
                \t\tflag;
                \t};
                """), source);
    }

    // ---- Blob layout.

    @Test
    void headerIsVersion17CompatibleWith16AndDescribesTheBlocks() {
        byte[] blob = QemuVirtTree.build(true).toBlob(3);
        ByteBuffer header = ByteBuffer.wrap(blob);
        assertEquals(0xd00dfeed, header.getInt(0));
        assertEquals(blob.length, header.getInt(4), "totalsize");
        int structure = header.getInt(8), strings = header.getInt(12), reservations = header.getInt(16);
        assertEquals(17, header.getInt(20));
        assertEquals(16, header.getInt(24));
        assertEquals(3, header.getInt(28), "boot CPU id");
        assertEquals(40, reservations);
        assertEquals(0, reservations % 8, "the reservation map is 8-byte aligned");
        assertEquals(0, header.getLong(reservations), "empty reservation map: the terminating entry at once");
        assertEquals(0, header.getLong(reservations + 8));
        assertEquals(reservations + 16, structure);
        assertEquals(0, structure % 4);
        assertEquals(header.getInt(36), strings - structure, "size_dt_struct");
        assertEquals(header.getInt(32), blob.length - strings, "size_dt_strings");
        assertEquals(1, header.getInt(structure), "the structure starts with the root's FDT_BEGIN_NODE");
        assertEquals(9, header.getInt(strings - 4), "and ends with FDT_END");
    }

    @Test
    void eachPropertyNameIsStoredOnceInTheStringsBlock() {
        byte[] blob = QemuVirtTree.build(true).toBlob(0);
        ByteBuffer header = ByteBuffer.wrap(blob);
        int strings = header.getInt(12);
        String block = new String(blob, strings, header.getInt(32), StandardCharsets.UTF_8);
        List<String> names = List.of(block.split("\0"));
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertTrue(names.containsAll(List.of("reg", "compatible", "interrupts", "phandle", "#address-cells")));
    }

    @Test
    void sameTreeGivesTheSameBytes() {
        assertArrayEquals(QemuVirtTree.build(true).toBlob(0), QemuVirtTree.build(true).toBlob(0));
    }

    // ---- Nodes, paths and phandles.

    @Test
    void phandlesAreNumberedFromOneInOrderOfFirstRequest() throws Exception {
        DeviceTree tree = new DeviceTree();
        DtNode second = tree.node("/b");
        DtNode first = tree.node("/a");
        assertEquals(1, first.phandle());
        assertEquals(2, second.phandle());
        assertEquals(1, first.phandle(), "asked again, the same phandle");
        second.cells("after", 7);
        String source = Dtc.decompile(tree.toBlob(0), "phandles").source();
        assertTrue(source.contains("\tb {\n\t\tphandle = <0x02>;\n\t\tafter = <0x07>;\n"), source);
    }

    @Test
    void nodeCreatesThePathOnceAndChildrenKeepCreationOrder() throws Exception {
        DeviceTree tree = new DeviceTree();
        DtNode serial = tree.node("/soc/serial@10000000");
        assertEquals("/soc/serial@10000000", serial.path());
        assertSame(serial, tree.root().child("soc").child("serial@10000000"));
        assertSame(tree.root(), tree.node("/"));
        assertEquals("/", tree.root().path());
        tree.node("/soc/clint@2000000");
        tree.node("/cpus");
        List<String> order = new ArrayList<>();
        for (String line : Dtc.decompile(tree.toBlob(0), "order").source().split("\n")) {
            if (line.endsWith("{")) {
                order.add(line.strip());
            }
        }
        assertEquals(List.of("/ {", "soc {", "serial@10000000 {", "clint@2000000 {", "cpus {"), order);
    }

    @Test
    void settingAPropertyAgainReplacesItInPlace() throws Exception {
        DeviceTree tree = new DeviceTree();
        tree.root().cells("x", 1).cells("y", 2).cells("x", 3);
        String source = Dtc.decompile(tree.toBlob(0), "replace").source();
        assertTrue(source.contains("\tx = <0x03>;\n\ty = <0x02>;\n"), source);
    }

    // ---- Refused input names the node and property.

    @Test
    void cellThatDoesNotFitIn32BitsIsRefused() {
        DtNode node = new DeviceTree().node("/soc");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> node.cells("reg", 0x100000000L));
        assertEquals("device tree node /soc: property 'reg' cell value 0x100000000 does not fit in 32 bits", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> node.cells("reg", -1));
    }

    @Test
    void badNodeNamesAreRefused() {
        DeviceTree tree = new DeviceTree();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> tree.node("/soc/serial 0"));
        assertEquals("device tree node /soc: 'serial 0' is not a node name (a letter, then up to 30 letters, digits or"
                + " , . _ + -, then an optional @unit-address)", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tree.root().child("a/b"));
        assertThrows(IllegalArgumentException.class, () -> tree.node("/soc//x"));
    }

    @Test
    void relativePathIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new DeviceTree().node("soc"));
        assertEquals("device tree path 'soc' is not absolute (/ or /name/name...)", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeviceTree().node("/soc/"));
    }

    @Test
    void badPropertiesAreRefused() {
        DtNode node = new DeviceTree().node("/chosen");
        assertEquals("device tree node /chosen: property 'boot args' is not a property name (1 to 31 letters, digits"
                + " or , . _ + ? # -)", assertThrows(IllegalArgumentException.class, () -> node.empty("boot args")).getMessage());
        assertEquals("device tree node /chosen: property 'phandle' is assigned by phandle(), not set directly",
                assertThrows(IllegalArgumentException.class, () -> node.cells("phandle", 1)).getMessage());
        assertEquals("device tree node /chosen: property 'bootargs' string \"a\\0b\" contains a NUL character",
                assertThrows(IllegalArgumentException.class, () -> node.strings("bootargs", "a\0b")).getMessage());
        assertEquals("device tree node /chosen: property 'compatible' needs at least one string",
                assertThrows(IllegalArgumentException.class, () -> node.strings("compatible")).getMessage());
    }

    @Test
    void negativeBootCpuIdIsRefused() {
        assertEquals("boot CPU id -1 is negative",
                assertThrows(IllegalArgumentException.class, () -> new DeviceTree().toBlob(-1)).getMessage());
    }
}
