package org.osmium.virtio;

import org.osmium.api.device.AccessFault;

/** Receives the guest memory spans of a descriptor chain part, in order (see {@link DescriptorChain#spans}). */
@FunctionalInterface
public interface SpanConsumer<E extends Exception> {
    void span(long address, int length) throws E, AccessFault;
}
