package org.osmium.block.qcow2;

import org.osmium.block.BlockException;
import org.osmium.block.file.ImageFile;

/**
 * qemu-img's preallocation of a qcow2 image: every guest cluster mapped to a host cluster, the host clusters of
 * each L2 table contiguous; "metadata" leaves them as a hole, "falloc" reserves them, "full" writes zeros.
 */
final class Preallocation {
    private final Qcow2Image image;
    private final ImageFile file;
    private final Qcow2Header header;
    private final int clusterBits;
    private final int l2Bits;

    Preallocation(Qcow2Image image) {
        this.image = image;
        this.file = image.file();
        this.header = image.header();
        this.clusterBits = header.clusterBits;
        this.l2Bits = clusterBits - 3;
    }

    void run(String mode) throws BlockException {
        if (!mode.equals("metadata") && !mode.equals("falloc") && !mode.equals("full")) {
            throw new BlockException(file.path() + ": invalid preallocation mode '" + mode + "'");
        }
        int l2Entries = 1 << l2Bits;
        long clusters = (header.size + (1L << clusterBits) - 1) >>> clusterBits;
        for (long c = 0; c < clusters; ) {
            int l1Index = (int) (c >>> l2Bits);
            int index = (int) (c & (l2Entries - 1));
            long l2Offset = image.clusterMap().writableL2(l1Index);
            long[] table = image.clusterMap().tables().get(l2Offset);
            int count = (int) Math.min(l2Entries - index, clusters - c);
            long host = image.refcounts().allocate(count);
            for (int i = 0; i < count; i++) {
                image.refcounts().adjustEntry(table[index + i], -1);
                table[index + i] = (host + ((long) i << clusterBits)) | L2Entry.COPIED;
            }
            long bytes = (long) count << clusterBits;
            switch (mode) {
                case "full" -> {
                    byte[] zeros = new byte[(int) Math.min(bytes, 1 << 20)];
                    for (long done = 0; done < bytes; done += zeros.length) {
                        file.write(host + done, zeros, 0, (int) Math.min(zeros.length, bytes - done));
                    }
                }
                case "falloc" -> file.reserve(host, bytes);
                default -> {
                    if (host + bytes > file.length()) {
                        file.setLength(host + bytes);
                    }
                }
            }
            image.clusterMap().tables().writeThrough(l2Offset, table, index, index + count);
            c += count;
        }
        file.sync();
    }
}
