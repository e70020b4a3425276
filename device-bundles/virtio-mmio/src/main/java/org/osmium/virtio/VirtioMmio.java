package org.osmium.virtio;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The virtio-mmio transport, modern interface (version 2, virtio 1.x section 4.2.2), in front of one
 * {@link VirtioDevice}: feature negotiation (the driver must accept VIRTIO_F_VERSION_1 and nothing not offered),
 * queue setup, notifications, interrupt status and acknowledge, configuration space at 0x100, reset by writing 0 to
 * Status. Registers below 0x100 take 32-bit accesses only; other widths read 0 and are ignored, as on QEMU.
 * One method, {@link #updateInterrupt()}, drives the {@code irq} output from InterruptStatus.
 */
public final class VirtioMmio implements MmioHandler {
    public static final int MAGIC = 0x74726976;
    public static final int VERSION = 2;
    /** QEMU's vendor id ("QEMU" little-endian), which drivers may print. */
    public static final int VENDOR = 0x554d4551;
    /** The size of one slot: QEMU's virt board places slots 0x1000 apart and its device tree says 0x1000. */
    public static final long SLOT_SIZE = 0x1000;
    public static final long F_VERSION_1 = 1L << 32;

    public static final int STATUS_ACKNOWLEDGE = 1, STATUS_DRIVER = 2, STATUS_DRIVER_OK = 4, STATUS_FEATURES_OK = 8;
    public static final int STATUS_DEVICE_NEEDS_RESET = 0x40, STATUS_FAILED = 0x80;
    public static final int INTERRUPT_USED_BUFFER = 1, INTERRUPT_CONFIG_CHANGE = 2;

    static final int CONFIG_OFFSET = 0x100;
    static final String STATE_TYPE = "virtio-mmio";
    static final int STATE_VERSION = 1;

    private final String id;
    private final VirtioDevice device;
    private final IrqLine irq;
    private final Virtqueue[] queues;
    private final long offeredFeatures;
    private final Register[] registers = new Register[CONFIG_OFFSET / 4];

    private int status;
    private int deviceFeaturesSelect;
    private int driverFeaturesSelect;
    private long driverFeatures;
    private int queueSelect;
    private int interruptStatus;
    /** Set when the driver broke a queue contract: queues are ignored until reset. */
    private boolean needsReset;

    /** A register as the specification's table lists it: offset, name, read value (pure) and write action. */
    private record Register(int offset, String name, IntSupplier read, IntConsumer write) {
    }

    /**
     * @param id the instance id, for messages
     * @param device the device type behind the transport
     * @param space where the queues and buffers live
     * @param irq the interrupt output
     */
    public VirtioMmio(String id, VirtioDevice device, AddressSpace space, IrqLine irq) {
        this.id = id;
        this.device = device;
        this.irq = irq;
        this.offeredFeatures = device.features() | F_VERSION_1;
        GuestMemory memory = new GuestMemory(space);
        this.queues = new Virtqueue[device.queueCount()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new Virtqueue(i, device.queueSizeMax(), memory);
        }
        IntConsumer readOnly = value -> { };
        IntSupplier writeOnly = () -> 0;
        declare(new Register(0x000, "MagicValue", () -> MAGIC, readOnly),
                new Register(0x004, "Version", () -> VERSION, readOnly),
                new Register(0x008, "DeviceID", device::deviceId, readOnly),
                new Register(0x00c, "VendorID", () -> VENDOR, readOnly),
                new Register(0x010, "DeviceFeatures", this::deviceFeaturesWord, readOnly),
                new Register(0x014, "DeviceFeaturesSel", writeOnly, value -> deviceFeaturesSelect = value),
                new Register(0x020, "DriverFeatures", writeOnly, this::writeDriverFeatures),
                new Register(0x024, "DriverFeaturesSel", writeOnly, value -> driverFeaturesSelect = value),
                new Register(0x030, "QueueSel", writeOnly, value -> queueSelect = value),
                new Register(0x034, "QueueNumMax", () -> selected() == null ? 0 : selected().sizeMax(), readOnly),
                new Register(0x038, "QueueNum", writeOnly, value -> onSelected(queue -> queue.setSize(value))),
                new Register(0x044, "QueueReady", () -> selected() != null && selected().ready() ? 1 : 0,
                        value -> onSelected(queue -> queue.setReady((value & 1) != 0))),
                new Register(0x050, "QueueNotify", writeOnly, this::notifyQueue),
                new Register(0x060, "InterruptStatus", () -> interruptStatus, readOnly),
                new Register(0x064, "InterruptACK", writeOnly, this::acknowledgeInterrupt),
                new Register(0x070, "Status", () -> status, this::writeStatus),
                new Register(0x080, "QueueDescLow", writeOnly,
                        value -> onSelected(queue -> queue.setDescriptorTable(low(queue.descriptorTable(), value)))),
                new Register(0x084, "QueueDescHigh", writeOnly,
                        value -> onSelected(queue -> queue.setDescriptorTable(high(queue.descriptorTable(), value)))),
                new Register(0x090, "QueueDriverLow", writeOnly,
                        value -> onSelected(queue -> queue.setDriverArea(low(queue.driverArea(), value)))),
                new Register(0x094, "QueueDriverHigh", writeOnly,
                        value -> onSelected(queue -> queue.setDriverArea(high(queue.driverArea(), value)))),
                new Register(0x0a0, "QueueDeviceLow", writeOnly,
                        value -> onSelected(queue -> queue.setDeviceArea(low(queue.deviceArea(), value)))),
                new Register(0x0a4, "QueueDeviceHigh", writeOnly,
                        value -> onSelected(queue -> queue.setDeviceArea(high(queue.deviceArea(), value)))),
                new Register(0x0fc, "ConfigGeneration", () -> 0, readOnly));
    }

    private void declare(Register... list) {
        for (Register register : list) {
            registers[register.offset() / 4] = register;
        }
    }

    /** The slot's one region, {@link #SLOT_SIZE} bytes at offset 0. */
    public Region region() {
        return Region.mmio("virtio-mmio", 0, SLOT_SIZE, this);
    }

    /** The device-tree node name of a virtio-mmio slot at {@code base}, as QEMU names it. */
    public static String nodeName(long base) {
        return "virtio_mmio@" + Long.toHexString(base);
    }

    /** Writes a slot's own properties (the machine writes reg and interrupts). */
    public static void describe(DtNode node) {
        node.strings("compatible", "virtio,mmio");
    }

    // ---- Bus accesses.

    @Override
    public long read(long offset, int size) {
        if (offset >= CONFIG_OFFSET) {
            int configOffset = (int) offset - CONFIG_OFFSET;
            return configOffset + size <= device.configSize() ? device.readConfig(configOffset, size) : 0;
        }
        Register register = registers[(int) offset / 4];
        if (size != 4 || (offset & 3) != 0 || register == null) {
            return 0;
        }
        return register.read().getAsInt() & 0xffff_ffffL;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset >= CONFIG_OFFSET) {
            int configOffset = (int) offset - CONFIG_OFFSET;
            if (configOffset + size <= device.configSize()) {
                device.writeConfig(configOffset, size, value);
            }
            return;
        }
        Register register = registers[(int) offset / 4];
        if (size == 4 && (offset & 3) == 0 && register != null) {
            register.write().accept((int) value);
        }
    }

    // ---- Register values and actions.

    private int deviceFeaturesWord() {
        return deviceFeaturesSelect == 0 ? (int) offeredFeatures
                : deviceFeaturesSelect == 1 ? (int) (offeredFeatures >>> 32) : 0;
    }

    private void writeDriverFeatures(int value) {
        if (driverFeaturesSelect == 0) {
            driverFeatures = driverFeatures & 0xffff_ffff_0000_0000L | (value & 0xffff_ffffL);
        } else if (driverFeaturesSelect == 1) {
            driverFeatures = driverFeatures & 0xffff_ffffL | ((long) value << 32);
        }
    }

    private Virtqueue selected() {
        return queueSelect >= 0 && queueSelect < queues.length ? queues[queueSelect] : null;
    }

    private void onSelected(Consumer<Virtqueue> action) {
        Virtqueue queue = selected();
        if (queue != null) {
            action.accept(queue);
        }
    }

    private static long low(long current, int value) {
        return current & 0xffff_ffff_0000_0000L | (value & 0xffff_ffffL);
    }

    private static long high(long current, int value) {
        return current & 0xffff_ffffL | ((long) value << 32);
    }

    /** FEATURES_OK sticks only when the driver accepted VERSION_1 and nothing that was not offered. */
    private void writeStatus(int value) {
        if (value == 0) {
            reset();
            return;
        }
        int newlySet = value & ~status;
        if ((newlySet & STATUS_FEATURES_OK) != 0
                && ((driverFeatures & ~offeredFeatures) != 0 || (driverFeatures & F_VERSION_1) == 0)) {
            value &= ~STATUS_FEATURES_OK;
        }
        status = value & 0xff | (needsReset ? STATUS_DEVICE_NEEDS_RESET : 0);
    }

    private void notifyQueue(int value) {
        int index = value & 0xffff;
        if (index >= queues.length || needsReset) {
            return;
        }
        try {
            device.process(queues[index]);
            if (queues[index].takeInterrupt()) {
                interruptStatus |= INTERRUPT_USED_BUFFER;
            }
        } catch (VirtqueueException | AccessFault problem) {
            fail(problem.getMessage());
        }
        updateInterrupt();
    }

    /** The driver broke the contract: report it once, stop serving queues and ask for a reset. */
    private void fail(String message) {
        System.err.println("Osmium: " + id + ": virtio: " + message + "; the device needs a reset");
        needsReset = true;
        status |= STATUS_DEVICE_NEEDS_RESET;
        if ((status & STATUS_DRIVER_OK) != 0) {
            interruptStatus |= INTERRUPT_CONFIG_CHANGE;
        }
    }

    private void acknowledgeInterrupt(int value) {
        interruptStatus &= ~value;
        updateInterrupt();
    }

    /** The one place that drives the interrupt output. */
    private void updateInterrupt() {
        irq.set(interruptStatus != 0);
    }

    /** Returns the transport, its queues and the device to their reset state (the driver wrote 0 to Status). */
    public void reset() {
        status = 0;
        deviceFeaturesSelect = 0;
        driverFeaturesSelect = 0;
        driverFeatures = 0;
        queueSelect = 0;
        interruptStatus = 0;
        needsReset = false;
        for (Virtqueue queue : queues) {
            queue.reset();
        }
        device.resetDevice();
        updateInterrupt();
    }

    // ---- State.

    /** The transport registers, negotiated features and each queue's addresses and indexes. */
    public StateRecord saveState() {
        StateRecord.Builder builder = StateRecord.builder(STATE_TYPE, STATE_VERSION)
                .put("status", status)
                .put("deviceFeaturesSelect", deviceFeaturesSelect)
                .put("driverFeaturesSelect", driverFeaturesSelect)
                .put("driverFeatures", driverFeatures)
                .put("queueSelect", queueSelect)
                .put("interruptStatus", interruptStatus)
                .put("needsReset", needsReset)
                .put("queueCount", queues.length);
        for (Virtqueue queue : queues) {
            builder.put("queue" + queue.index(), queue.saveState());
        }
        return builder.build();
    }

    /**
     * Restores a record from {@link #saveState}; checks everything first, so a refused record changes nothing.
     *
     * @throws StateException naming the field that is missing or out of range
     */
    public void restoreState(StateRecord state) throws StateException {
        state.require(STATE_TYPE, STATE_VERSION);
        int savedQueues = state.getInt("queueCount");
        if (savedQueues != queues.length) {
            throw new StateException("state 'virtio-mmio' has " + savedQueues + " queues, this device has " + queues.length);
        }
        for (Virtqueue queue : queues) {
            queue.check(state.getRecord("queue" + queue.index()));
        }
        int savedStatus = state.getInt("status");
        int savedDeviceSelect = state.getInt("deviceFeaturesSelect");
        int savedDriverSelect = state.getInt("driverFeaturesSelect");
        long savedDriverFeatures = state.getLong("driverFeatures");
        int savedQueueSelect = state.getInt("queueSelect");
        int savedInterrupts = state.getInt("interruptStatus");
        boolean savedNeedsReset = state.getBoolean("needsReset");
        for (Virtqueue queue : queues) {
            queue.restore(state.getRecord("queue" + queue.index()));
        }
        status = savedStatus & 0xff;
        deviceFeaturesSelect = savedDeviceSelect;
        driverFeaturesSelect = savedDriverSelect;
        driverFeatures = savedDriverFeatures;
        queueSelect = savedQueueSelect;
        interruptStatus = savedInterrupts & (INTERRUPT_USED_BUFFER | INTERRUPT_CONFIG_CHANGE);
        needsReset = savedNeedsReset;
        updateInterrupt();
    }
}
