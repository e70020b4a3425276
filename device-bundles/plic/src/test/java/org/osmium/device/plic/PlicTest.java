package org.osmium.device.plic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.model.ModelException;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.TestDeviceContext;

/** The PLIC's registers, claim and complete, priorities and thresholds, outputs, properties and device-tree node. */
class PlicTest {
    /** Context registers of hart 0 M (context 0), hart 0 S (1) and hart 1 M (2). */
    private static final long M0 = 0x200000, S0 = 0x201000, M1 = 0x202000;

    private final PlicModel model = new PlicModel();
    private final TestDeviceContext context = new TestDeviceContext("plic0");
    private final Plic plic;
    private final MmioHandler registers;

    PlicTest() throws ModelException {
        plic = create(context, Map.of("harts", "2"));
        registers = plic.regions().get(0).mmio();
    }

    private Plic create(TestDeviceContext on, Map<String, String> settings) throws ModelException {
        return (Plic) model.create(on, model.schema().validate(on.id() + " (plic)", settings));
    }

    private void raise(int source) {
        plic.inputs().get(Integer.toString(source)).set(true);
    }

    private void lower(int source) {
        plic.inputs().get(Integer.toString(source)).set(false);
    }

    private void priority(int source, int value) {
        registers.write(4L * source, 4, value);
    }

    private void enable(int ctx, int... sources) {
        long[] words = new long[3];
        for (int source : sources) {
            words[source >> 5] |= 1L << (source & 31);
        }
        for (int word = 0; word < 3; word++) {
            registers.write(0x2000 + 0x80L * ctx + 4L * word, 4, words[word]);
        }
    }

    private long claim(long contextBase) {
        return registers.read(contextBase + 4, 4);
    }

    private void complete(long contextBase, long source) {
        registers.write(contextBase + 4, 4, source);
    }

    // ---- Layout, inputs, outputs.

    @Test
    void oneRegionOfQemusSizeWith32BitAccess() {
        assertEquals(0x600000, plic.regions().get(0).size());
        assertEquals(MmioHandler.SIZE_4, registers.accessSizes());
    }

    @Test
    void inputsAreSourcesOneTo95() {
        assertEquals(95, plic.inputs().size());
        assertEquals("1", plic.inputs().keySet().iterator().next());
        assertTrue(plic.inputs().containsKey("95"));
        assertFalse(plic.inputs().containsKey("0"));
        assertFalse(plic.inputs().containsKey("96"));
        assertSame(plic.inputs(), plic.inputs());
    }

    @Test
    void outputsAreMThenSPerHart() {
        assertEquals(List.of("meip0", "seip0", "meip1", "seip1"), List.copyOf(context.outputs().keySet()));
    }

    // ---- Pending, claim, complete.

    @Test
    void aRaisedLineIsPendingAndShowsInThePendingWord() {
        raise(10);
        raise(33);
        assertEquals(1L << 10, registers.read(0x1000, 4));
        assertEquals(1L << 1, registers.read(0x1004, 4));
        lower(10);
        assertEquals(0, registers.read(0x1000, 4), "level-triggered: lowering the line withdraws the request");
    }

    @Test
    void sourceWithPriorityZeroNeverInterrupts() {
        enable(0, 10);
        raise(10);
        assertFalse(context.level("meip0"));
        assertEquals(0, claim(M0));
    }

    @Test
    void enabledSourceAbovePriorityThresholdRaisesTheContextsOutputOnly() {
        priority(10, 1);
        enable(1, 10);
        raise(10);
        assertTrue(context.level("seip0"));
        assertFalse(context.level("meip0"));
        assertFalse(context.level("meip1"));
        assertFalse(context.level("seip1"));
    }

    @Test
    void claimReturnsTheSourceClearsPendingAndLowersTheOutput() {
        priority(10, 1);
        enable(0, 10);
        raise(10);
        assertTrue(context.level("meip0"));
        assertEquals(10, claim(M0));
        assertEquals(0, registers.read(0x1000, 4));
        assertFalse(context.level("meip0"));
        assertEquals(0, claim(M0), "nothing more to claim");
    }

    @Test
    void completingWhileTheLineIsStillHighMakesItPendingAgain() {
        priority(10, 1);
        enable(0, 10);
        raise(10);
        assertEquals(10, claim(M0));
        complete(M0, 10);
        assertTrue(context.level("meip0"), "the device still asserts its line");
        assertEquals(10, claim(M0));
        lower(10);
        complete(M0, 10);
        assertFalse(context.level("meip0"));
        assertEquals(0, registers.read(0x1000, 4));
    }

    @Test
    void aSourceInServiceIsNotOfferedAgainUntilCompleted() {
        priority(10, 1);
        enable(0, 10);
        enable(2, 10);
        raise(10);
        assertTrue(context.level("meip1"));
        assertEquals(10, claim(M0));
        assertFalse(context.level("meip1"), "claimed by hart 0: hart 1 no longer sees it");
        lower(10);
        raise(10);
        assertFalse(context.level("meip0"), "a new request waits for the completion");
        complete(M0, 10);
        assertTrue(context.level("meip0"));
        assertTrue(context.level("meip1"));
    }

    @Test
    void highestPriorityWinsAndTiesGoToTheLowestId() {
        enable(0, 5, 7, 40);
        priority(5, 2);
        priority(7, 2);
        priority(40, 6);
        raise(7);
        raise(5);
        raise(40);
        assertEquals(40, claim(M0));
        assertEquals(5, claim(M0));
        assertEquals(7, claim(M0));
        assertEquals(0, claim(M0));
    }

