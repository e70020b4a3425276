/** The {@code plic} device: the SiFive platform-level interrupt controller of QEMU's virt board. */
package org.osmium.device.plic;
