/** Integration tests: the built distribution in a real Felix, guest programs compared with qemu-system-riscv64. */
package org.osmium.itests;
