package org.osmium.cpu.riscv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/**
 * A hart's data path to memory: a direct-mapped software TLB from guest-virtual pages to host RAM arrays for loads
 * and for stores, with MMIO and unmapped addresses going through the bus. A miss translates the address (Sv39/Sv48/Sv57
 * when paging is on for the access's privilege) and checks PMP; a page enters the TLB only when the translation and
 * PMP allow the access for the whole page. There is one TLB per privilege (with SUM and MXR), all for one satp: the
 * hart calls {@link #configure} whenever these change and {@link #configureFlushed} when cached translations become
 * wrong.
 * Stores to pages holding decoded code take the slow path and drop the code they overwrite.
 */
final class Memory {
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ENTRIES = 512, MASK = ENTRIES - 1;
    private static final long PAGE_MASK = 0xfff;
    private final AddressSpace bus;
    private final Trap trap;
    /** The TLB of each translation key (see {@link #dataKey}), made when first used; all are flushed together. */
    private final Tlb[] tlbs = new Tlb[16];
    // The arrays of the TLB of the current key, in fields of their own so that the fast paths stay as they were.
    private long[] readTag;
    private byte[][] readBytes;
    private long[] readBase;
    private long[] writeTag;
    private byte[][] writeBytes;
    private long[] writeBase;
    /** The physical page number of each write entry (to drop the entries of a page that starts holding code). */
    private long[] writePhysical;
    private final Pmp pmp;
    private final PageWalker walker;
    private CodeCache code;
    /** The privilege of instruction fetches and the effective privilege of loads and stores (MPRV applied). */
    private int fetchPrivilege = 3, dataPrivilege = 3;
    private long satp;
    private boolean sum, mxr;

    Memory(AddressSpace bus, Pmp pmp, Trap trap) {
        this.bus = bus;
        this.pmp = pmp;
        this.trap = trap;
        this.walker = new PageWalker(bus, pmp, trap);
        use(dataKey());
    }

    /**
     * One direct-mapped TLB from guest-virtual pages to host arrays, for loads and for stores, valid for one
     * translation key: entries of another privilege (or SUM, MXR) wait in their own TLB while the hart is elsewhere.
     */
    private static final class Tlb {
        final long[] readTag = new long[ENTRIES];
        final byte[][] readBytes = new byte[ENTRIES][];
        final long[] readBase = new long[ENTRIES];
        final long[] writeTag = new long[ENTRIES];
        final byte[][] writeBytes = new byte[ENTRIES][];
        final long[] writeBase = new long[ENTRIES];
        final long[] writePhysical = new long[ENTRIES];

        Tlb() {
            flush();
        }

        void flush() {
            java.util.Arrays.fill(readTag, -1);
            java.util.Arrays.fill(writeTag, -1);
            java.util.Arrays.fill(readBytes, null);
            java.util.Arrays.fill(writeBytes, null);
        }

        void dropWrites(long page) {
            for (int index = 0; index < ENTRIES; index++) {
                if (writePhysical[index] == page && writeTag[index] != -1) {
                    writeTag[index] = -1;
                    writeBytes[index] = null;
                }
            }
        }
    }

    /**
     * Sets what translations depend on: privilege (and MPRV's), satp and mstatus' SUM and MXR. A change of privilege,
     * SUM or MXR switches to the TLB of that key and keeps the others, as QEMU keeps one TLB per MMU mode; a change of
     * satp forgets every cached translation.
     */
    void configure(int privilege, long newSatp, long mstatus) {
        fetchPrivilege = privilege;
        boolean modifiedPrivilege = privilege == 3 && (mstatus & ControlRegisters.MSTATUS_MPRV) != 0;
        dataPrivilege = modifiedPrivilege ? (int) ((mstatus & ControlRegisters.MSTATUS_MPP) >>> 11) : privilege;
        sum = (mstatus & ControlRegisters.MSTATUS_SUM) != 0;
        mxr = (mstatus & ControlRegisters.MSTATUS_MXR) != 0;
        use(dataKey());
        code.useFetchTlb(fetchPrivilege);
        if (newSatp != satp) {
            satp = newSatp;
            flushAll();
        }
    }