    @Test
    void thresholdMasksPrioritiesAtOrBelowIt() {
        enable(0, 10);
        priority(10, 3);
        registers.write(M0, 4, 3);
        raise(10);
        assertFalse(context.level("meip0"));
        assertEquals(0, claim(M0));
        registers.write(M0, 4, 2);
        assertTrue(context.level("meip0"));
        assertEquals(10, claim(M0));
    }

    @Test
    void prioritiesAndThresholdsKeepThreeBitsAsInQemu() {
        priority(10, 0xf);
        assertEquals(7, registers.read(40, 4));
        registers.write(S0, 4, 9);
        assertEquals(1, registers.read(S0, 4));
    }

    @Test
    void enableRegistersReadBackAndDisablingLowersTheOutput() {
        priority(64, 1);
        raise(64);
        enable(3, 64);
        assertEquals(1, registers.read(0x2000 + 3 * 0x80 + 8, 4));
        assertTrue(context.level("seip1"));
        enable(3);
        assertFalse(context.level("seip1"));
    }

    @Test
    void pendingRegistersAreReadOnly() {
        registers.write(0x1000, 4, 0xffffffffL);
        assertEquals(0, registers.read(0x1000, 4));
    }

    @Test
    void completionOfAnOutOfRangeSourceIsIgnored() {
        priority(10, 1);
        enable(0, 10);
        raise(10);
        claim(M0);
        complete(M0, 96);
        complete(M0, 0);
        assertEquals(0, claim(M0), "source 10 still in service");
    }

    @Test
    void registersOfAbsentContextsAndGapsReadZero() {
        assertEquals(0, registers.read(0x204000, 4), "context 4 does not exist with 2 harts");
        assertEquals(0, registers.read(0x2000 + 12, 4), "enable word 3 is beyond 96 sources");
        assertEquals(0, registers.read(0x200008, 4));
        assertEquals(0, registers.read(0x5ffffc, 4));
    }

    @Test
    void resetClearsRegistersButKeepsLinesThatAreHighPending() {
        priority(10, 1);
        enable(0, 10);
        registers.write(M0, 4, 0);
        raise(10);
        raise(11);
        claim(M0);
        plic.reset();
        assertEquals(0, registers.read(40, 4));
        assertEquals(0, registers.read(0x2000, 4));
        assertFalse(context.level("meip0"));
        assertEquals(1L << 10 | 1L << 11, registers.read(0x1000, 4));
    }

    // ---- Properties.

    @Test
    void defaultsAreQemuVirtsPlicForOneHart() throws ModelException {
        assertEquals(Map.of("base", "0xc000000", "num-sources", "96", "harts", "1"),
                model.schema().validate("plic0 (plic)", Map.of()).asText());
        TestDeviceContext single = new TestDeviceContext("plic0");
        Plic one = create(single, Map.of());
        assertEquals(96, one.sources());
        assertEquals(2, one.contexts());
        assertEquals(List.of("meip0", "seip0"), List.copyOf(single.outputs().keySet()));
        assertEquals("plic", model.type());
    }

    @Test
    void outOfRangePropertiesAreRefusedNamingThem() {
        assertEquals("plic0 (plic): property 'num-sources' = 1 is outside 2..1024", assertThrows(ModelException.class,
                () -> create(new TestDeviceContext("plic0"), Map.of("num-sources", "1"))).getMessage());
        assertEquals("plic0 (plic): property 'num-sources' = 1025 is outside 2..1024", assertThrows(ModelException.class,
                () -> create(new TestDeviceContext("plic0"), Map.of("num-sources", "1025"))).getMessage());
        assertEquals("plic0 (plic): property 'harts' = 9 is outside 1..8", assertThrows(ModelException.class,
                () -> create(new TestDeviceContext("plic0"), Map.of("harts", "9"))).getMessage());
    }

    @Test
    void aThousandTwentyFourSourcesFillTheLayout() throws ModelException {
        Plic large = create(new TestDeviceContext("plic0"), Map.of("num-sources", "1024", "harts", "8"));
        MmioHandler mmio = large.regions().get(0).mmio();
        mmio.write(4 * 1023, 4, 1);
        mmio.write(0x2000 + 15 * 0x80 + 0x7c, 4, 1L << 31);
        large.inputs().get("1023").set(true);
        assertEquals(1023, mmio.read(0x200000 + 15 * 0x1000 + 4, 4));
    }

    // ---- Device tree.

    @Test
    void deviceTreeNodeIsQemus() {
        RecordingDtNode node = new RecordingDtNode("/soc/plic@c000000");
        plic.describe(node, new RecordingDtNode("/"));
        assertEquals("plic@c000000", plic.nodeName(0xc000000));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("riscv,ndev", "<0x60>");
        expected.put("interrupt-controller", "");
        expected.put("compatible", "\"sifive,plic-1.0.0\", \"riscv,plic0\"");
        expected.put("#address-cells", "<0x0>");
        expected.put("#interrupt-cells", "<0x1>");
        assertEquals(expected, node.properties());
        assertTrue(plic.extendedInterrupts());
        assertSame(node, plic.interruptNode(node));
    }

    @Test
    void interruptSpecifierIsTheSourceNumber() {
        assertArrayEquals(new long[] {10}, plic.interruptSpecifier("10"));
        assertArrayEquals(new long[] {95}, plic.interruptSpecifier("95"));
        assertEquals("the PLIC has no input '96' (its inputs are 1..95)",
                assertThrows(IllegalArgumentException.class, () -> plic.interruptSpecifier("96")).getMessage());
    }
}
