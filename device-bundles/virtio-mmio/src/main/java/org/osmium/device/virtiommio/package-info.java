/** The {@code virtio-mmio} device: an empty virtio-mmio slot that drivers probe and leave alone, as on QEMU's virt board. */
package org.osmium.device.virtiommio;
