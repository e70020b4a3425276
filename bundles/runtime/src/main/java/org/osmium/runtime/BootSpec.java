package org.osmium.runtime;

import java.nio.file.Path;

/**
 * What to boot, as QEMU's {@code -bios}, {@code -kernel}, {@code -initrd}, {@code -append} and {@code -dtb} say it;
 * null fields are absent. Firmware goes to the RAM base, the kernel where QEMU puts it for {@code fw_jump}, the device
 * tree (generated from the machine, or {@code dtb}) near the top of RAM, and the reset ROM jumps to the first stage.
 */
public record BootSpec(Path firmware, Path kernel, Path initrd, String bootArgs, Path dtb) {
}
