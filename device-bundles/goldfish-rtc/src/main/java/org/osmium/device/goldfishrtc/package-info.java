/** The {@code goldfish-rtc} device: the Goldfish real-time clock with its alarm interrupt, as on QEMU's virt board. */
package org.osmium.device.goldfishrtc;
