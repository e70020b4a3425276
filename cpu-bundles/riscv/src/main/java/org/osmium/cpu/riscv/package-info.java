/** The rv64gc CPU model: an interpreter for RV64IMAFDC with Zicsr and Zifencei in machine mode. */
package org.osmium.cpu.riscv;
