/** virtio 1.x over virtio-mmio: the modern register interface, split virtqueues in guest RAM, for virtio device bundles. */
@Export
@Version("1.0.0")
package org.osmium.virtio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
