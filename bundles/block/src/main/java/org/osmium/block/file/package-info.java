/** Image files on the host: positional I/O and QEMU-compatible OFD locks. */
package org.osmium.block.file;
