package org.osmium.virtio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.virtio.TestDriver.Buffer;

/** The virtio-mmio transport as a driver sees it: identification, negotiation, queues, interrupts, reset, state. */
class VirtioMmioTest {
    private static final long IN = TestRam.BASE + 0x10000, OUT = TestRam.BASE + 0x20000;

    private final TestRam ram = new TestRam();
    private final EchoDevice echo = new EchoDevice(ram);
    private final List<Boolean> irq = new ArrayList<>();
    private final VirtioMmio transport = new VirtioMmio("echo0", echo, ram, irq::add);
    private final TestDriver driver = new TestDriver(transport, ram);

    @Test
    void identifiesAsAModernVirtioMmioDevice() {
        assertEquals(0x74726976, driver.read(0x000));
        assertEquals(2, driver.read(0x004));
        assertEquals(42, driver.read(0x008));
        assertEquals(0x554d4551, driver.read(0x00c));
        assertEquals(16, driver.read(0x034));
        assertEquals(0, driver.read(0x0fc));
    }

    @Test
    void offersTheDevicesFeaturesAndVersion1() {
        driver.write(0x014, 0);
        assertEquals(EchoDevice.FEATURE, driver.read(0x010));
        driver.write(0x014, 1);
        assertEquals(1, driver.read(0x010));
        driver.write(0x014, 2);
        assertEquals(0, driver.read(0x010));
    }

    @Test
    void featuresOkSticksOnlyWithVersion1AndNothingUnoffered() {
        assertEquals(0x0b, driver.negotiate(VirtioMmio.F_VERSION_1 | EchoDevice.FEATURE));
        assertEquals(0x03, driver.negotiate(EchoDevice.FEATURE));
        assertEquals(0x03, driver.negotiate(VirtioMmio.F_VERSION_1 | 1L << 5));
    }

    @Test
    void registersTakeOnly32BitAccesses() {
        assertEquals(0, transport.read(0x000, 2));
        assertEquals(0, transport.read(0x002, 4));
        transport.write(0x070, 1, VirtioMmio.STATUS_ACKNOWLEDGE);
        assertEquals(0, driver.read(0x070));
    }

    @Test
    void configurationSpaceReadsAtAnyWidthAndEndsAtItsSize() {
        assertEquals(0x88, transport.read(0x100, 1));
        assertEquals(0x5566_7788L, transport.read(0x100, 4));
        assertEquals(0x1122_3344_5566_7788L, transport.read(0x100, 8));
        assertEquals(0x2233, transport.read(0x105, 2));
        assertEquals(0, transport.read(0x106, 4));
    }

