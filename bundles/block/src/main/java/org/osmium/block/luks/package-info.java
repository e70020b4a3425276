/** LUKS1 encryption as QEMU uses it inside qcow2: aes-xts-plain64 data, PBKDF2-SHA256 key slots. */
package org.osmium.block.luks;
