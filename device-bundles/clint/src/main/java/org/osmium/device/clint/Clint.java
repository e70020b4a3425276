package org.osmium.device.clint;

import java.util.Arrays;
import java.util.List;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.device.Timebase;
import org.osmium.api.device.VirtualClock;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The CLINT of QEMU's virt board ({@code hw/intc/riscv_aclint.c} in its {@code sifive,clint0} layout): an MSWI
 * with one {@code msip} word per hart at 0x0 + 4 * hart (bit 0 drives the hart's {@code msip} output), and an
 * MTIMER with one 64-bit {@code mtimecmp} per hart at 0x4000 + 8 * hart and the 64-bit {@code mtime} at 0xbff8.
 * {@code mtime} is the machine's time base (10 MHz of the virtual clock, plus the offset a guest write to it leaves,
 * which moves every hart's {@code time} CSR too). Each
 * register answers 32-bit accesses (low and high halves of the 64-bit ones) and 64-bit accesses; a 64-bit access to
 * the MSWI reaches two harts' words. A {@code mtimecmp} in the future arms a clock timer for the moment {@code mtime}
 * reaches it. One method, {@link #updateInterrupts()}, derives both outputs of every hart.
 */
final class Clint implements Device, DeviceTreeContributor, MmioHandler {
    static final long SIZE = 0x10000;
    static final long MSIP_BASE = 0x0;
    static final long MSWI_SIZE = 0x4000;
    static final long MTIMECMP_BASE = 0x4000;
    static final long MTIME = 0xbff8;

    private final Timebase timebase;
    private final IrqLine[] msipOutputs;
    private final IrqLine[] mtipOutputs;
    private final VirtualClock.Timer[] timers;
    private final boolean[] msip;
    private final long[] mtimecmp;

    /** A CLINT whose {@code mtime} is {@code timebase}, with timers on {@code clock}. */
    Clint(VirtualClock clock, Timebase timebase, IrqLine[] msipOutputs, IrqLine[] mtipOutputs) {
        this.timebase = timebase;
        this.msipOutputs = msipOutputs.clone();
        this.mtipOutputs = mtipOutputs.clone();
        int harts = msipOutputs.length;
        this.msip = new boolean[harts];
        this.mtimecmp = new long[harts];
        this.timers = new VirtualClock.Timer[harts];
        for (int hart = 0; hart < harts; hart++) {
            timers[hart] = clock.newTimer(this::updateInterrupts);
        }
        updateInterrupts();
    }

    int harts() {
        return msip.length;
    }

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("registers", 0, SIZE, this));
    }

    /**
     * Clears every {@code msip} and {@code mtimecmp} and puts {@code mtime} back on the clock: timer interrupts are
     * then pending, as in QEMU.
     */
    @Override
    public void reset() {
        Arrays.fill(msip, false);
        Arrays.fill(mtimecmp, 0);
        timebase.setOffset(0);
        updateInterrupts();
    }

    // ---- What is pending: the one place that drives the outputs and arms the timers.

    /** True when {@code mtime} has reached the hart's {@code mtimecmp} (unsigned). */
    boolean timerPending(int hart) {
        return Long.compareUnsigned(mtime(), mtimecmp[hart]) >= 0;
    }

    private void updateInterrupts() {
        for (int hart = 0; hart < msip.length; hart++) {
            msipOutputs[hart].set(msip[hart]);
            boolean pending = timerPending(hart);
            mtipOutputs[hart].set(pending);
            long deadline = timebase.nanosAt(mtimecmp[hart]);
            if (pending || deadline == Long.MAX_VALUE) {
                timers[hart].cancel();
            } else {
                timers[hart].fireAt(deadline);
            }
        }
    }

    long mtime() {
        return timebase.ticks();
    }

    // ---- Registers.

    @Override
    public int accessSizes() {
        return SIZE_4 | SIZE_8;
    }

    @Override
    public long read(long offset, int size) {
        if (offset < MSWI_SIZE) {
            long low = readMsip(offset);
            return size == 8 ? low | readMsip(offset + 4) << 32 : low;
        }
        long value;
        if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8L * harts()) {
            value = mtimecmp[(int) ((offset - MTIMECMP_BASE) >> 3)];
        } else if (offset >> 3 == MTIME >> 3) {
            value = mtime();
        } else {
            return 0;
        }
        if ((offset & 4) != 0) {
            return value >>> 32;
        }
        return size == 4 ? value & 0xffffffffL : value;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset < MSWI_SIZE) {
            writeMsip(offset, value);
            if (size == 8) {
                writeMsip(offset + 4, value >>> 32);
            }
        } else if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8L * harts()) {
            int hart = (int) ((offset - MTIMECMP_BASE) >> 3);
            mtimecmp[hart] = merge(mtimecmp[hart], offset, size, value);
        } else if (offset >> 3 == MTIME >> 3) {
            timebase.setTicks(merge(mtime(), offset, size, value)); // moves every hart's time too, as QEMU's ACLINT does
        } else {
            return;
        }
        updateInterrupts();
    }

    /**
     * The 64-bit register after a write: a 64-bit write replaces it, a 32-bit write replaces the half its offset
     * names; a 64-bit write at the high half is ignored, as in QEMU.
     */
    private static long merge(long register, long offset, int size, long value) {
        boolean high = (offset & 4) != 0;
        if (size == 8) {
            return high ? register : value;
        }
        return high ? (register & 0xffffffffL) | value << 32 : (register & ~0xffffffffL) | (value & 0xffffffffL);
    }

    private long readMsip(long offset) {
        int hart = (int) ((offset - MSIP_BASE) >> 2);
        return hart < harts() && msip[hart] ? 1 : 0;
    }

    private void writeMsip(long offset, long value) {
        int hart = (int) ((offset - MSIP_BASE) >> 2);
        if (hart < harts()) {
            msip[hart] = (value & 1) != 0;
        }
    }

    // ---- Device tree.

    @Override
    public String nodeName(long base) {
        return "clint@" + Long.toHexString(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.strings("compatible", "sifive,clint0", "riscv,clint0");
    }

    @Override
    public boolean extendedInterrupts() {
        return true;
    }

    // ---- State.

    @Override
    public StateRecord saveState() {
        return new ClintState(msip, mtimecmp, timebase.offset()).toRecord();
    }

    @Override
    public void restoreState(StateRecord record) throws StateException {
        ClintState state = ClintState.fromRecord(record, harts());
        System.arraycopy(state.msip(), 0, msip, 0, msip.length);
        System.arraycopy(state.mtimecmp(), 0, mtimecmp, 0, mtimecmp.length);
        timebase.setOffset(state.mtimeOffset());
        updateInterrupts();
    }

    @Override
    public void close() {
        for (VirtualClock.Timer timer : timers) {
            timer.cancel();
        }
    }
}
