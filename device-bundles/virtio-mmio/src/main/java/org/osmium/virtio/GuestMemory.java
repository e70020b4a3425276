package org.osmium.virtio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/**
 * Guest physical memory as a DMA-capable device reaches it: RAM directly through its host array, anything else
 * through the bus. Every write tells the CPUs that code there may have changed. Allocates nothing.
 */
public final class GuestMemory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final AddressSpace space;

    public GuestMemory(AddressSpace space) {
        this.space = space;
    }

    /** The RAM block holding all of {@code [address, address + length)}, or null (MMIO, unmapped, or across blocks). */
    public RamRegion ram(long address, long length) {
        RamRegion region = space.ram(address);
        if (region == null || address + length - region.base() > region.size() || address + length < address) {
            return null;
        }
        return region;
    }

    public int read16(long address) throws AccessFault {
        RamRegion region = ram(address, 2);
        if (region == null) {
            return (int) space.read(address, 2);
        }
        return (short) SHORT.get(region.bytes(), (int) (address - region.base())) & 0xffff;
    }

    public long read32(long address) throws AccessFault {
        RamRegion region = ram(address, 4);
        if (region == null) {
            return space.read(address, 4);
        }
        return (int) INT.get(region.bytes(), (int) (address - region.base())) & 0xffff_ffffL;
    }

    public long read64(long address) throws AccessFault {
        RamRegion region = ram(address, 8);
        if (region == null) {
            return space.read(address, 8);
        }
        return (long) LONG.get(region.bytes(), (int) (address - region.base()));
    }

    public void write8(long address, int value) throws AccessFault {
        RamRegion region = ram(address, 1);
        if (region == null) {
            space.write(address, 1, value & 0xff);
        } else {
            region.bytes()[(int) (address - region.base())] = (byte) value;
        }
        written(address, 1);
    }

    public void write16(long address, int value) throws AccessFault {
        RamRegion region = ram(address, 2);
        if (region == null) {
            space.write(address, 2, value & 0xffff);
        } else {
            SHORT.set(region.bytes(), (int) (address - region.base()), (short) value);
        }
        written(address, 2);
    }

    public void write32(long address, long value) throws AccessFault {
        RamRegion region = ram(address, 4);
        if (region == null) {
            space.write(address, 4, value & 0xffff_ffffL);
        } else {
            INT.set(region.bytes(), (int) (address - region.base()), (int) value);
        }
        written(address, 4);
    }

    /** Copies guest bytes at {@code address} into {@code target}, a RAM block (or an MMIO byte) at a time. */
    public void copyFrom(long address, byte[] target, int offset, int length) throws AccessFault {
        int done = 0;
        while (done < length) {
            long at = address + done;
            RamRegion region = space.ram(at);
            if (region == null) {
                target[offset + done] = (byte) space.read(at, 1);
                done++;
            } else {
                int chunk = (int) Math.min(length - done, region.base() + region.size() - at);
                System.arraycopy(region.bytes(), (int) (at - region.base()), target, offset + done, chunk);
                done += chunk;
            }
        }
    }

    /** Copies {@code source} bytes into guest memory at {@code address}, a RAM block (or an MMIO byte) at a time. */
    public void copyTo(byte[] source, int offset, int length, long address) throws AccessFault {
        int done = 0;
        while (done < length) {
            long at = address + done;
            RamRegion region = space.ram(at);
            if (region == null) {
                space.write(at, 1, source[offset + done] & 0xff);
                done++;
            } else {
                int chunk = (int) Math.min(length - done, region.base() + region.size() - at);
                System.arraycopy(source, offset + done, region.bytes(), (int) (at - region.base()), chunk);
                done += chunk;
            }
        }
        written(address, length);
    }

    /** Tells the CPUs that a device wrote {@code [address, address + length)} directly into a RAM array. */
    public void written(long address, long length) {
        space.codeModified(address, length);
    }
}