    /** The TLB key of loads and stores: their privilege, and SUM and MXR (which M-mode accesses ignore). */
    private int dataKey() {
        return dataPrivilege == 3 ? 12 : dataPrivilege << 2 | (sum ? 2 : 0) | (mxr ? 1 : 0);
    }

    private void use(int key) {
        Tlb tlb = tlbs[key];
        if (tlb == null) {
            tlb = new Tlb();
            tlbs[key] = tlb;
        }
        readTag = tlb.readTag;
        readBytes = tlb.readBytes;
        readBase = tlb.readBase;
        writeTag = tlb.writeTag;
        writeBytes = tlb.writeBytes;
        writeBase = tlb.writeBase;
        writePhysical = tlb.writePhysical;
    }

    void attach(CodeCache codeCache) {
        this.code = codeCache;
    }

    /** As {@link #configure}, and every cached translation forgotten once (sfence.vma, PMP or memory map changes). */
    void configureFlushed(int privilege, long newSatp, long mstatus) {
        satp = newSatp; // so that configure does not flush a first time for a changed satp
        configure(privilege, newSatp, mstatus);
        flushAll();
    }

    /** Forgets every cached translation, of every key, data and fetch. */
    private void flushAll() {
        for (Tlb tlb : tlbs) {
            if (tlb != null) {
                tlb.flush();
            }
        }
        code.flushTranslations();
    }

    /** Stops caching stores to physical page {@code page}, so that they reach {@link #writeSlow} and meet the code there. */
    void dropWrites(long page) {
        for (Tlb tlb : tlbs) {
            if (tlb != null) {
                tlb.dropWrites(page);
            }
        }
    }

    // The fast paths test the tag and that the access stays in its page with one branch, tag and carry out of the
    // page offset combined without a branch: a second branch that only a rare page-crossing access takes would
    // become a deoptimization (and a recompilation) of the interpreter loop that inlines these methods.

