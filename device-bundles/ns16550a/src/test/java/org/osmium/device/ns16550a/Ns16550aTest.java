package org.osmium.device.ns16550a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySpec;
import org.osmium.testkit.RecordingCharBackend;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.RecordingIrqLine;
import org.osmium.testkit.TestDeviceContext;

/** The UART's registers, reset values, FIFO, interrupts, loopback and divisor latch, driven through its MMIO region. */
class Ns16550aTest {
    static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    private final Ns16550aModel model = new Ns16550aModel();
    private final TestDeviceContext context = new TestDeviceContext("uart0");
    private final RecordingCharBackend backend = context.chardev("chardev");
    private final RecordingIrqLine irq = context.output("irq");
    private final Ns16550a uart;
    private final MmioHandler registers;

    Ns16550aTest() throws ModelException {
        uart = (Ns16550a) model.create(context, model.schema().validate("uart0 (ns16550a)", Map.of()));
        registers = uart.regions().get(0).mmio();
    }

    private int read(int offset) {
        return (int) registers.read(offset, 1);
    }

    private void write(int offset, int value) {
        registers.write(offset, 1, value);
    }

    private String readAll() {
        StringBuilder text = new StringBuilder();
        while ((read(LSR) & Ns16550a.LSR_DR) != 0) {
            text.append((char) read(RBR));
        }
        return text.toString();
    }

    // ---- Layout and reset values.

    @Test
    void registersAreDeclaredLikeTheDatasheet() {
        List<String> layout = uart.registers().registers().stream()
                .map(register -> register.offset() + ":" + register.name() + ":" + register.access()).toList();
        assertEquals(List.of("0:RBR:READ_ONLY", "0:THR:WRITE_ONLY", "0:DLL:READ_WRITE", "1:IER:READ_WRITE", "1:DLM:READ_WRITE",
                "2:IIR:READ_ONLY", "2:FCR:WRITE_ONLY", "3:LCR:READ_WRITE", "4:MCR:READ_WRITE", "5:LSR:READ_ONLY",
                "6:MSR:READ_ONLY", "7:SCR:READ_WRITE"), layout);
    }

