package org.osmium.device.ns16550a;

import static org.osmium.device.ns16550a.Register.Bank.ALWAYS;
import static org.osmium.device.ns16550a.Register.Bank.DLAB_CLEAR;
import static org.osmium.device.ns16550a.Register.Bank.DLAB_SET;

import java.util.List;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.Region;
import org.osmium.api.device.VirtualClock;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * A 16550A UART with the registers, reset values and interrupt rules of QEMU's {@code hw/char/serial.c}, byte
 * registers one apart (regshift 0, as on QEMU's virt board). Each transmitted byte goes to the character backend at
 * once, so THRE and TEMT stay set. Received bytes come from the backend into a 16-byte FIFO (one byte with the FIFO
 * off) only as far as there is room: input that does not fit waits in the backend. In loopback the serial input is
 * disconnected and transmitted bytes are received instead; the modem inputs then follow the MCR outputs. As in QEMU,
 * modem inputs never produce delta bits, so the modem status interrupt (IER bit 3) never fires. One method,
 * {@link #pendingInterrupt()}, decides what is pending: IIR and the {@code irq} output both use it. In the device
 * tree it is {@code serial@base}, {@code compatible = "ns16550a"} with its input clock as {@code clock-frequency}.
 */
final class Ns16550a implements Device, DeviceTreeContributor {
    static final int REGION_SIZE = 0x100;
    static final int FIFO_DEPTH = 16;

    static final int IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_WRITABLE = 0x0f;

    static final int IIR_NONE = 0x01, IIR_THRI = 0x02, IIR_RDI = 0x04, IIR_RLSI = 0x06, IIR_CTI = 0x0c;
    static final int IIR_FIFOS_ENABLED = 0xc0;

    static final int FCR_ENABLE = 0x01, FCR_RX_RESET = 0x02, FCR_TX_RESET = 0x04, FCR_STICKY = 0xc9;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    static final int LCR_DLAB = 0x80;

    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10, MCR_WRITABLE = 0x1f;

    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_BI = 0x10, LSR_THRE = 0x20, LSR_TEMT = 0x40, LSR_ERRORS = 0x1e;

    static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;
    /** The modem inputs outside loopback: a host backend has no modem, so carrier, data set ready and clear to send. */
    static final int MSR_HOST_LINES = MSR_DCD | MSR_DSR | MSR_CTS;

    /** 9600 baud from a 1.8432 MHz clock, QEMU's reset divisor. */
    static final int DIVISOR_RESET = 0x0c;
    /** QEMU raises the receive timeout after four character times. */
    private static final int TIMEOUT_CHARACTERS = 4;

    private final CharBackend backend;
    private final IrqLine irq;
    private final VirtualClock clock;
    private final VirtualClock.Timer timeoutTimer;
    private final long clockHz;
    private final RegisterMap registers;
    private final ReceiveFifo rxFifo = new ReceiveFifo(FIFO_DEPTH);

    private int ier;
    private int fcr;
    private int lcr;
    private int mcr;
    private int scr;
    private int divisor;
    /** LSR bits 1 to 4 (overrun, parity, framing, break), cleared when LSR is read. */
    private int lineErrors;
    private boolean thrEmptyPending;
    private boolean timeoutPending;
    private long timeoutDeadline = Ns16550aState.NO_DEADLINE;
    /** Set by {@link #close()}: host input is then left in the backend for whichever instance replaces this one. */
    private boolean closed;

    Ns16550a(CharBackend backend, IrqLine irq, VirtualClock clock, long clockHz) {
        this.backend = backend;
        this.irq = irq;
        this.clock = clock;
        this.clockHz = clockHz;
        this.timeoutTimer = clock.newTimer(this::receiveTimeout);
        this.registers = new RegisterMap(() -> (lcr & LCR_DLAB) != 0, List.of(
                Register.readOnly(0, "RBR", DLAB_CLEAR, 0x00, this::receiveBuffer, this::afterReceiveBufferRead),
                Register.writeOnly(0, "THR", DLAB_CLEAR, 0x00, this::transmit),
                Register.readWrite(0, "DLL", DLAB_SET, DIVISOR_RESET & 0xff, () -> divisor & 0xff,
                        value -> divisor = divisor & 0xff00 | value),
                Register.readWrite(1, "IER", DLAB_CLEAR, 0x00, () -> ier, this::writeInterruptEnable),
                Register.readWrite(1, "DLM", DLAB_SET, DIVISOR_RESET >> 8, () -> divisor >> 8,
                        value -> divisor = divisor & 0xff | value << 8),
                Register.readOnly(2, "IIR", ALWAYS, IIR_NONE, this::interruptIdentification, this::afterInterruptIdentificationRead),
                Register.writeOnly(2, "FCR", ALWAYS, 0x00, this::writeFifoControl),
                Register.readWrite(3, "LCR", ALWAYS, 0x00, () -> lcr, value -> lcr = value),
                Register.readWrite(4, "MCR", ALWAYS, MCR_OUT2, () -> mcr, this::writeModemControl),
                Register.readOnly(5, "LSR", ALWAYS, LSR_THRE | LSR_TEMT, this::lineStatus, this::afterLineStatusRead),
                Register.readOnly(6, "MSR", ALWAYS, MSR_HOST_LINES, this::modemInputs),
                Register.readWrite(7, "SCR", ALWAYS, 0x00, () -> scr, value -> scr = value)));
        backend.onInput(this::hostInput);
        loadResetValues();
        updateInterrupt();
    }

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("registers", 0, REGION_SIZE, registers));
    }

    @Override
    public String nodeName(long base) {
        return "serial@" + Long.toHexString(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.cells("clock-frequency", clockHz).strings("compatible", "ns16550a");
    }

    /** The register map the region serves, for tests and tools that list registers. */
    RegisterMap registers() {
        return registers;
    }

    /** Resets the registers and takes waiting host input into the now empty receiver. */
    @Override
    public void reset() {
        loadResetValues();
        pullHostInput();
        updateInterrupt();
    }

    /**
     * Loads the reset values without touching the backend: a new instance takes no host input before a possible
     * {@link #restoreState}, which would replace its receiver contents and so lose that input.
     */
    private void loadResetValues() {
        ier = 0x00;
        fcr = 0x00;
        lcr = 0x00;
        mcr = MCR_OUT2;
        scr = 0x00;
        divisor = DIVISOR_RESET;
        lineErrors = 0;
        thrEmptyPending = false;
        timeoutPending = false;
        cancelTimeout();
        rxFifo.clear();
    }

    // ---- What is pending: the one place that decides IIR and the irq output.

    /** The IIR interrupt identification (bits 0 to 3) of the highest-priority pending, enabled interrupt. */
    int pendingInterrupt() {
        if ((ier & IER_RLSI) != 0 && lineErrors != 0) {
            return IIR_RLSI;
        }
        if ((ier & IER_RDI) != 0 && timeoutPending) {
            return IIR_CTI;
        }
        if ((ier & IER_RDI) != 0 && !rxFifo.isEmpty() && (!fifoEnabled() || rxFifo.size() >= triggerLevel())) {
            return IIR_RDI;
        }
        if ((ier & IER_THRI) != 0 && thrEmptyPending) {
            return IIR_THRI;
        }
        return IIR_NONE;
    }

    private void updateInterrupt() {
        irq.set(pendingInterrupt() != IIR_NONE);
    }

    // ---- Register values (pure) and hooks (side effects).

    private int receiveBuffer() {
        return rxFifo.isEmpty() ? 0 : rxFifo.peek();
    }

    private void afterReceiveBufferRead() {
        if (!rxFifo.isEmpty()) {
            rxFifo.take();
        }
        timeoutPending = false;
        if (fifoEnabled() && !rxFifo.isEmpty()) {
            armTimeout();
        } else {
            cancelTimeout();
        }
        pullHostInput();
        updateInterrupt();
    }

    private void transmit(int value) {
        if (loopback()) {
            receive(value);
        } else {
            backend.write(value);
        }
        thrEmptyPending = true;
        updateInterrupt();
    }

    private void writeInterruptEnable(int value) {
        int changed = (ier ^ value) & IER_WRITABLE;
        ier = value & IER_WRITABLE;
        if ((changed & IER_THRI) != 0) {
            // Enabling THRI with THR empty raises it at once, even if an IIR read had cleared it (QEMU, Windows).
            thrEmptyPending = (ier & IER_THRI) != 0;
        }
        updateInterrupt();
    }

    private int interruptIdentification() {
        return pendingInterrupt() | (fifoEnabled() ? IIR_FIFOS_ENABLED : 0);
    }

    private void afterInterruptIdentificationRead() {
        if (pendingInterrupt() == IIR_THRI) {
            thrEmptyPending = false;
            updateInterrupt();
        }
    }

    private void writeFifoControl(int value) {
        if (((value ^ fcr) & FCR_ENABLE) != 0) {
            value |= FCR_RX_RESET | FCR_TX_RESET;
        }
        if ((value & FCR_RX_RESET) != 0) {
            rxFifo.clear();
            lineErrors &= ~LSR_BI;
            timeoutPending = false;
            cancelTimeout();
        }
        if ((value & FCR_TX_RESET) != 0) {
            thrEmptyPending = true;
        }
        fcr = value & FCR_STICKY;
        pullHostInput();
        updateInterrupt();
    }

    private void writeModemControl(int value) {
        mcr = value & MCR_WRITABLE;
        pullHostInput();
        updateInterrupt();
    }

    private int lineStatus() {
        return (rxFifo.isEmpty() ? 0 : LSR_DR) | lineErrors | LSR_THRE | LSR_TEMT;
    }

    private void afterLineStatusRead() {
        if (lineErrors != 0) {
            lineErrors = 0;
            updateInterrupt();
        }
    }

    /** MSR: the host's lines, or in loopback the MCR outputs (RTS to CTS, DTR to DSR, OUT1 to RI, OUT2 to DCD). */
    private int modemInputs() {
        if (!loopback()) {
            return MSR_HOST_LINES;
        }
        return ((mcr & MCR_RTS) << 3) | ((mcr & MCR_DTR) << 5) | ((mcr & (MCR_OUT1 | MCR_OUT2)) << 4);
    }

    // ---- Receiving.

    private void hostInput() {
        if (closed) {
            return;
        }
        pullHostInput();
        updateInterrupt();
    }

    /** Takes bytes from the backend while the FIFO (or the RBR, with the FIFO off) has room and loopback is off. */
    private void pullHostInput() {
        while (!loopback() && rxFifo.size() < receiveCapacity()) {
            int value = backend.read();
            if (value < 0) {
                return;
            }
            receive(value);
        }
    }

    /** A byte arrives at the receiver; with no room it is an overrun (only loopback can overrun). */
    private void receive(int value) {
        if (rxFifo.size() < receiveCapacity()) {
            rxFifo.put(value);
        } else {
            lineErrors |= LSR_OE;
            if (!fifoEnabled()) {
                // Without a FIFO the new byte overwrites the unread one; a full FIFO keeps its contents.
                rxFifo.clear();
                rxFifo.put(value);
            }
        }
        if (fifoEnabled()) {
            armTimeout();
        }
    }

    private void receiveTimeout() {
        timeoutDeadline = Ns16550aState.NO_DEADLINE;
        if (!rxFifo.isEmpty()) {
            timeoutPending = true;
            updateInterrupt();
        }
    }

    private void armTimeout() {
        timeoutDeadline = clock.nanos() + TIMEOUT_CHARACTERS * characterNanos();
        timeoutTimer.fireAt(timeoutDeadline);
    }

    private void cancelTimeout() {
        timeoutDeadline = Ns16550aState.NO_DEADLINE;
        timeoutTimer.cancel();
    }

    /** One character's time on the line: start, data, parity and stop bits at clock / (16 * divisor) baud. */
    long characterNanos() {
        int frameBits = 1 + 5 + (lcr & 0x03) + ((lcr & 0x08) != 0 ? 1 : 0) + ((lcr & 0x04) != 0 ? 2 : 1);
        long effectiveDivisor = divisor == 0 ? 0x10000 : divisor;
        return frameBits * 16L * effectiveDivisor * 1_000_000_000L / clockHz;
    }

    private boolean fifoEnabled() {
        return (fcr & FCR_ENABLE) != 0;
    }

    private int triggerLevel() {
        return TRIGGER_LEVELS[fcr >> 6];
    }

    private int receiveCapacity() {
        return fifoEnabled() ? FIFO_DEPTH : 1;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    // ---- State.

    @Override
    public StateRecord saveState() {
        return new Ns16550aState(ier, fcr, lcr, mcr, lineStatus(), scr, divisor & 0xff, divisor >> 8,
                thrEmptyPending, timeoutPending, timeoutDeadline, rxFifo.toArray()).toRecord();
    }

    @Override
    public void restoreState(StateRecord record) throws StateException {
        Ns16550aState state = Ns16550aState.fromRecord(record);
        ier = state.ier() & IER_WRITABLE;
        fcr = state.fcr() & FCR_STICKY;
        lcr = state.lcr();
        mcr = state.mcr() & MCR_WRITABLE;
        scr = state.scr();
        divisor = state.dlm() << 8 | state.dll();
        lineErrors = state.lsr() & LSR_ERRORS;
        thrEmptyPending = state.thrEmptyPending();
        timeoutPending = state.timeoutPending();
        rxFifo.fill(state.rxFifo());
        if (state.timeoutDeadline() == Ns16550aState.NO_DEADLINE) {
            cancelTimeout();
        } else {
            timeoutDeadline = state.timeoutDeadline();
            timeoutTimer.fireAt(timeoutDeadline);
        }
        pullHostInput();
        updateInterrupt();
    }

    @Override
    public void close() {
        // The backend's listener is left alone: a replacement may already have set its own.
        closed = true;
        cancelTimeout();
    }
}
