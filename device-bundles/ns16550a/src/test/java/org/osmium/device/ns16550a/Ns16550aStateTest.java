package org.osmium.device.ns16550a;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;
import org.osmium.testkit.TestDeviceContext;

/** Saving, restoring and comparing UART state (registers, FIFO, pending interrupts), and refusing bad records. */
class Ns16550aStateTest {
    private static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;
    private static final long CLOCK_HZ = 3_686_400;

    private final TestDeviceContext context = new TestDeviceContext("uart0");
    private final Ns16550a original = uart(context);
    private final MmioHandler registers = original.regions().get(0).mmio();

    private static Ns16550a uart(TestDeviceContext context) {
        return new Ns16550a(context.chardev("chardev"), context.output("irq"), context.clock(), CLOCK_HZ);
    }

    private static MmioHandler registersOf(Ns16550a uart) {
        return uart.regions().get(0).mmio();
    }

    /** Puts the UART in a busy state: divisor, line format, FIFO at trigger 8 holding bytes, scratch, interrupts. */
    private void makeBusy() {
        registers.write(LCR, 1, 0x80);
        registers.write(DLL, 1, 0x02);
        registers.write(DLM, 1, 0x01);
        registers.write(LCR, 1, 0x1b);
        registers.write(FCR, 1, 0x81);
        registers.write(SCR, 1, 0xa5);
        registers.write(MCR, 1, 0x0b);
        registers.write(IER, 1, 0x07);
        context.chardev("chardev").type("hello");
        registers.write(THR, 1, '!');
    }

    @Test
    void saveRestoreCompareRoundTrip() throws StateException {
        makeBusy();
        StateRecord saved = original.saveState();
        assertEquals("ns16550a", saved.type());
        assertEquals(1, saved.version());
        assertEquals(List.of("ier", "fcr", "lcr", "mcr", "lsr", "scr", "dll", "dlm", "thrEmptyPending",
                "timeoutPending", "timeoutDeadline", "rxFifo"), List.copyOf(saved.names()));
        assertArrayEquals("hello".getBytes(), saved.getBytes("rxFifo"));
        assertEquals(0xa5, saved.getLong("scr"));

        TestDeviceContext otherContext = new TestDeviceContext("uart0");
        Ns16550a copy = uart(otherContext);
        assertNotEquals(saved, copy.saveState());
        copy.restoreState(saved);
        assertEquals(saved, copy.saveState());

        MmioHandler copied = registersOf(copy);
        assertEquals(0xa5, copied.read(SCR, 1));
        assertEquals(0x1b, copied.read(LCR, 1));
        assertEquals(0x0b, copied.read(MCR, 1));
        assertEquals(0x07, copied.read(IER, 1));
        assertTrue(otherContext.output("irq").level(), "restore drives the irq output");
        assertEquals(0xc0 | Ns16550a.IIR_THRI, copied.read(IIR, 1), "THR empty is pending, FIFO below trigger 8");
        copied.write(LCR, 1, 0x9b);
        assertEquals(0x02, copied.read(DLL, 1));
        assertEquals(0x01, copied.read(DLM, 1));
        copied.write(LCR, 1, 0x1b);
        StringBuilder received = new StringBuilder();
        while ((copied.read(LSR, 1) & Ns16550a.LSR_DR) != 0) {
            received.append((char) copied.read(RBR, 1));
        }
        assertEquals("hello", received.toString());
    }

    @Test
    void restoreReArmsTheReceiveTimeoutAtTheSavedDeadline() throws StateException {
        makeBusy();
        long deadline = original.saveState().getLong("timeoutDeadline");
        assertEquals(4 * original.characterNanos(), deadline);
        context.clock().advance(10);

        Ns16550a copy = uart(context);
        copy.restoreState(original.saveState());
        original.close();
        context.clock().advance(deadline - 11);
        assertEquals(0xc0 | Ns16550a.IIR_THRI, registersOf(copy).read(IIR, 1));
        context.clock().advance(1);
        assertEquals(0xc0 | Ns16550a.IIR_CTI, registersOf(copy).read(IIR, 1));
    }

    @Test
    void pendingTimeoutAndLineErrorsSurvive() throws StateException {
        registers.write(FCR, 1, 0xc1);
        registers.write(MCR, 1, Ns16550a.MCR_LOOP);
        for (int i = 0; i < 17; i++) {
            registers.write(THR, 1, 'a' + i);
        }
        context.clock().advance(4 * original.characterNanos());
        StateRecord saved = original.saveState();
        assertTrue(saved.getBoolean("timeoutPending"));

        Ns16550a copy = uart(new TestDeviceContext("uart0"));
        copy.restoreState(saved);
        MmioHandler copied = registersOf(copy);
        copied.write(IER, 1, Ns16550a.IER_RLSI | Ns16550a.IER_RDI);
        assertEquals(0xc0 | Ns16550a.IIR_RLSI, copied.read(IIR, 1));
        assertEquals(Ns16550a.LSR_OE, copied.read(LSR, 1) & Ns16550a.LSR_OE);
        assertEquals(0xc0 | Ns16550a.IIR_CTI, copied.read(IIR, 1));
        assertEquals(0x00, copied.read(MSR, 1), "loopback survives: modem inputs follow MCR");
    }

