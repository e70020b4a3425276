package org.osmium.cpu.riscv;

/**
 * Physical memory protection as QEMU 7.2 implements it: 16 entries (pmpcfg0, pmpcfg2, pmpaddr0..15), address modes
 * OFF, TOR, NA4 and NAPOT, the lock bit. The first entry that matches every byte of an access decides; an access that
 * matches an entry only in part fails; with no match, M-mode may access everything and S/U-mode nothing.
 */
final class Pmp {
    static final int READ = 1, WRITE = 2, EXECUTE = 4;
    static final int ENTRIES = 16;
    static final int PMPCFG0 = 0x3a0, PMPADDR0 = 0x3b0;
    private static final int LOCK = 0x80, OFF = 0, TOR = 1, NA4 = 2, NAPOT = 3;
    private static final long ADDRESS_MASK = (1L << 54) - 1;
    private final byte[] config = new byte[ENTRIES];
    private final long[] address = new long[ENTRIES];
    /** The first and last byte each entry covers (inclusive); an OFF entry covers nothing (start > end). */
    private final long[] start = new long[ENTRIES], end = new long[ENTRIES];
    private boolean anyActive, anyLocked;

    Pmp() {
        recompute();
    }

    /** True when {@code number} is one of this PMP's registers (pmpcfg0, pmpcfg2, pmpaddr0..15). */
    static boolean has(int number) {
        return number == PMPCFG0 || number == PMPCFG0 + 2 || (number >= PMPADDR0 && number < PMPADDR0 + ENTRIES);
    }

    long read(int number) {
        if (number >= PMPADDR0) {
            return address[number - PMPADDR0];
        }
        int first = (number - PMPCFG0) * 4;
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (config[first + i] & 0xffL) << (8 * i);
        }
        return value;
    }

    void write(int number, long value) {
        if (number >= PMPADDR0) {
            int index = number - PMPADDR0;
            boolean nextLockedTor = index + 1 < ENTRIES && (config[index + 1] & LOCK) != 0 && mode(index + 1) == TOR;
            if ((config[index] & LOCK) == 0 && !nextLockedTor) {
                address[index] = value & ADDRESS_MASK;
            }
        } else {
            int first = (number - PMPCFG0) * 4;
            for (int i = 0; i < 8; i++) {
                if ((config[first + i] & LOCK) == 0) {
                    config[first + i] = (byte) (value >>> (8 * i) & 0x9f);
                }
            }
        }
        recompute();
    }

    void reset() {
        java.util.Arrays.fill(config, (byte) 0);
        java.util.Arrays.fill(address, 0);
        recompute();
    }

    private int mode(int index) {
        return (config[index] >>> 3) & 3;
    }

    private void recompute() {
        anyActive = anyLocked = false;
        for (int i = 0; i < ENTRIES; i++) {
            long a = address[i];
            switch (mode(i)) {
                case TOR -> {
                    start[i] = i == 0 ? 0 : address[i - 1] << 2;
                    end[i] = (a << 2) - 1;
                }
                case NA4 -> {
                    start[i] = a << 2;
                    end[i] = start[i] + 3;
                }
                case NAPOT -> {
                    int ones = Long.numberOfTrailingZeros(~a);
                    long size = ones >= 52 ? -1L : 1L << (ones + 3);
                    start[i] = (a & ~((1L << ones) - 1)) << 2 & (size == -1 ? 0 : -1L);
                    end[i] = size == -1 ? -1L : start[i] + size - 1;
                }
                default -> {
                    start[i] = 1;
                    end[i] = 0;
                }
            }
            if (mode(i) != OFF) {
                anyActive = true;
                anyLocked |= (config[i] & LOCK) != 0;
            }
        }
    }

    /** True when every check at {@code privilege} passes without looking at the entries (M-mode, nothing locked). */
    boolean unrestricted(int privilege) {
        return privilege == 3 && !anyLocked;
    }

    /** True when {@code privilege} may access {@code [physical, physical + size)} as {@code access} (READ/WRITE/EXECUTE). */
    boolean allows(long physical, int size, int access, int privilege) {
        if (unrestricted(privilege)) {
            return true;
        }
        if (!anyActive) {
            return privilege == 3;
        }
        long last = physical + size - 1;
        for (int i = 0; i < ENTRIES; i++) {
            if (Long.compareUnsigned(start[i], end[i]) > 0) {
                continue;
            }
            boolean firstIn = Long.compareUnsigned(physical, start[i]) >= 0 && Long.compareUnsigned(physical, end[i]) <= 0;
            boolean lastIn = Long.compareUnsigned(last, start[i]) >= 0 && Long.compareUnsigned(last, end[i]) <= 0;
            if (firstIn != lastIn) {
                return false;
            }
            if (firstIn) {
                boolean locked = (config[i] & LOCK) != 0;
                int allowed = privilege == 3 && !locked ? READ | WRITE | EXECUTE : config[i] & 7;
                return (allowed & access) == access;
            }
        }
        return privilege == 3;
    }
}
