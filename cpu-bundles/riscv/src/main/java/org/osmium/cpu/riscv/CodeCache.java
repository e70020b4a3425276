package org.osmium.cpu.riscv;

import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/**
 * Decoded instructions of recently executed guest pages, direct-mapped by physical page number, with a fetch TLB
 * per privilege from virtual page to decoded page in front (flushed with the data TLBs). A page's slots are decoded lazily and
 * cleared when the guest (or DMA, or the loader) writes over them. {@link #invalidateAll} (fence.i) is lazy: it starts
 * a new generation, and a page of an older one is cleared when it is next looked up.
 */
final class CodeCache {
    private static final int ENTRIES = 1024, MASK = ENTRIES - 1, FETCH_ENTRIES = 256, FETCH_MASK = FETCH_ENTRIES - 1;
    private final DecodedPage[] pages = new DecodedPage[ENTRIES];
    /** The fetch TLB of each privilege (0 U, 1 S, 3 M), as the data TLBs of {@link Memory}; all flushed together. */
    private final long[][] fetchTags = new long[4][FETCH_ENTRIES];
    private final DecodedPage[][] fetchPages = new DecodedPage[4][FETCH_ENTRIES];
    /** The fetch TLB of the current privilege. */
    private long[] fetchTag = fetchTags[3];
    private DecodedPage[] fetchPage = fetchPages[3];
    private int generation;
    private final AddressSpace bus;
    private final Memory memory;
    private final Trap trap;

    CodeCache(AddressSpace bus, Memory memory, Trap trap) {
        this.bus = bus;
        this.memory = memory;
        this.trap = trap;
        flushTranslations();
    }

    /** The raw bits of the instruction at {@code pc} of {@code length} bytes, fetched through the translation. */
    long fetchBits(long pc, int length) throws Trap {
        long bits = 0;
        for (int i = 0; i < length; i += 2) {
            long physical = memory.checkedPhysical(pc + i, 2, Pmp.EXECUTE);
            RamRegion ram = bus.ram(physical);
            if (ram == null || !ram.contains(physical + 1)) {
                throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc + i);
            }
            bits |= ((short) Memory.SHORT.get(ram.bytes(), (int) (physical - ram.base())) & 0xffffL) << (8 * i);
        }
        return bits;
    }

    /** Forgets every virtual-to-decoded-page translation, of every privilege. */
    void flushTranslations() {
        for (int privilege = 0; privilege < fetchTags.length; privilege++) {
            java.util.Arrays.fill(fetchTags[privilege], -1);
            java.util.Arrays.fill(fetchPages[privilege], null);
        }
    }

    /** Fetches through the TLB of {@code privilege} from now on. */
    void useFetchTlb(int privilege) {
        fetchTag = fetchTags[privilege];
        fetchPage = fetchPages[privilege];
    }

    /**
     * The decoded page holding {@code pc}, created empty if needed: a page fault when it does not translate, an access
     * fault when it is not RAM or PMP forbids executing it.
     */
    DecodedPage page(long pc) throws Trap {
        long virtualPage = pc >>> 12;
        int fetchIndex = (int) virtualPage & FETCH_MASK;
        DecodedPage page = fetchPage[fetchIndex];
        if (fetchTag[fetchIndex] == virtualPage) {
            return page;
        }
        long physical = memory.checkedPhysical(pc, 2, Pmp.EXECUTE);
        long number = physical >>> 12;
        page = current(number);
        if (page == null) {
            page = pages[(int) number & MASK];
            RamRegion ram = bus.ram(physical);
            if (ram == null) {
                throw trap.fill(Trap.INSTRUCTION_ACCESS_FAULT, pc);
            }
            if (page != null) {
                flushTranslations(); // the fetch TLB may point at the page being evicted
            }
            page = new DecodedPage(number, ram.bytes(), (int) ((number << 12) - ram.base()));
            page.generation = generation;
            pages[(int) number & MASK] = page;
            memory.dropWrites(number);
        }
        if (memory.pageAllowed(physical, Pmp.EXECUTE)) {
            fetchTag[fetchIndex] = virtualPage;
            fetchPage[fetchIndex] = page;
        }
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
        long physical = memory.checkedPhysical(pc + 2, 2, Pmp.EXECUTE);
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
        DecodedPage page = current(number);
        boolean holdsCode = page != null;
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
            DecodedPage page = current(number);
            if (page != null) {
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

    /** Drops every decoded instruction, lazily (the interpreter must look its page up again). */
    void invalidateAll() {
        generation++;
        flushTranslations();
    }

    /** Forgets every decoded page and the RAM arrays they point into (the memory map changed). */
    void forgetAll() {
        java.util.Arrays.fill(pages, null);
        flushTranslations();
    }

    /** The decoded page of physical page {@code number}, cleared first if it is of an older generation; or null. */
    private DecodedPage current(long number) {
        DecodedPage page = pages[(int) number & MASK];
        if (page == null || page.page != number) {
            return null;
        }
        if (page.generation != generation) {
            page.clear();
            page.generation = generation;
        }
        return page;
    }

    private void clearLastSlot(long number) {
        DecodedPage page = current(number);
        if (page != null) {
            page.decoded[DecodedPage.SLOTS - 1] = 0;
        }
    }
}
