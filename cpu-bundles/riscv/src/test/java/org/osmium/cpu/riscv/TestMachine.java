package org.osmium.cpu.riscv;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.CharBackend;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MachineControl;
import org.osmium.api.device.RamRegion;
import org.osmium.api.device.Timebase;
import org.osmium.api.device.VirtualClock;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.ModelException;
import org.osmium.loader.ElfReader;
import org.osmium.loader.ImageException;
import org.osmium.loader.LoadedImage;
import org.osmium.loader.Segment;

/**
 * Test support: the smallest machine QEMU's virt looks like to a bare-metal guest: RAM at 0x80000000, an
 * output-capturing ns16550a transmitter at 0x10000000, the SiFive test device at 0x100000, the CLINT's msip,
 * mtimecmp and mtime of hart 0 at 0x2000000 (10 MHz), one rv64gc hart. Timers fire between slices of the run loop.
 */
final class TestMachine implements AddressSpace, DeviceContext, MachineControl, VirtualClock {
    static final long RAM_BASE = 0x80000000L, UART = 0x10000000L, TEST_DEVICE = 0x100000L;
    static final long CLINT_MSIP = 0x2000000L, CLINT_MTIMECMP = 0x2004000L, CLINT_MTIME = 0x200bff8L;
    private static final int SLICE = 50_000; // as the runtime's execution loop
    private final List<TestTimer> timers = new ArrayList<>();
    private final Timebase timebase = new Timebase(this, 10_000_000);
    /** As QEMU's CLINT: 0 after reset, so mtip is pending until the guest writes mtimecmp. */
    private long mtimecmp;
    private boolean msip;
    private Timer machineTimer;
    private final RamRegion ram;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final long startNanos = System.nanoTime();
    final RiscvHart hart;
    private Integer exitStatus;

    TestMachine(int ramSize) throws ModelException {
        ram = new RamRegion(RAM_BASE, new byte[ramSize]);
        Rv64gcModel model = new Rv64gcModel();
        Configuration configuration = model.schema().validate("cpu0 (rv64gc)", Map.of("reset-pc", "0x80000000"));
        hart = (RiscvHart) model.create(this, configuration);
        machineTimer = newTimer(this::updateMachineTimer);
        updateMachineTimer();
    }

    /** Copies an ELF's segments into RAM and points the hart at its entry. */
    void load(Path elf) throws ImageException {
        LoadedImage image = ElfReader.read(elf);
        for (Segment segment : image.segments()) {
            int offset = (int) (segment.address() - RAM_BASE);
            System.arraycopy(segment.bytes(), 0, ram.bytes(), offset, segment.bytes().length);
        }
        hart.setRegister("pc", image.entry());
    }

    /**
     * Runs until the guest powers off, {@code maxInstructions} retire, or the hart waits with no timer armed; returns
     * the exit status, or null.
     */
    Integer run(long maxInstructions) {
        long done = 0;
        while (exitStatus == null && done < maxInstructions) {
            fireDueTimers();
            long retired = hart.run(Math.min(SLICE, maxInstructions - done));
            if (retired == 0 && hart.isWaiting()) {
                if (timers.stream().noneMatch(timer -> timer.at >= 0)) {
                    break;
                }
                Thread.onSpinWait();
            }
            done += retired;
        }
        return exitStatus;
    }

    private void fireDueTimers() {
        long now = nanos();
        for (TestTimer timer : timers) {
            if (timer.at >= 0 && timer.at <= now) {
                timer.at = -1;
                timer.action.run();
            }
        }
    }

    /** Sets mtip from mtime and mtimecmp; arms the timer for a mtimecmp still ahead. */
    private void updateMachineTimer() {
        boolean due = Long.compareUnsigned(timebase.ticks(), mtimecmp) >= 0;
        hart.inputs().get("mtip").set(due);
        long deadline = timebase.nanosAt(mtimecmp);
        if (!due && deadline != Long.MAX_VALUE) {
            machineTimer.fireAt(deadline);
        } else {
            machineTimer.cancel();
        }
    }

    String output() {
        return output.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    byte[] ram() {
        return ram.bytes();
    }

    @Override
    public RamRegion ram(long address) {
        return ram.contains(address) ? ram : null;
    }

    @Override
    public long read(long address, int size) throws AccessFault {
        if (address == UART + 5 && size == 1) {
            return 0x60; // line status: transmitter empty
        }
        if (address >= UART && address < UART + 8) {
            return 0;
        }
        if (address == CLINT_MSIP && size == 4) {
            return msip ? 1 : 0;
        }
        if (address == CLINT_MTIMECMP && size == 8) {
            return mtimecmp;
        }
        if (address == CLINT_MTIME && size == 8) {
            return timebase.ticks();
        }
        throw new AccessFault(address, "nothing mapped");
    }

    @Override
    public void write(long address, int size, long value) throws AccessFault {
        if (address == UART && size == 1) {
            output.write((int) value);
            return;
        }
        if (address >= UART && address < UART + 8) {
            return;
        }
        if (address == CLINT_MSIP && size == 4) {
            msip = (value & 1) != 0;
            hart.inputs().get("msip").set(msip);
            return;
        }
        if (address == CLINT_MTIMECMP && size == 8) {
            mtimecmp = value;
            updateMachineTimer();
            return;
        }
        if (address == CLINT_MTIME && size == 8) {
            timebase.setTicks(value);
            updateMachineTimer();
            return;
        }
        if (address == TEST_DEVICE && size == 4) {
            int code = (int) value & 0xffff;
            if (code == 0x5555) {
                powerOff(0);
            } else if (code == 0x3333) {
                powerOff((int) (value >>> 16) & 0xffff);
            }
            return;
        }
        throw new AccessFault(address, "nothing mapped");
    }

    @Override
    public void codeModified(long address, long length) {
        hart.invalidateCode(address, length);
    }

    @Override
    public String id() {
        return "cpu0";
    }

    @Override
    public IrqLine output(String name) {
        return level -> {
        };
    }

    @Override
    public CharBackend chardev(String property) {
        throw new UnsupportedOperationException("the test machine's hart has no character backend");
    }

    @Override
    public VirtualClock clock() {
        return this;
    }

    @Override
    public Timebase timebase() {
        return timebase;
    }

    @Override
    public AddressSpace addressSpace() {
        return this;
    }

    @Override
    public MachineControl machine() {
        return this;
    }

    @Override
    public void post(Runnable event) {
        event.run();
    }

    @Override
    public void powerOff(int status) {
        exitStatus = status;
        hart.stopRun();
    }

    @Override
    public void reset() {
        hart.reset();
    }

    @Override
    public long nanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public Timer newTimer(Runnable action) {
        TestTimer timer = new TestTimer(action);
        timers.add(timer);
        return timer;
    }

    /** A timer of the test machine: fires from the run loop once the clock has passed {@link #at}. */
    private static final class TestTimer implements Timer {
        private final Runnable action;
        /** When it fires, in clock nanoseconds; -1 when not armed. */
        long at = -1;

        TestTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void fireAt(long nanos) {
            at = nanos;
        }

        @Override
        public void cancel() {
            at = -1;
        }
    }
}
