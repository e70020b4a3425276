package org.osmium.cpu.riscv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Register names for display and for setting: x0..x31 with ABI aliases, f0..f31 with ABI aliases, CSR names. */
final class RegisterNames {
    static final String[] INTEGER_ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
        "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    static final String[] FLOAT_ABI = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1",
        "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11",
        "ft8", "ft9", "ft10", "ft11"};
    /** The CSRs that registers() shows, in display order, with their numbers. */
    static final List<Map.Entry<String, Integer>> MAIN_CSRS = List.of(
            Map.entry("mstatus", ControlRegisters.MSTATUS), Map.entry("misa", ControlRegisters.MISA),
            Map.entry("mie", ControlRegisters.MIE), Map.entry("mip", ControlRegisters.MIP),
            Map.entry("mtvec", ControlRegisters.MTVEC), Map.entry("mscratch", ControlRegisters.MSCRATCH),
            Map.entry("mepc", ControlRegisters.MEPC), Map.entry("mcause", ControlRegisters.MCAUSE),
            Map.entry("mtval", ControlRegisters.MTVAL), Map.entry("mhartid", ControlRegisters.MHARTID),
            Map.entry("mcounteren", ControlRegisters.MCOUNTEREN), Map.entry("fcsr", ControlRegisters.FCSR),
            Map.entry("mcycle", ControlRegisters.MCYCLE), Map.entry("minstret", ControlRegisters.MINSTRET),
            Map.entry("medeleg", ControlRegisters.MEDELEG), Map.entry("mideleg", ControlRegisters.MIDELEG),
            Map.entry("sstatus", ControlRegisters.SSTATUS), Map.entry("sie", ControlRegisters.SIE),
            Map.entry("sip", ControlRegisters.SIP), Map.entry("stvec", ControlRegisters.STVEC),
            Map.entry("sscratch", ControlRegisters.SSCRATCH), Map.entry("sepc", ControlRegisters.SEPC),
            Map.entry("scause", ControlRegisters.SCAUSE), Map.entry("stval", ControlRegisters.STVAL),
            Map.entry("satp", ControlRegisters.SATP), Map.entry("scounteren", ControlRegisters.SCOUNTEREN),
            Map.entry("menvcfg", ControlRegisters.MENVCFG), Map.entry("senvcfg", ControlRegisters.SENVCFG));
    private static final Map<String, Integer> INTEGER = new HashMap<>(), FLOAT = new HashMap<>(), CSR = new HashMap<>();

    static {
        for (int i = 0; i < 32; i++) {
            INTEGER.put("x" + i, i);
            INTEGER.put(INTEGER_ABI[i], i);
            FLOAT.put("f" + i, i);
            FLOAT.put(FLOAT_ABI[i], i);
        }
        INTEGER.put("fp", 8);
        for (Map.Entry<String, Integer> csr : MAIN_CSRS) {
            CSR.put(csr.getKey(), csr.getValue());
        }
    }

    private RegisterNames() {
    }

    /** The integer register number of a name, or -1. */
    static int integer(String name) {
        return INTEGER.getOrDefault(name, -1);
    }

    /** The floating-point register number of a name, or -1. */
    static int floating(String name) {
        return FLOAT.getOrDefault(name, -1);
    }

    /** The CSR number of a main CSR's name, or -1. */
    static int csr(String name) {
        return CSR.getOrDefault(name, -1);
    }
}
