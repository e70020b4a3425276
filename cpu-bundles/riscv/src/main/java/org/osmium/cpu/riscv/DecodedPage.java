package org.osmium.cpu.riscv;

import java.util.Arrays;

/**
 * The decoded instructions of one 4 KiB guest page, one slot per halfword, each a {@link Decoder} word (0 = not
 * decoded yet). Decoding is lazy, slot by slot.
 */
final class DecodedPage {
    static final int SLOTS = 2048;
    /** The pseudo-operation of {@link #RELOAD}'s slots: look up the page of the current pc, then continue there. */
    static final int PAGE_END = InstructionTable.OP_COUNT;
    /** The interpreter's page while it has not looked up the real one: every slot is {@link #PAGE_END}. */
    static final long[] RELOAD = reloadPage();
    final long page;
    final byte[] memory;
    final int memoryOffset;
    final long[] decoded = new long[SLOTS];
    /** The code cache's generation this page's slots belong to (see {@link CodeCache#invalidateAll}). */
    int generation;

    /**
     * @param page the guest page number (address >>> 12)
     * @param memory the host bytes that hold the page
     * @param memoryOffset where the page starts in {@code memory}
     */
    DecodedPage(long page, byte[] memory, int memoryOffset) {
        this.page = page;
        this.memory = memory;
        this.memoryOffset = memoryOffset;
    }

    private static long[] reloadPage() {
        long[] slots = new long[SLOTS];
        Arrays.fill(slots, PAGE_END);
        return slots;
    }

    /** Forgets every decoded slot (the page's bytes changed). */
    void clear() {
        Arrays.fill(decoded, 0);
    }

    /** True when a decoded instruction may overlap bytes {@code [offset, offset + length)} of the page. */
    boolean overlaps(int offset, int length) {
        int first = Math.max(0, (offset >> 1) - 1), last = Math.min(SLOTS - 1, (offset + length - 1) >> 1);
        for (int slot = first; slot <= last; slot++) {
            if (decoded[slot] != 0) {
                return true;
            }
        }
        return false;
    }
}
