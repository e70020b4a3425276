package org.osmium.cpu.riscv;

import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/**
 * Sv39, Sv48 and Sv57 page-table walks as QEMU 7.2 does them: PTE reads checked by PMP as S-mode reads, the A and D bits
 * set in the PTE by the walk itself, misaligned superpages, reserved bits and non-leaf A/D/U bits fault.
 */
final class PageWalker {
    private static final long V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;
    private static final long PPN_MASK = (1L << 44) - 1;
    /** PTE bits 54..63: reserved, PBMT and N, which this hart does not implement. */
    private static final long HIGH_BITS = ~((1L << 54) - 1);
    private final AddressSpace bus;
    private final Pmp pmp;
    private final Trap trap;

    PageWalker(AddressSpace bus, Pmp pmp, Trap trap) {
        this.bus = bus;
        this.pmp = pmp;
        this.trap = trap;
    }

    /** The cause of a page fault for an access type (Pmp.READ, WRITE or EXECUTE). */
    static int pageFault(int access) {
        return access == Pmp.EXECUTE ? Trap.INSTRUCTION_PAGE_FAULT : access == Pmp.WRITE ? Trap.STORE_PAGE_FAULT
                : Trap.LOAD_PAGE_FAULT;
    }

    /** The cause of an access fault for an access type. */
    static int accessFault(int access) {
        return access == Pmp.EXECUTE ? Trap.INSTRUCTION_ACCESS_FAULT : access == Pmp.WRITE ? Trap.STORE_ACCESS_FAULT
                : Trap.LOAD_ACCESS_FAULT;
    }

    /**
     * The physical address of {@code virtual} under {@code satp} (whose mode is Sv39, Sv48 or Sv57), for an access at
     * {@code privilege} (0 = U, 1 = S) with mstatus' SUM and MXR.
     */
    long translate(long virtual, int access, int privilege, long satp, boolean sum, boolean mxr) throws Trap {
        int levels = (int) (satp >>> 60) - ControlRegisters.SATP_SV39 + 3; // Sv39: 3, Sv48: 4, Sv57: 5
        int vaBits = 12 + 9 * levels;
        if ((virtual << (64 - vaBits)) >> (64 - vaBits) != virtual) {
            throw trap.fill(pageFault(access), virtual);
        }
        long table = (satp & PPN_MASK) << 12;
        for (int level = levels - 1; level >= 0; level--) {
            long entryAddress = table + ((virtual >>> (12 + 9 * level)) & 511) * 8;
            if (!pmp.allows(entryAddress, 8, Pmp.READ, 1)) {
                throw trap.fill(accessFault(access), virtual);
            }
            long pte = readEntry(entryAddress, access, virtual);
            if ((pte & V) == 0 || (pte & (R | W)) == W || (pte & HIGH_BITS) != 0) {
                throw trap.fill(pageFault(access), virtual);
            }
            long ppn = (pte >>> 10) & PPN_MASK;
            if ((pte & (R | W | X)) == 0) {
                if (level == 0 || (pte & (D | A | U)) != 0) {
                    throw trap.fill(pageFault(access), virtual);
                }
                table = ppn << 12;
                continue;
            }
            if (!permitted(pte, access, privilege, sum, mxr) || (ppn & ((1L << (9 * level)) - 1)) != 0) {
                throw trap.fill(pageFault(access), virtual);
            }
            long updated = pte | A | (access == Pmp.WRITE ? D : 0);
            if (updated != pte) {
                writeEntry(entryAddress, updated, access, virtual);
            }
            long offsetMask = (1L << (12 + 9 * level)) - 1;
            return (ppn << 12 & ~offsetMask) | (virtual & offsetMask);
        }
        throw new IllegalStateException("unreachable: the walk ends at level 0");
    }

    private static boolean permitted(long pte, int access, int privilege, boolean sum, boolean mxr) {
        if ((pte & U) != 0 ? privilege == 1 && (access == Pmp.EXECUTE || !sum) : privilege == 0) {
            return false;
        }
        return switch (access) {
            case Pmp.READ -> (pte & R) != 0 || (mxr && (pte & X) != 0);
            case Pmp.WRITE -> (pte & W) != 0;
            default -> (pte & X) != 0;
        };
    }

    private long readEntry(long address, int access, long virtual) throws Trap {
        RamRegion ram = bus.ram(address);
        if (ram != null && ram.contains(address + 7)) {
            return (long) Memory.LONG.get(ram.bytes(), (int) (address - ram.base()));
        }
        try {
            return bus.read(address, 8);
        } catch (AccessFault e) {
            throw trap.fill(accessFault(access), virtual);
        }
    }

    private void writeEntry(long address, long pte, int access, long virtual) throws Trap {
        RamRegion ram = bus.ram(address);
        if (ram == null || !ram.contains(address + 7)) {
            throw trap.fill(pageFault(access), virtual);
        }
        Memory.LONG.set(ram.bytes(), (int) (address - ram.base()), pte);
    }
}
