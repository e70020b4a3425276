/** The rv64gc CPU model: an interpreter for RV64IMAFDC with Zicsr and Zifencei with M, S and U modes, paging and PMP. */
package org.osmium.cpu.riscv;
