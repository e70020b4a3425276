package org.osmium.block;

/** An internal snapshot as qemu-img lists it: id, name, VM state size, date, guest clock and instruction count. */
public record SnapshotInfo(String id, String name, long vmStateSize, long dateSec, long dateNsec, long vmClockNsec,
                           long icount) {
}
