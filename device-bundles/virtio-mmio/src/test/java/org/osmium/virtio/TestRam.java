package org.osmium.virtio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.osmium.api.device.AccessFault;
import org.osmium.api.device.AddressSpace;
import org.osmium.api.device.RamRegion;

/** An address space of one RAM region at {@link #BASE}; it records what devices report as modified. */
public final class TestRam implements AddressSpace {
    public static final long BASE = 0x8000_0000L;
    public static final int SIZE = 1 << 20;

    public final RamRegion region = new RamRegion(BASE, new byte[SIZE]);
    public final ByteBuffer view = ByteBuffer.wrap(region.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    public final List<String> modified = new ArrayList<>();

    @Override
    public RamRegion ram(long address) {
        return region.contains(address) ? region : null;
    }

    @Override
    public long read(long address, int size) throws AccessFault {
        throw new AccessFault(address, "nothing but RAM here");
    }

    @Override
    public void write(long address, int size, long value) throws AccessFault {
        throw new AccessFault(address, "nothing but RAM here");
    }

    @Override
    public void codeModified(long address, long length) {
        modified.add(Long.toHexString(address) + "+" + length);
    }

    public int index(long address) {
        return (int) (address - BASE);
    }
}