    long load64(long address) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((readTag[index] ^ page) | (((address & PAGE_MASK) + 7) & 0x1000)) == 0) {
            return (long) LONG.get(readBytes[index], (int) (address - readBase[index]));
        }
        return readSlow(address, 8);
    }

    int load32(long address) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((readTag[index] ^ page) | (((address & PAGE_MASK) + 3) & 0x1000)) == 0) {
            return (int) INT.get(readBytes[index], (int) (address - readBase[index]));
        }
        return (int) readSlow(address, 4);
    }

    short load16(long address) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((readTag[index] ^ page) | (((address & PAGE_MASK) + 1) & 0x1000)) == 0) {
            return (short) SHORT.get(readBytes[index], (int) (address - readBase[index]));
        }
        return (short) readSlow(address, 2);
    }

    byte load8(long address) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (readTag[index] == page) {
            return readBytes[index][(int) (address - readBase[index])];
        }
        return (byte) readSlow(address, 1);
    }

    void store64(long address, long value) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((writeTag[index] ^ page) | (((address & PAGE_MASK) + 7) & 0x1000)) == 0) {
            LONG.set(writeBytes[index], (int) (address - writeBase[index]), value);
        } else {
            writeSlow(address, 8, value);
        }
    }

    void store32(long address, int value) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((writeTag[index] ^ page) | (((address & PAGE_MASK) + 3) & 0x1000)) == 0) {
            INT.set(writeBytes[index], (int) (address - writeBase[index]), value);
        } else {
            writeSlow(address, 4, value);
        }
    }

    void store16(long address, short value) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (((writeTag[index] ^ page) | (((address & PAGE_MASK) + 1) & 0x1000)) == 0) {
            SHORT.set(writeBytes[index], (int) (address - writeBase[index]), value);
        } else {
            writeSlow(address, 2, value);
        }
    }

    void store8(long address, byte value) throws Trap {
        long page = address >>> 12;
        int index = (int) page & MASK;
        if (writeTag[index] == page) {
            writeBytes[index][(int) (address - writeBase[index])] = value;
        } else {
            writeSlow(address, 1, value);
        }
    }

    /** The physical address of a load or store, or of a fetch ({@code access} = Pmp.EXECUTE), PMP not checked. */
    long translate(long address, int access) throws Trap {
        int privilege = access == Pmp.EXECUTE ? fetchPrivilege : dataPrivilege;
        if (privilege == 3 || (satp >>> 60) == ControlRegisters.SATP_BARE) {
            return address;
        }
        return walker.translate(address, access, privilege, satp, sum, mxr);
    }

    /** The physical address of an access after translation and the PMP check of its {@code size} bytes. */
    long checkedPhysical(long address, int size, int access) throws Trap {
        long physical = translate(address, access);
        if (!pmp.allows(physical, size, access, access == Pmp.EXECUTE ? fetchPrivilege : dataPrivilege)) {
            throw trap.fill(PageWalker.accessFault(access), address);
        }
        return physical;
    }

    /** True when PMP allows {@code access} to every byte of the page of {@code physical}, so the page may be cached. */
    boolean pageAllowed(long physical, int access) {
        int privilege = access == Pmp.EXECUTE ? fetchPrivilege : dataPrivilege;
        return pmp.unrestricted(privilege) || pmp.allows(physical & ~PAGE_MASK, 0x1000, access, privilege);
    }

    /** Reads {@code size} bytes, little-endian, zero-extended. */
    long readSlow(long address, int size) throws Trap {
        if ((address & PAGE_MASK) + size > 0x1000) {
            long value = 0;
            for (int i = 0; i < size; i++) {
                value |= (readSlow(address + i, 1) & 0xff) << (8 * i);
            }
            return value;
        }
        long physical = checkedPhysical(address, size, Pmp.READ);
        RamRegion ram = bus.ram(physical);
        if (ram != null) {
            if (coversPage(ram, physical) && pageAllowed(physical, Pmp.READ)) {
                int index = (int) (address >>> 12) & MASK;
                readTag[index] = address >>> 12;
                readBytes[index] = ram.bytes();
                readBase[index] = address - (physical - ram.base());
            }
            if (ram.contains(physical + size - 1)) {
                return readRam(ram.bytes(), (int) (physical - ram.base()), size);
            }
        }
        try {
            return bus.read(physical, size);
        } catch (AccessFault e) {
            throw trap.fill(Trap.LOAD_ACCESS_FAULT, address);
        }
    }

    void writeSlow(long address, int size, long value) throws Trap {
        if ((address & PAGE_MASK) + size > 0x1000) {
            for (int i = 0; i < size; i++) {
                writeSlow(address + i, 1, value >>> (8 * i));
            }
            return;
        }
        long physical = checkedPhysical(address, size, Pmp.WRITE);
        RamRegion ram = bus.ram(physical);
        if (ram != null && ram.contains(physical + size - 1)) {
            boolean holdsCode = code.written(physical, size);
            if (!holdsCode && coversPage(ram, physical) && pageAllowed(physical, Pmp.WRITE)) {
                int index = (int) (address >>> 12) & MASK;
                writeTag[index] = address >>> 12;
                writePhysical[index] = physical >>> 12;
                writeBytes[index] = ram.bytes();
                writeBase[index] = address - (physical - ram.base());
            }
            writeRam(ram.bytes(), (int) (physical - ram.base()), size, value);
            return;
        }
        try {
            bus.write(physical, size, size == 8 ? value : value & ((1L << (8 * size)) - 1));
        } catch (AccessFault e) {
            throw trap.fill(Trap.STORE_ACCESS_FAULT, address);
        }
    }

    private static boolean coversPage(RamRegion ram, long physical) {
        long start = physical & ~PAGE_MASK;
        return ram.contains(start) && ram.contains(start + PAGE_MASK);
    }

    private static long readRam(byte[] bytes, int offset, int size) {
        return switch (size) {
            case 1 -> bytes[offset] & 0xffL;
            case 2 -> (short) SHORT.get(bytes, offset) & 0xffffL;
            case 4 -> (int) INT.get(bytes, offset) & 0xffffffffL;
            default -> (long) LONG.get(bytes, offset);
        };
    }

    private static void writeRam(byte[] bytes, int offset, int size, long value) {
        switch (size) {
            case 1 -> bytes[offset] = (byte) value;
            case 2 -> SHORT.set(bytes, offset, (short) value);
            case 4 -> INT.set(bytes, offset, (int) value);
            default -> LONG.set(bytes, offset, value);
        }
    }
}
