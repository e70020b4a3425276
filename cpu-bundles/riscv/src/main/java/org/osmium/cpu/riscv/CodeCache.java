package org.osmium.cpu.riscv;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/**
 * Decoded instructions of recently executed guest pages, direct-mapped by page number. A page's slots are decoded
 * lazily and cleared when the guest (or DMA, or the loader) writes over them.
 */
final class CodeCache {
    private static final int ENTRIES = 1024, MASK = ENTRIES - 1;
    private final DecodedPage[] pages = new DecodedPage[ENTRIES];
    private final AddressSpace bus;
    private final Memory memory;
    private final Trap trap;

    CodeCache(AddressSpace bus, Memory memory, Trap trap) {
        this.bus = bus;
        this.memory = memory;
        this.trap = trap;
    }

    /** The decoded page holding {@code pc}, created empty if needed; a fetch fault when it is not RAM. */
    DecodedPage page(long pc) throws Trap {
        long physical = memory.translate(pc);
        long number = physical >>> 12;
        DecodedPage page = pages[(int) number & MASK];
        if (page != null && page.page == number) {
            return page;
        }
        RamRegion ram = bus.ram(physical);
        if (ram == null) {
            throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc);
        }
        page = new DecodedPage(number, ram.bytes(), (int) ((number << 12) - ram.base()));
        pages[(int) number & MASK] = page;
        memory.dropWrite(number);
        return page;
    }

    /** Decodes the instruction at {@code pc} into its slot of {@code page}. */
    void decode(DecodedPage page, int slot, long pc) throws Trap {
        int offset = page.memoryOffset + slot * 2;
        byte[] bytes = page.memory;
        if (offset < 0 || offset + 2 > bytes.length) {
            throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc);
        }
        int low = (short) Memory.SHORT.get(bytes, offset) & 0xffff;
        int bits = low;
        if ((low & 3) == 3) {
            bits |= fetchHigh(page, slot, pc) << 16;
        }
        page.decoded[slot] = Decoder.decode(bits);
    }

    private int fetchHigh(DecodedPage page, int slot, long pc) throws Trap {
        int offset = page.memoryOffset + slot * 2 + 2;
        if (slot < DecodedPage.SLOTS - 1) {
            if (offset + 2 > page.memory.length) {
                throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc + 2);
            }
            return (short) Memory.SHORT.get(page.memory, offset) & 0xffff;
        }
        long physical = memory.translate(pc + 2);
        RamRegion ram = bus.ram(physical);
        if (ram == null || !ram.contains(physical + 1)) {
            throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc + 2);
        }
        return (short) Memory.SHORT.get(ram.bytes(), (int) (physical - ram.base())) & 0xffff;
    }

    /**
     * Called for a store to RAM at a physical address: clears decoded slots the store overlaps.
     *
     * @return true when the page holds decoded code (so stores to it must keep taking the slow path)
     */
    boolean written(long physical, int size) {
        long number = physical >>> 12;
        DecodedPage page = pages[(int) number & MASK];
        boolean holdsCode = page != null && page.page == number;
        if (holdsCode && page.overlaps((int) (physical & 0xfff), size)) {
            page.clear();
        }
        if ((physical & 0xfff) < 2) {
            clearLastSlot(number - 1);
        }
        return holdsCode;
    }

    /** Drops decoded instructions of {@code [physical, physical + length)} (and of an instruction straddling into it). */
    void invalidate(long physical, long length) {
        long first = (physical >>> 12), last = (physical + Math.max(length, 1) - 1) >>> 12;
        if (last - first >= ENTRIES) {
            invalidateAll();
            return;
        }
        for (long number = first; number <= last; number++) {
            DecodedPage page = pages[(int) number & MASK];
            if (page != null && page.page == number) {
                long start = Math.max(physical, number << 12), end = Math.min(physical + Math.max(length, 1), (number + 1) << 12);
                if (page.overlaps((int) (start & 0xfff), (int) (end - start))) {
                    page.clear();
                }
            }
        }
        if ((physical & 0xfff) < 2) {
            clearLastSlot(first - 1);
        }
    }

    void invalidateAll() {
        for (DecodedPage page : pages) {
            if (page != null) {
                page.clear();
            }
        }
    }

    private void clearLastSlot(long number) {
        DecodedPage page = pages[(int) number & MASK];
        if (page != null && page.page == number) {
            page.decoded[DecodedPage.SLOTS - 1] = 0;
        }
    }
}
