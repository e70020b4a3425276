/** The {@code virtio-blk} device: a virtio 1.x block device on a virtio-mmio slot, backed by a raw or qcow2 image. */
package org.osmium.device.virtioblk;
