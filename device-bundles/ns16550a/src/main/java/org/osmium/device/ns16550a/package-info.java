/** The {@code ns16550a} device: the 16550A UART of QEMU's virt board, with its receive FIFO and interrupt. */
package org.osmium.device.ns16550a;
