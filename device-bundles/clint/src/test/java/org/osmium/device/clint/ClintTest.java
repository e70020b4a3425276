package org.osmium.device.clint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.model.ModelException;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.TestDeviceContext;

/** The CLINT's registers, its timer on a manual clock, its outputs, properties and device-tree node. */
class ClintTest {
    private static final long NEVER = -1L;

    private final ClintModel model = new ClintModel();
    private final TestDeviceContext context = new TestDeviceContext("clint0");
    private final Clint clint;
    private final MmioHandler registers;

    ClintTest() throws ModelException {
        clint = create(context, Map.of("harts", "2"));
        registers = clint.regions().get(0).mmio();
    }

    private Clint create(TestDeviceContext on, Map<String, String> settings) throws ModelException {
        return (Clint) model.create(on, model.schema().validate(on.id() + " (clint)", settings));
    }

    private void disarm() {
        registers.write(0x4000, 8, NEVER);
        registers.write(0x4008, 8, NEVER);
    }

    // ---- Layout and outputs.

    @Test
    void oneRegionOfQemusSizeWith32And64BitAccess() {
        Region region = clint.regions().get(0);
        assertEquals(0, region.offset());
        assertEquals(0x10000, region.size());
        assertEquals(MmioHandler.SIZE_4 | MmioHandler.SIZE_8, registers.accessSizes());
    }

    @Test
    void outputsAreNamedPerHartInWiringOrder() {
        assertEquals(List.of("msip0", "mtip0", "msip1", "mtip1"), List.copyOf(context.outputs().keySet()));
    }

    @Test
    void afterResetTimerInterruptsArePendingBecauseMtimecmpIsZeroAsInQemu() {
        assertTrue(context.level("mtip0"));
        assertTrue(context.level("mtip1"));
        assertFalse(context.level("msip0"));
    }

    // ---- MSWI.

    @Test
    void msipBitZeroDrivesTheHartsSoftwareInterrupt() {
        registers.write(0x4, 4, 0xffff_fffeL);
        assertFalse(context.level("msip1"), "only bit 0 counts");
        registers.write(0x4, 4, 1);
        assertTrue(context.level("msip1"));
        assertFalse(context.level("msip0"));
        assertEquals(1, registers.read(0x4, 4));
        assertEquals(0, registers.read(0x0, 4));
        registers.write(0x4, 4, 0);
        assertFalse(context.level("msip1"));
    }

    @Test
    void sixtyFourBitMsipAccessReachesTwoHarts() {
        registers.write(0x0, 8, 1L << 32 | 1);
        assertTrue(context.level("msip0"));
        assertTrue(context.level("msip1"));
        assertEquals(1L << 32 | 1, registers.read(0x0, 8));
    }

    @Test
    void msipOfAHartBeyondTheCountReadsZeroAndIgnoresWrites() {
        registers.write(0x8, 4, 1);
        assertEquals(0, registers.read(0x8, 4));
        assertEquals(0, registers.read(0x3ffc, 4));
    }

    // ---- MTIMER.

    @Test
    void mtimeCountsTheVirtualClockAt10MHz() {
        assertEquals(0, registers.read(0xbff8, 8));
        context.clock().advance(1_000_000_000L);
        assertEquals(10_000_000, registers.read(0xbff8, 8));
        context.clock().advance(99);
        assertEquals(10_000_000, registers.read(0xbff8, 8), "one tick is 100 ns");
        context.clock().advance(1);
        assertEquals(10_000_001, registers.read(0xbff8, 4));
    }

    @Test
    void mtimeIsTheMachineTimeBaseThatHartsReadAndResetPutsItBackOnTheClock() {
        context.clock().advance(1000);
        registers.write(0xbff8, 8, 0x1_0000_0000L);
        assertEquals(0x1_0000_0000L, context.timebase().ticks(), "what a hart's time CSR reads");
        context.timebase().setOffset(0);
        assertEquals(10, registers.read(0xbff8, 8), "one time base: moving it moves mtime");
        registers.write(0xbff8, 8, 77);
        clint.reset();
        assertEquals(0, context.timebase().offset());
        assertEquals(10, registers.read(0xbff8, 8));
    }

    @Test
    void mtimeHalvesReadAsThirtyTwoBitRegisters() {
        registers.write(0xbff8, 8, 0x1234_5678_9abc_def0L);
        assertEquals(0x9abc_def0L, registers.read(0xbff8, 4));
        assertEquals(0x1234_5678L, registers.read(0xbffc, 4));
    }

    @Test
    void mtimeWritesMoveItAndItKeepsCounting() {
        context.clock().advance(500);
        registers.write(0xbff8, 8, 1000);
        assertEquals(1000, clint.mtime());
        context.clock().advance(1000);
        assertEquals(1010, clint.mtime());
        registers.write(0xbffc, 4, 2);
        assertEquals(2L << 32 | 1010, clint.mtime(), "a 32-bit write replaces one half");
        registers.write(0xbff8, 4, 7);
        assertEquals(2L << 32 | 7, clint.mtime());
    }

