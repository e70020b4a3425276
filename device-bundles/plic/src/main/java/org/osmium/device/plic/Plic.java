package org.osmium.device.plic;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osmium.api.device.Device;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.devicetree.InterruptController;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * The SiFive PLIC as QEMU's virt board has it ({@code hw/intc/sifive_plic.c}, 7 priority levels, hart config
 * {@code "MS,MS,..."}): sources 1 to {@code sources - 1} (0 means "none"), and two contexts per hart, 2 * hart for
 * M mode and 2 * hart + 1 for S mode. All registers are 32 bits wide:
 * <pre>
 * 0x000000 + 4 * source    priority     read/write, WARL: 0 (never) to 7
 * 0x001000 + 4 * word      pending      read-only, one bit per source
 * 0x002000 + 0x80 * ctx    enables      read/write, one bit per source, per context
 * 0x200000 + 0x1000 * ctx  threshold    read/write, WARL: 0 to 7
 * 0x200004 + 0x1000 * ctx  claim        read: claims the best pending enabled source; write: completes it
 * </pre>
 * Inputs are level-triggered: a source is pending while its line is high and it is not in service; claiming clears
 * pending, completing makes a source whose line is still high pending again. One method,
 * {@link #bestClaimable(int)}, decides what a context would claim: the claim register and the outputs both use it.
 */
final class Plic implements Device, DeviceTreeContributor, InterruptController, MmioHandler {
    static final long SIZE = 0x600000;
    static final long PRIORITY_BASE = 0x0;
    static final long PENDING_BASE = 0x1000;
    static final long ENABLE_BASE = 0x2000;
    static final long ENABLE_STRIDE = 0x80;
    static final long CONTEXT_BASE = 0x200000;
    static final long CONTEXT_STRIDE = 0x1000;
    static final long THRESHOLD = 0x0;
    static final long CLAIM = 0x4;
    /** Priorities and thresholds keep 3 bits: 7 levels plus 0. */
    static final int PRIORITY_MASK = 7;

    private final int sources;
    private final int words;
    private final IrqLine[] outputs;
    private final Map<String, IrqLine> inputs;
    private final int[] priority;
    private final int[] threshold;
    private final int[] pending;
    private final int[] claimed;
    private final int[] levels;
    /** Context ctx's enable words at [ctx * words, (ctx + 1) * words). */
    private final int[] enables;

    /**
     * @param outputs the external interrupt outputs by context: M of hart 0, S of hart 0, M of hart 1, ...
     */
    Plic(int sources, IrqLine[] outputs) {
        this.sources = sources;
        this.words = (sources + 31) >>> 5;
        this.outputs = outputs.clone();
        this.priority = new int[sources];
        this.threshold = new int[outputs.length];
        this.pending = new int[words];
        this.claimed = new int[words];
        this.levels = new int[words];
        this.enables = new int[outputs.length * words];
        Map<String, IrqLine> lines = new LinkedHashMap<>();
        for (int source = 1; source < sources; source++) {
            int id = source;
            lines.put(Integer.toString(source), level -> input(id, level));
        }
        this.inputs = Collections.unmodifiableMap(lines);
        updateInterrupts();
    }

    int sources() {
        return sources;
    }

    int contexts() {
        return outputs.length;
    }

    @Override
    public List<Region> regions() {
        return List.of(Region.mmio("registers", 0, SIZE, this));
    }

    /** Sources {@code "1"} to {@code "sources - 1"}, level-triggered. */
    @Override
    public Map<String, IrqLine> inputs() {
        return inputs;
    }

    /** Clears priorities, thresholds, enables, pending and in-service bits; lines still high become pending again. */
    @Override
    public void reset() {
        Arrays.fill(priority, 0);
        Arrays.fill(threshold, 0);
        Arrays.fill(enables, 0);
        Arrays.fill(claimed, 0);
        System.arraycopy(levels, 0, pending, 0, words);
        updateInterrupts();
    }

    // ---- What is pending: the one place that decides claims and outputs.

    /** The source a claim by {@code context} would return: the highest priority above the threshold, lowest id on ties; 0 if none. */
    int bestClaimable(int context) {
        int best = 0;
        int bestPriority = threshold[context];
        for (int word = 0; word < words; word++) {
            int candidates = pending[word] & ~claimed[word] & enables[context * words + word];
            while (candidates != 0) {
                int source = word << 5 | Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (source < sources && priority[source] > bestPriority) {
                    best = source;
                    bestPriority = priority[source];
                }
            }
        }
        return best;
    }

    private void updateInterrupts() {
        for (int context = 0; context < outputs.length; context++) {
            outputs[context].set(bestClaimable(context) != 0);
        }
    }

    private void input(int source, boolean level) {
        setBit(levels, source, level);
        setBit(pending, source, level);
        updateInterrupts();
    }

    private int claim(int context) {
        int source = bestClaimable(context);
        if (source != 0) {
            setBit(pending, source, false);
            setBit(claimed, source, true);
            updateInterrupts();
        }
        return source;
    }

    /** Ends service of {@code source}, whichever context claimed it (as QEMU does). */
    private void complete(long source) {
        if (source > 0 && source < sources) {
            int id = (int) source;
            setBit(claimed, id, false);
            if (bit(levels, id)) {
                setBit(pending, id, true);
            }
            updateInterrupts();
        }
    }

    private static boolean bit(int[] bits, int index) {
        return (bits[index >>> 5] >>> (index & 31) & 1) != 0;
    }

    private static void setBit(int[] bits, int index, boolean value) {
        int mask = 1 << (index & 31);
        bits[index >>> 5] = value ? bits[index >>> 5] | mask : bits[index >>> 5] & ~mask;
    }

    // ---- Registers.

    @Override
    public int accessSizes() {
        return SIZE_4;
    }

    @Override
    public long read(long offset, int size) {
        if (offset >= PRIORITY_BASE && offset < PRIORITY_BASE + 4L * sources) {
            return priority[(int) ((offset - PRIORITY_BASE) >> 2)];
        }
        if (offset >= PENDING_BASE && offset < PENDING_BASE + 4L * words) {
            return pending[(int) ((offset - PENDING_BASE) >> 2)] & 0xffffffffL;
        }
        int enableWord = enableWord(offset);
        if (enableWord >= 0) {
            return enables[enableWord] & 0xffffffffL;
        }
        if (offset >= CONTEXT_BASE && offset < CONTEXT_BASE + CONTEXT_STRIDE * contexts()) {
            int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (register == THRESHOLD) {
                return threshold[context];
            }
            if (register == CLAIM) {
                return claim(context);
            }
        }
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset >= PRIORITY_BASE && offset < PRIORITY_BASE + 4L * sources) {
            priority[(int) ((offset - PRIORITY_BASE) >> 2)] = (int) value & PRIORITY_MASK;
            updateInterrupts();
            return;
        }
        int enableWord = enableWord(offset);
        if (enableWord >= 0) {
            enables[enableWord] = (int) value;
            updateInterrupts();
            return;
        }
        if (offset >= CONTEXT_BASE && offset < CONTEXT_BASE + CONTEXT_STRIDE * contexts()) {
            int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (register == THRESHOLD) {
                threshold[context] = (int) value & PRIORITY_MASK;
                updateInterrupts();
            } else if (register == CLAIM) {
                complete(value & 0xffffffffL);
            }
        }
    }

    /** The index into {@link #enables} of an enable register offset, or -1 when the offset is none. */
    private int enableWord(long offset) {
        if (offset < ENABLE_BASE || offset >= ENABLE_BASE + ENABLE_STRIDE * contexts()) {
            return -1;
        }
        int context = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
        int word = (int) ((offset - ENABLE_BASE) % ENABLE_STRIDE) >> 2;
        return word < words ? context * words + word : -1;
    }

    // ---- Device tree.

    @Override
    public String nodeName(long base) {
        return "plic@" + Long.toHexString(base);
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.cells("riscv,ndev", sources).empty("interrupt-controller")
                .strings("compatible", "sifive,plic-1.0.0", "riscv,plic0")
                .cells("#address-cells", 0).cells("#interrupt-cells", 1);
    }

    @Override
    public boolean extendedInterrupts() {
        return true;
    }

    @Override
    public DtNode interruptNode(DtNode deviceNode) {
        return deviceNode;
    }

    @Override
    public long[] interruptSpecifier(String input) {
        if (!inputs.containsKey(input)) {
            throw new IllegalArgumentException("the PLIC has no input '" + input + "' (its inputs are 1.." + (sources - 1) + ")");
        }
        return new long[] {Long.parseLong(input)};
    }

    // ---- State.

    @Override
    public StateRecord saveState() {
        return new PlicState(sources, contexts(), priority, threshold, pending, claimed, enables, levels).toRecord();
    }

    @Override
    public void restoreState(StateRecord record) throws StateException {
        PlicState state = PlicState.fromRecord(record, sources, contexts());
        System.arraycopy(state.priority(), 0, priority, 0, priority.length);
        System.arraycopy(state.threshold(), 0, threshold, 0, threshold.length);
        System.arraycopy(state.pending(), 0, pending, 0, words);
        System.arraycopy(state.claimed(), 0, claimed, 0, words);
        System.arraycopy(state.enables(), 0, enables, 0, enables.length);
        System.arraycopy(state.levels(), 0, levels, 0, words);
        updateInterrupts();
    }
}