    @Test
    void overlappingRegistersAreRefusedWhenDeclared() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new RegisterMap(() -> false, List.of(
                Register.readWrite(7, "SCR", Register.Bank.ALWAYS, 0, () -> 0, value -> { }),
                Register.readWrite(7, "XYZ", Register.Bank.DLAB_SET, 0, () -> 0, value -> { }))));
        assertEquals("registers SCR and XYZ both answer offset 7", error.getMessage());
    }

    @Test
    void everyRegisterReadsItsResetValueAfterReset() {
        write(FCR, 0xc7);
        backend.type("x");
        write(IER, 0x0f);
        write(MCR, 0x1f);
        write(SCR, 0x5a);
        write(LCR, 0x83);
        write(DLL, 0x01);
        write(DLM, 0x02);
        uart.reset();
        for (Register register : uart.registers().registers()) {
            if (register.readable()) {
                boolean latch = register.bank() == Register.Bank.DLAB_SET;
                write(LCR, latch ? Ns16550a.LCR_DLAB : 0);
                assertEquals(register.resetValue(), read(register.offset()), register.name());
                write(LCR, 0);
            }
        }
        assertFalse(irq.level());
    }

    @Test
    void resetValuesAreQemusOnes() {
        assertEquals(0x00, read(IER));
        assertEquals(0x01, read(IIR));
        assertEquals(0x00, read(LCR));
        assertEquals(0x08, read(MCR), "OUT2 set, as QEMU resets it");
        assertEquals(0x60, read(LSR), "THRE and TEMT");
        assertEquals(0xb0, read(MSR), "DCD, DSR and CTS from a host backend");
        assertEquals(0x00, read(SCR));
        write(LCR, Ns16550a.LCR_DLAB);
        assertEquals(0x0c, read(DLL));
        assertEquals(0x00, read(DLM));
    }

    @Test
    void oneMmioRegionOf256BytesAcceptingEveryWidth() {
        Region region = uart.regions().get(0);
        assertEquals(0, region.offset());
        assertEquals(0x100, region.size());
        assertEquals(MmioHandler.ALL_SIZES, registers.accessSizes());
    }

    @Test
    void registersRepeatEveryEightBytesAndWideAccessesReachTheByteRegister() {
        registers.write(0xff, 1, 0x42);
        assertEquals(0x42, read(SCR));
        registers.write(SCR, 4, 0x12345677);
        assertEquals(0x77, registers.read(0x0f, 4));
        assertEquals(0x60, registers.read(LSR, 8));
    }

    // ---- Plain registers.

    @Test
    void scratchHoldsAnyByte() {
        for (int value : new int[] {0x00, 0x5a, 0xa5, 0xff}) {
            write(SCR, value);
            assertEquals(value, read(SCR));
        }
    }

    @Test
    void onlyImplementedBitsOfIerAndMcrStick() {
        write(IER, 0xff);
        assertEquals(0x0f, read(IER));
        write(MCR, 0xff);
        assertEquals(0x1f, read(MCR));
        write(LCR, 0xff);
        assertEquals(0xff, read(LCR));
    }

    @Test
    void lsrAndMsrIgnoreWrites() {
        write(LSR, 0x00);
        write(MSR, 0x00);
        assertEquals(0x60, read(LSR));
        assertEquals(0xb0, read(MSR));
    }

    @Test
    void divisorLatchHidesThrRbrAndIerWhileDlabIsSet() {
        write(IER, 0x05);
        write(LCR, 0x80 | 0x03);
        write(DLL, 0x34);
        write(DLM, 0x12);
        assertEquals(0x34, read(DLL));
        assertEquals(0x12, read(DLM));
        assertEquals("", backend.written(), "a DLL write is not transmitted");
        write(LCR, 0x03);
        assertEquals(0x05, read(IER), "IER kept its value under the latch");
        write(THR, 'A');
        assertEquals("A", backend.written());
        write(LCR, 0x83);
        assertEquals(0x34, read(DLL));
        assertEquals(0x12, read(DLM));
    }

    @Test
    void characterTimeFollowsDivisorAndLineFormat() {
        assertEquals(7L * 16 * 12 * 1_000_000_000L / 3_686_400, uart.characterNanos(), "reset: 9600 baud, 5N1 frames");
        write(LCR, 0x80 | 0x03);
        write(DLL, 2);
        write(LCR, 0x03);
        assertEquals(86_805, uart.characterNanos(), "115200 baud 8N1: 10 bits");
        write(LCR, 0x03 | 0x08 | 0x04);
        assertEquals(12L * 16 * 2 * 1_000_000_000L / 3_686_400, uart.characterNanos(), "8E2: 12 bits");
    }

    // ---- Transmit.

    @Test
    void eachThrWriteReachesTheBackendAtOnceAndThreTemtStaySet() {
        for (char c : "hello\n".toCharArray()) {
            write(THR, c);
            assertEquals(0x60, read(LSR) & 0x60);
        }
        assertEquals("hello\n", backend.written());
    }

    @Test
    void transmitWithFifosEnabledIsImmediateToo() {
        write(FCR, 0x07);
        for (int i = 0; i < 40; i++) {
            write(THR, 'a' + i % 26);
        }
        assertEquals(40, backend.written().length());
        assertEquals(0x60, read(LSR) & 0x60);
    }

    // ---- Receive without and with the FIFO.

    @Test
    void withoutFifoTheRbrHoldsOneByteAndTheRestWaitsInTheBackend() {
        backend.type("ab");
        assertEquals(Ns16550a.LSR_DR, read(LSR) & Ns16550a.LSR_DR);
        assertEquals(1, backend.waiting());
        assertEquals('a', read(RBR));
        assertEquals(0, backend.waiting(), "reading RBR makes room for the next byte");
        assertEquals('b', read(RBR));
        assertEquals(0, read(LSR) & Ns16550a.LSR_DR);
        assertEquals(0, read(LSR) & Ns16550a.LSR_OE, "input is never overrun: it waits");
    }

    @Test
    void fifoTakesSixteenBytesAndLeavesTheRestInTheBackend() {
        write(FCR, 0x01);
        backend.type("0123456789abcdefXYZW");
        assertEquals(4, backend.waiting());
        assertEquals("0123456789abcdefXYZW", readAll());
        assertEquals(0, backend.waiting());
        assertEquals(0x60, read(LSR), "no overrun, FIFO empty");
    }

    @Test
    void readingAnEmptyReceiverGivesZero() {
        assertEquals(0, read(RBR));
        write(FCR, 0x01);
        assertEquals(0, read(RBR));
    }

    @Test
    void receiverFifoResetDiscardsTheFifoButNotWaitingInput() {
        write(FCR, 0x01);
        backend.type("0123456789abcdefXYZW");
        write(FCR, 0x01 | Ns16550a.FCR_RX_RESET);
        assertEquals("XYZW", readAll());
    }

    @Test
    void iirShowsFifosEnabledAndTogglingTheEnableFlushes() {
        write(FCR, 0x01);
        assertEquals(0xc1, read(IIR));
        backend.type("abc");
        write(FCR, 0x00);
        assertEquals(0x01, read(IIR));
        assertEquals(0, read(LSR) & Ns16550a.LSR_DR, "disabling the FIFO flushed it");
    }

    // ---- Interrupts.

    @Test
    void ierMasksEverySource() {
        backend.type("a");
        assertEquals(0x01, read(IIR));
        assertFalse(irq.level());
        write(IER, Ns16550a.IER_RDI);
        assertEquals(Ns16550a.IIR_RDI, read(IIR));
        assertTrue(irq.level());
        write(IER, 0);
        assertEquals(0x01, read(IIR));
        assertFalse(irq.level());
    }

    @Test
    void receiveTriggerLevelsAreOneFourEightFourteen() {
        int[] levels = {1, 4, 8, 14};
        for (int code = 0; code < 4; code++) {
            uart.reset();
            write(FCR, code << 6 | 0x01);
            write(IER, Ns16550a.IER_RDI);
            backend.type("x".repeat(levels[code] - 1));
            assertEquals(0xc1, read(IIR), "below trigger level " + levels[code]);
            assertFalse(irq.level());
            backend.type("x");
            assertEquals(0xc4, read(IIR), "at trigger level " + levels[code]);
            assertTrue(irq.level());
            readAll();
            assertFalse(irq.level());
        }
    }

    @Test
    void dataBelowTheTriggerLevelRaisesATimeoutAfterFourCharacterTimes() {
        write(FCR, 0xc1);
        write(IER, Ns16550a.IER_RDI);
        backend.type("ab");
        long timeout = 4 * uart.characterNanos();
        context.clock().advance(timeout - 1);
        assertEquals(0xc1, read(IIR));
        assertFalse(irq.level());
        context.clock().advance(1);
        assertEquals(0xc0 | Ns16550a.IIR_CTI, read(IIR));
        assertTrue(irq.level());
        assertEquals('a', read(RBR));
        assertFalse(irq.level(), "reading RBR clears the timeout");
        context.clock().advance(timeout);
        assertEquals(0xc0 | Ns16550a.IIR_CTI, read(IIR), "the byte left behind times out again");
        assertEquals('b', read(RBR));
        context.clock().advance(timeout);
        assertEquals(0xc1, read(IIR), "an empty FIFO never times out");
        assertEquals(0, context.clock().armed());
    }

    @Test
    void timeoutIsMaskedByRdiEnable() {
        write(FCR, 0xc1);
        backend.type("a");
        context.clock().advance(4 * uart.characterNanos());
        assertEquals(0xc1, read(IIR));
        write(IER, Ns16550a.IER_RDI);
        assertEquals(0xc0 | Ns16550a.IIR_CTI, read(IIR));
    }

    @Test
    void thrEmptyInterruptIsClearedByReadingIirAndRaisedByEachWrite() {
        write(IER, Ns16550a.IER_THRI);
        assertTrue(irq.level(), "enabling THRI with THR empty raises it");
        assertEquals(Ns16550a.IIR_THRI, read(IIR));
        assertFalse(irq.level(), "reading IIR cleared it");
        assertEquals(0x01, read(IIR));
        write(THR, 'x');
        assertTrue(irq.level());
        write(IER, 0);
        write(IER, Ns16550a.IER_THRI);
        assertEquals(Ns16550a.IIR_THRI, read(IIR), "re-enabling THRI raises it again");
    }

    @Test
    void iirReportsTheHighestPriorityFirst() {
        write(MCR, Ns16550a.MCR_LOOP);
        write(THR, 'a');
        write(THR, 'b');
        write(IER, 0x0f);
        assertEquals(Ns16550a.IIR_RLSI, read(IIR), "overrun: line status first");
        assertEquals(Ns16550a.LSR_OE, read(LSR) & Ns16550a.LSR_OE);
        assertEquals(Ns16550a.IIR_RDI, read(IIR), "then received data");
        assertEquals('b', read(RBR), "without a FIFO the overrun byte replaced the unread one");
        assertTrue(irq.level());
        assertEquals(Ns16550a.IIR_THRI, read(IIR), "then THR empty, cleared by this read");
        assertEquals(Ns16550a.IIR_NONE, read(IIR));
        assertFalse(irq.level());
    }

    @Test
    void receiveTimeoutOutranksReceivedDataAsInQemu() {
        write(FCR, 0x41);
        write(IER, Ns16550a.IER_RDI | Ns16550a.IER_THRI);
        read(IIR);
        backend.type("wxyz");
        assertEquals(0xc0 | Ns16550a.IIR_RDI, read(IIR));
        context.clock().advance(4 * uart.characterNanos());
        assertEquals(0xc0 | Ns16550a.IIR_CTI, read(IIR));
        read(RBR);
        assertEquals(0xc1, read(IIR), "three bytes left: below the trigger level, timeout cleared");
    }

    @Test
    void irqOutputFollowsEveryChange() {
        write(IER, Ns16550a.IER_RDI);
        backend.type("a");
        read(RBR);
        write(IER, Ns16550a.IER_THRI);
        read(IIR);
        assertEquals(List.of(false, true, false, true, false), irq.transitions());
    }

    // ---- Loopback and modem status.

    @Test
    void loopbackReceivesWhatIsTransmittedAndNotTheHost() {
        write(FCR, 0x01);
        write(MCR, Ns16550a.MCR_LOOP);
        backend.type("host");
        write(THR, 'l');
        write(THR, 'p');
        assertEquals("", backend.written());
        assertEquals(4, backend.waiting(), "host input waits while in loopback");
        assertEquals("lp", readAll());
        write(MCR, Ns16550a.MCR_OUT2);
        assertEquals("host", readAll(), "leaving loopback reconnects the host");
    }

    @Test
    void loopbackOverrunKeepsTheFifoAndSetsOe() {
        write(FCR, 0x01);
        write(MCR, Ns16550a.MCR_LOOP);
        for (int i = 0; i < 17; i++) {
            write(THR, 'a' + i);
        }
        int status = read(LSR);
        assertEquals(Ns16550a.LSR_OE | Ns16550a.LSR_DR, status & 0x03);
        assertEquals(0, read(LSR) & Ns16550a.LSR_OE, "reading LSR clears OE");
        assertEquals("abcdefghijklmnop", readAll());
    }

    @Test
    void loopbackModemInputsFollowModemOutputsWithoutDeltasAsInQemu() {
        write(MCR, Ns16550a.MCR_LOOP | 0x0f);
        assertEquals(0xf0, read(MSR));
        write(MCR, Ns16550a.MCR_LOOP);
        assertEquals(0x00, read(MSR));
        write(MCR, Ns16550a.MCR_LOOP | Ns16550a.MCR_RTS);
        assertEquals(Ns16550a.MSR_CTS, read(MSR));
        write(MCR, Ns16550a.MCR_LOOP | Ns16550a.MCR_DTR);
        assertEquals(Ns16550a.MSR_DSR, read(MSR));
        write(MCR, Ns16550a.MCR_LOOP | Ns16550a.MCR_OUT1);
        assertEquals(Ns16550a.MSR_RI, read(MSR));
        write(MCR, Ns16550a.MCR_LOOP | Ns16550a.MCR_OUT2);
        assertEquals(Ns16550a.MSR_DCD, read(MSR));
        write(MCR, Ns16550a.MCR_OUT2);
        assertEquals(0xb0, read(MSR), "out of loopback: the host's lines again");
    }

    @Test
    void modemStatusInterruptNeverFires() {
        write(IER, 0x08);
        write(MCR, Ns16550a.MCR_LOOP | 0x0f);
        write(MCR, Ns16550a.MCR_LOOP);
        write(MCR, Ns16550a.MCR_OUT2);
        assertEquals(0x01, read(IIR));
        assertFalse(irq.level());
    }

    // ---- Lifecycle and properties.

    @Test
    void closeDetachesFromTheBackend() {
        uart.close();
        backend.type("late");
        assertEquals(4, backend.waiting());
        assertEquals(0, context.clock().armed());
    }

    @Test
    void replacementCreatedBeforeTheOldOneClosesKeepsReceiving() throws ModelException {
        Ns16550a replacement = (Ns16550a) model.create(context, model.schema().validate("uart0 (ns16550a)", Map.of()));
        uart.close();
        backend.type("new");
        assertEquals(2, backend.waiting(), "the replacement (FIFO off) took one byte");
        assertEquals('n', replacement.regions().get(0).mmio().read(RBR, 1));
    }

    @Test
    void defaultsAreQemuVirtsUart() throws ModelException {
        Configuration configuration = model.schema().validate("uart0 (ns16550a)", Map.of());
        assertEquals(Map.of("base", "0x10000000", "clock", "3686400", "chardev", "stdio"), configuration.asText());
        assertEquals("ns16550a", model.type());
    }

    @Test
    void onlyTheChardevIsLiveSettable() {
        assertEquals(List.of("chardev"), model.schema().specs().stream().filter(PropertySpec::live).map(PropertySpec::name).toList());
    }

    @Test
    void deviceTreeNodeIsQemusWithTheClock() {
        RecordingDtNode node = new RecordingDtNode("/soc/serial@10000000");
        uart.describe(node, new RecordingDtNode("/"));
        assertEquals("serial@10000000", uart.nodeName(0x10000000L));
        assertEquals("/soc", uart.parentPath());
        assertEquals(Map.of("clock-frequency", "<0x384000>", "compatible", "\"ns16550a\""), node.properties());
        assertFalse(uart.extendedInterrupts());
    }

    @Test
    void clockAboveThirtyTwoBitsIsRefusedForTheDeviceTree() {
        ModelException error = assertThrows(ModelException.class, () -> model.create(new TestDeviceContext("uart0"),
                model.schema().validate("uart0 (ns16550a)", Map.of("clock", "4294967296"))));
        assertEquals("uart0 (ns16550a): property 'clock' = 4294967296 Hz is above 4294967295 Hz, the most the device"
                + " tree's 32-bit clock-frequency holds", error.getMessage());
    }

    @Test
    void nonPositiveClockIsRefusedNamingTheProperty() {
        ModelException error = assertThrows(ModelException.class, () -> model.create(new TestDeviceContext("uart0"),
                model.schema().validate("uart0 (ns16550a)", Map.of("clock", "0"))));
        assertEquals("uart0 (ns16550a): property 'clock' = 0 Hz must be positive", error.getMessage());
    }

    @Test
    void malformedClockAndChardevAreRefusedByTheSchema() {
        ModelException clock = assertThrows(ModelException.class,
                () -> model.schema().validate("uart0 (ns16550a)", Map.of("clock", "fast")));
        assertEquals("uart0 (ns16550a): property 'clock': 'fast' is not a number such as 42 or 0x2a", clock.getMessage());
        ModelException chardev = assertThrows(ModelException.class,
                () -> model.schema().validate("uart0 (ns16550a)", Map.of("chardev", "tty")));
        assertEquals("uart0 (ns16550a): property 'chardev': 'tty' is not stdio, null, file:PATH or socket:HOST:PORT",
                chardev.getMessage());
    }
}
