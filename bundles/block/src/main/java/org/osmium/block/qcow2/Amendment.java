package org.osmium.block.qcow2;

import java.util.Map;
import org.osmium.block.BlockException;

/** qemu-img amend for qcow2: compat upgrade (0.10 to 1.1) and downgrade, lazy_refcounts on and off. */
final class Amendment {
    private final Qcow2Image image;
    private final Qcow2Header header;
    private final String name;

    Amendment(Qcow2Image image) {
        this.image = image;
        this.header = image.header();
        this.name = image.file().path().toString();
    }

    void apply(Map<String, String> options) throws BlockException {
        for (Map.Entry<String, String> option : options.entrySet()) {
            switch (option.getKey()) {
                case "compat" -> setCompat(option.getValue());
                case "lazy_refcounts" -> setLazyRefcounts(option.getValue());
                default -> throw new BlockException(name + ": changing option '" + option.getKey()
                        + "' is not supported");
            }
        }
        byte[] encoded = header.encode(name);
        image.file().write(0, encoded, 0, encoded.length);
        image.file().sync();
    }

    private void setLazyRefcounts(String value) throws BlockException {
        boolean on = switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new BlockException(name + ": lazy_refcounts must be on or off");
        };
        if (on && header.version < 3) {
            throw new BlockException(name + ": lazy refcounts require compat=1.1 or above");
        }
        header.compatible = on ? header.compatible | Qcow2Header.COMPAT_LAZY_REFCOUNTS
                : header.compatible & ~Qcow2Header.COMPAT_LAZY_REFCOUNTS;
    }

    /** Upgrades to version 3, or downgrades to 2 after turning zero clusters into unallocated ones. */
    private void setCompat(String compat) throws BlockException {
        switch (compat) {
            case "1.1", "v3" -> {
                if (header.version == 2) {
                    header.version = 3;
                    header.headerLength = Qcow2Header.V3_LENGTH;
                    header.refcountOrder = 4;
                }
            }
            case "0.10", "v2" -> {
                if (header.version == 2) {
                    return;
                }
                if (header.refcountOrder != 4 || header.incompatible != 0 || header.nbSnapshots != 0
                        || header.compressionType != 0) {
                    throw new BlockException(name + ": cannot downgrade to compat=0.10: the image uses version 3 "
                            + "features (refcount width, snapshots, zstd or extended L2)");
                }
                dropZeroClusters();
                header.version = 2;
                header.compatible = 0;
                header.autoclear = 0;
                header.headerLength = Qcow2Header.V2_LENGTH;
            }
            default -> throw new BlockException(name + ": invalid compat value '" + compat + "' (0.10 or 1.1)");
        }
    }

    private void dropZeroClusters() throws BlockException {
        long[] l1 = image.clusterMap().l1();
        for (long entry : l1) {
            long l2Offset = entry & L2Entry.OFFSET_MASK;
            if (l2Offset == 0) {
                continue;
            }
            long[] table = image.clusterMap().tables().get(l2Offset);
            for (int j = 0; j < table.length; j++) {
                if ((table[j] & L2Entry.ZERO_FLAG) == 0 || (table[j] & L2Entry.COMPRESSED) != 0) {
                    continue;
                }
                if (image.backing() != null) {
                    throw new BlockException(name + ": cannot downgrade to compat=0.10: zero clusters over a "
                            + "backing file");
                }
                long old = table[j];
                table[j] = 0;
                image.clusterMap().tables().writeThrough(l2Offset, table, j, j + 1);
                image.refcounts().adjustEntry(old & ~L2Entry.ZERO_FLAG, -1);
            }
        }
    }
}
