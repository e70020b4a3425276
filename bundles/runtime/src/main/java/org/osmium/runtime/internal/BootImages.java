package org.osmium.runtime.internal;

import java.util.List;
import org.osmium.api.cpu.Hart;
import org.osmium.loader.LoadedImage;
import org.osmium.loader.Segment;
import org.osmium.runtime.MachineException;

/** What a machine loads into memory at boot and again at every reset, and where its harts start. */
record BootImages(List<LoadedImage> images, long startPc, long deviceTreeAddress) {

    /** Copies every segment into RAM, zero-filling the tail past its file bytes. */
    void placeInto(Bus bus, String source) throws MachineException {
        for (LoadedImage image : images) {
            for (int i = 0; i < image.segments().size(); i++) {
                Segment segment = image.segments().get(i);
                try {
                    bus.writeRam(segment.address(), segment.bytes(), 0, segment.bytes().length);
                    long zeros = segment.memorySize() - segment.bytes().length;
                    if (zeros > 0) {
                        bus.writeRam(segment.address() + segment.bytes().length, new byte[(int) zeros], 0, (int) zeros);
                    }
                } catch (MachineException e) {
                    throw new MachineException(source + ": segment " + i + " at 0x" + Long.toHexString(segment.address())
                            + " does not fit: " + e.getMessage());
                }
            }
        }
    }

    /** Points every hart at the start, with a0 = hart id and a1 = device tree, as QEMU's reset ROM leaves them. */
    void startHarts(Hart[] harts) {
        for (Hart hart : harts) {
            hart.setRegister("pc", startPc);
            hart.setRegister("a0", hart.hartId());
            hart.setRegister("a1", deviceTreeAddress);
        }
    }
}
