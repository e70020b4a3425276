/** The {@code clint} device: QEMU virt's CLINT, machine software interrupts (MSWI) and the machine timer (MTIMER). */
package org.osmium.device.clint;
