package org.osmium.cpu.riscv;

import java.util.Arrays;

/**
 * The decoded instructions of one 4 KiB guest page, one slot per halfword, each a {@link Decoder} word (0 = not
 * decoded yet), followed by two sentinel slots that send execution running off the page's end to the next page.
 * Decoding is lazy, slot by slot.
 */
final class DecodedPage {
    static final int SLOTS = 2048;
    /** The pseudo-operation of the sentinel slots: look up the page of the current pc, then continue there. */
    static final int PAGE_END = InstructionTable.OP_COUNT;
    /** A page of sentinels only: the interpreter's page before it has looked up the real one. */
    static final long[] RELOAD = sentinels(new long[SLOTS + 2], 0);
    final long page;
    final byte[] memory;
    final int memoryOffset;
    final long[] decoded = sentinels(new long[SLOTS + 2], SLOTS);

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

    private static long[] sentinels(long[] slots, int from) {
        Arrays.fill(slots, from, slots.length, PAGE_END);
        return slots;
    }

    /** Forgets every decoded slot (the page's bytes changed). */
    void clear() {
        Arrays.fill(decoded, 0, SLOTS, 0);
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
