/** The qcow2 format (versions 2 and 3) as QEMU's docs/interop/qcow2.txt describes it. */
package org.osmium.block.qcow2;