    @Test
    void mtimecmpInTheFutureArmsATimerThatRaisesMtipWhenMtimeReachesIt() {
        disarm();
        assertFalse(context.level("mtip0"));
        assertEquals(0, context.clock().armed(), "mtimecmp = 2^64 - 1 is never reached: no timer");
        registers.write(0x4000, 8, 50);
        assertEquals(1, context.clock().armed());
        context.clock().advance(50 * 100 - 1);
        assertFalse(context.level("mtip0"));
        context.clock().advance(1);
        assertTrue(context.level("mtip0"));
        assertFalse(context.level("mtip1"));
        assertEquals(0, context.clock().armed());
    }

    @Test
    void mtimecmpInThePastRaisesMtipAtOnceAndAFutureOneLowersIt() {
        disarm();
        context.clock().advance(10_000);
        registers.write(0x4008, 8, 100);
        assertTrue(context.level("mtip1"));
        registers.write(0x4008, 8, 101);
        assertFalse(context.level("mtip1"));
        assertEquals(List.of(true, false, true, false), context.outputs().get("mtip1").transitions());
    }

    @Test
    void mtimecmpIsWrittenInHalvesLikeRv32FirmwareDoes() {
        disarm();
        registers.write(0x4004, 4, 0);
        registers.write(0x4000, 4, 300);
        assertEquals(300, registers.read(0x4000, 8));
        assertEquals(300, registers.read(0x4000, 4));
        assertEquals(0, registers.read(0x4004, 4));
        context.clock().advance(300 * 100);
        assertTrue(context.level("mtip0"));
    }

    @Test
    void sixtyFourBitWriteAtTheHighHalfIsIgnoredAsInQemu() {
        registers.write(0x4000, 8, 0x55);
        registers.write(0x4004, 8, 0x77);
        assertEquals(0x55, registers.read(0x4000, 8));
    }

    @Test
    void movingMtimePastMtimecmpRaisesTheInterrupt() {
        disarm();
        registers.write(0x4000, 8, 1_000_000);
        registers.write(0xbff8, 8, 1_000_000);
        assertTrue(context.level("mtip0"));
        assertFalse(context.level("mtip1"));
    }

    @Test
    void rearmingMovesTheTimer() {
        disarm();
        registers.write(0x4000, 8, 10);
        registers.write(0x4000, 8, 20);
        context.clock().advance(15 * 100);
        assertFalse(context.level("mtip0"));
        context.clock().advance(5 * 100);
        assertTrue(context.level("mtip0"));
    }

    @Test
    void unmappedOffsetsReadZero() {
        assertEquals(0, registers.read(0x4010, 4), "mtimecmp of a third hart");
        assertEquals(0, registers.read(0xc000, 4));
        registers.write(0xc000, 4, 1);
    }

    @Test
    void resetClearsMsipMtimecmpAndTheMtimeOffset() {
        registers.write(0x0, 4, 1);
        registers.write(0x4000, 8, NEVER);
        registers.write(0xbff8, 8, 5000);
        clint.reset();
        assertFalse(context.level("msip0"));
        assertTrue(context.level("mtip0"));
        assertEquals(0, registers.read(0x4000, 8));
        assertEquals(0, clint.mtime());
    }

    @Test
    void closeCancelsTheTimers() {
        disarm();
        registers.write(0x4000, 8, 10);
        clint.close();
        assertEquals(0, context.clock().armed());
    }

    // ---- Properties.

    @Test
    void defaultsAreQemuVirtsClintForOneHart() throws ModelException {
        assertEquals(Map.of("base", "0x2000000", "harts", "1"), model.schema().validate("clint0 (clint)", Map.of()).asText());
        TestDeviceContext single = new TestDeviceContext("clint0");
        assertEquals(1, create(single, Map.of()).harts());
        assertEquals(List.of("msip0", "mtip0"), List.copyOf(single.outputs().keySet()));
        assertEquals("clint", model.type());
    }

    @Test
    void eightHartsAreAcceptedAndNineRefused() throws ModelException {
        assertEquals(8, create(new TestDeviceContext("clint0"), Map.of("harts", "8")).harts());
        ModelException nine = assertThrows(ModelException.class, () -> create(new TestDeviceContext("clint0"), Map.of("harts", "9")));
        assertEquals("clint0 (clint): property 'harts' = 9 is outside 1..8", nine.getMessage());
        ModelException zero = assertThrows(ModelException.class, () -> create(new TestDeviceContext("clint0"), Map.of("harts", "0")));
        assertEquals("clint0 (clint): property 'harts' = 0 is outside 1..8", zero.getMessage());
    }

    // ---- Device tree.

    @Test
    void deviceTreeNodeIsQemus() {
        RecordingDtNode node = new RecordingDtNode("/soc/clint@2000000");
        clint.describe(node, new RecordingDtNode("/"));
        assertEquals("clint@2000000", clint.nodeName(0x2000000));
        assertEquals("/soc", clint.parentPath());
        assertEquals(Map.of("compatible", "\"sifive,clint0\", \"riscv,clint0\""), node.properties());
        assertTrue(clint.extendedInterrupts());
        assertTrue(clint.regFromRegions());
    }
}