    @Test
    void inputQueuedDuringASwapIsDeliveredAfterRestore() throws StateException {
        registers.write(FCR, 1, 0x01);
        context.chardev("chardev").type("ab");
        StateRecord saved = original.saveState();
        original.close();
        context.chardev("chardev").type("queued");
        Ns16550a replacement = uart(context);
        assertEquals(6, context.chardev("chardev").waiting(), "a new instance takes no input before it is restored");
        replacement.restoreState(saved);
        assertEquals(0, context.chardev("chardev").waiting());
        StringBuilder received = new StringBuilder();
        MmioHandler replaced = registersOf(replacement);
        while ((replaced.read(LSR, 1) & Ns16550a.LSR_DR) != 0) {
            received.append((char) replaced.read(RBR, 1));
        }
        assertEquals("abqueued", received.toString());
    }

    @Test
    void resetTakesInputThatWaitedInTheBackend() {
        registers.write(MCR, 1, Ns16550a.MCR_LOOP);
        context.chardev("chardev").type("z");
        original.reset();
        assertEquals('z', registers.read(RBR, 1));
    }

    @Test
    void otherTypeIsRefused() {
        StateException error = assertThrows(StateException.class,
                () -> original.restoreState(StateRecord.builder("ram", 1).build()));
        assertEquals("state of type 'ram' given where 'ns16550a' is expected", error.getMessage());
    }

    @Test
    void newerVersionIsRefused() {
        StateException error = assertThrows(StateException.class,
                () -> original.restoreState(StateRecord.builder("ns16550a", 2).build()));
        assertEquals("state 'ns16550a' version 2 is not readable (this model reads versions 1 to 1)", error.getMessage());
    }

    @Test
    void missingFieldIsRefused() {
        StateException error = assertThrows(StateException.class,
                () -> original.restoreState(StateRecord.builder("ns16550a", 1).put("fcr", 0).build()));
        assertEquals("state 'ns16550a' version 1 has no field 'rxFifo'", error.getMessage());
    }

    @Test
    void valueThatIsNotAByteIsRefused() {
        StateRecord bad = withField("scr", 0x100);
        StateException error = assertThrows(StateException.class, () -> original.restoreState(bad));
        assertEquals("state 'ns16550a' field 'scr' = 0x100 is not a byte", error.getMessage());
    }

    @Test
    void fifoLongerThanTheReceiverHoldsIsRefused() {
        StateRecord tooLong = withFifo(0x01, new byte[17]);
        StateException error = assertThrows(StateException.class, () -> original.restoreState(tooLong));
        assertEquals("state 'ns16550a' field 'rxFifo' holds 17 bytes; at most 16 fit with fcr = 0x1", error.getMessage());
        StateRecord noFifo = withFifo(0x00, new byte[2]);
        error = assertThrows(StateException.class, () -> original.restoreState(noFifo));
        assertEquals("state 'ns16550a' field 'rxFifo' holds 2 bytes; at most 1 fit with fcr = 0x0", error.getMessage());
    }

    @Test
    void refusedRecordLeavesTheInstanceUnchanged() {
        makeBusy();
        StateRecord before = original.saveState();
        assertThrows(StateException.class, () -> original.restoreState(withField("lcr", -1)));
        assertEquals(before, original.saveState());
    }

    /** A valid record of a reset UART with one field replaced. */
    private StateRecord withField(String name, long value) {
        StateRecord reset = uart(new TestDeviceContext("uart0")).saveState();
        StateRecord.Builder builder = StateRecord.builder("ns16550a", 1);
        for (String field : reset.names()) {
            Object saved = reset.get(field);
            if (field.equals(name)) {
                builder.put(field, value);
            } else if (saved instanceof Long number) {
                builder.put(field, number);
            } else if (saved instanceof Boolean flag) {
                builder.put(field, flag);
            } else {
                builder.put(field, (byte[]) saved);
            }
        }
        return builder.build();
    }

    private StateRecord withFifo(int fcr, byte[] fifo) {
        return StateRecord.builder("ns16550a", 1).put("ier", 0).put("fcr", fcr).put("lcr", 0).put("mcr", 8).put("lsr", 0x60)
                .put("scr", 0).put("dll", 12).put("dlm", 0).put("thrEmptyPending", false)
                .put("timeoutPending", false).put("timeoutDeadline", -1).put("rxFifo", fifo).build();
    }
}