    @Test
    void requestRoundTripCompletesInTheUsedRingAndInterrupts() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        byte[] message = "hello, virtqueue".getBytes();
        System.arraycopy(message, 0, ram.region.bytes(), ram.index(IN), message.length);
        long used = driver.submit(0, Buffer.in(IN, 6), Buffer.in(IN + 6, message.length - 6), Buffer.out(OUT, 100));
        assertEquals(message.length, used);
        assertArrayEquals(message, Arrays.copyOfRange(ram.region.bytes(), ram.index(OUT), ram.index(OUT) + message.length));
        assertEquals(VirtioMmio.INTERRUPT_USED_BUFFER, driver.read(0x060));
        assertEquals(List.of(true), irq.subList(irq.size() - 1, irq.size()));
        driver.write(0x064, VirtioMmio.INTERRUPT_USED_BUFFER);
        assertEquals(0, driver.read(0x060));
        assertFalse(irq.getLast());
    }

    @Test
    void indexesWrapAroundTheRing() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(4);
        for (int request = 0; request < 10; request++) {
            ram.region.bytes()[ram.index(IN)] = (byte) request;
            assertEquals(1, driver.submit((request * 2) % 4, Buffer.in(IN, 1), Buffer.out(OUT, 1)));
            assertEquals(request, ram.region.bytes()[ram.index(OUT)]);
        }
    }

    @Test
    void driverCanSuppressInterrupts() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        driver.suppressInterrupts(true);
        assertEquals(1, driver.submit(0, Buffer.in(IN, 1), Buffer.out(OUT, 1)));
        assertEquals(0, driver.read(0x060));
    }

    @Test
    void notificationBeforeTheQueueIsReadyDoesNothing() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.write(0x050, 0);
        assertEquals(0, driver.read(0x060));
        assertEquals(0, driver.read(0x044));
    }

    @Test
    void loopingChainMakesTheDeviceNeedAReset() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(2);
        // Two descriptors pointing at each other, both with NEXT set.
        for (int i = 0; i < 2; i++) {
            int entry = ram.index(TestDriver.DESCRIPTORS + 16L * i);
            ram.view.putLong(entry, IN).putInt(entry + 8, 1).putShort(entry + 12, (short) 1).putShort(entry + 14, (short) (1 - i));
        }
        ram.view.putShort(ram.index(TestDriver.AVAIL + 4), (short) 0).putShort(ram.index(TestDriver.AVAIL + 2), (short) 1);
        driver.write(0x050, 0);
        assertEquals(VirtioMmio.STATUS_DEVICE_NEEDS_RESET, driver.read(0x070) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
        assertEquals(VirtioMmio.INTERRUPT_CONFIG_CHANGE, driver.read(0x060));
        driver.write(0x070, 0);
        assertEquals(0, driver.read(0x070));
        assertEquals(0, driver.read(0x060));
    }

    @Test
    void writingZeroToStatusResetsQueuesAndDevice() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        driver.submit(0, Buffer.in(IN, 1), Buffer.out(OUT, 1));
        driver.write(0x070, 0);
        assertEquals(0, driver.read(0x070));
        assertEquals(0, driver.read(0x044));
        assertEquals(0, driver.read(0x060));
        assertFalse(irq.getLast());
        assertEquals(2, echo.resets);
    }

    @Test
    void saveRestoreCompareRoundTripKeepsTheQueueGoing() throws StateException {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        driver.submit(0, Buffer.in(IN, 1), Buffer.out(OUT, 1));
        StateRecord saved = transport.saveState();

        List<Boolean> copyIrq = new ArrayList<>();
        VirtioMmio copy = new VirtioMmio("echo0", new EchoDevice(ram), ram, copyIrq::add);
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());
        assertEquals(List.of(true), copyIrq);
        TestDriver copyDriver = new TestDriver(copy, ram);
        copyDriver.useQueueSize(8);
        ram.region.bytes()[ram.index(IN)] = 77;
        assertEquals(1, copyDriver.submit(2, Buffer.in(IN, 1), Buffer.out(OUT, 1)));
        assertEquals(77, ram.region.bytes()[ram.index(OUT)]);
    }

    @Test
    void stateWithAnotherQueueCountIsRefusedAndChangesNothing() {
        StateRecord before = transport.saveState();
        StateRecord other = StateRecord.builder("virtio-mmio", 1).put("status", 1).put("deviceFeaturesSelect", 0)
                .put("driverFeaturesSelect", 0).put("driverFeatures", 0L).put("queueSelect", 0).put("interruptStatus", 0)
                .put("needsReset", false).put("queueCount", 2).build();
        StateException error = assertThrows(StateException.class, () -> transport.restoreState(other));
        assertEquals("state 'virtio-mmio' has 2 queues, this device has 1", error.getMessage());
        assertEquals(before, transport.saveState());
    }

    @Test
    void dmaWritesAreReportedAsModifiedCode() {
        driver.negotiate(VirtioMmio.F_VERSION_1);
        driver.setUpQueue(8);
        driver.submit(0, Buffer.in(IN, 1), Buffer.out(OUT, 1));
        assertTrue(ram.modified.contains(Long.toHexString(TestDriver.USED + 2) + "+2"), ram.modified.toString());
    }
}
