package org.osmium.cpu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.model.ModelException;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/** The hart on small programs: atomics, LR/SC, traps, wfi and interrupts, counters, code invalidation, state. */
class HartTest {
    private static final long CODE = TestMachine.RAM_BASE, DATA = TestMachine.RAM_BASE + 0x1000;
    private static final int A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14;
    private final TestMachine machine = newMachine();
    private final RiscvHart hart = machine.hart;

    private static TestMachine newMachine() {
        try {
            return new TestMachine(1 << 20);
        } catch (ModelException e) {
            throw new IllegalStateException(e);
        }
    }

    private void program(int... words) {
        ByteBuffer ram = ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < words.length; i++) {
            ram.putInt(i * 4, words[i]);
        }
        hart.invalidateCode(CODE, words.length * 4L);
        hart.setRegister("pc", CODE);
    }

    private long data(int offset) {
        return ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN).getLong(0x1000 + offset);
    }

    private void setData(int offset, long value) {
        ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1000 + offset, value);
    }

    private long reg(String name) {
        return hart.registers().get(name);
    }

    @Test
    void everyAmoOnWordsAndDoubles() {
        // memory 5 (high word 0x77777777), operand -3: {old, new memory} for each AMO
        Map<String, long[]> expected = Map.ofEntries(
                Map.entry("amoswap.w", new long[] {5, 0x77777777_fffffffdL}), Map.entry("amoadd.w", new long[] {5, 0x77777777_00000002L}),
                Map.entry("amoxor.w", new long[] {5, 0x77777777_fffffff8L}), Map.entry("amoand.w", new long[] {5, 0x77777777_00000005L}),
                Map.entry("amoor.w", new long[] {5, 0x77777777_fffffffdL}), Map.entry("amomin.w", new long[] {5, 0x77777777_fffffffdL}),
                Map.entry("amomax.w", new long[] {5, 0x77777777_00000005L}), Map.entry("amominu.w", new long[] {5, 0x77777777_00000005L}),
                Map.entry("amomaxu.w", new long[] {5, 0x77777777_fffffffdL}));
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            setData(0, 0x77777777_00000005L);
            program(Asm.assembled(entry.getKey()));
            hart.setRegister("a1", DATA);
            hart.setRegister("a2", -3);
            assertEquals(1, hart.run(1), entry.getKey());
            assertEquals(entry.getValue()[0], reg("x10"), entry.getKey() + " old value");
            assertEquals(Long.toHexString(entry.getValue()[1]), Long.toHexString(data(0)), entry.getKey() + " memory");
        }
        Map<String, Long> doubles = Map.of("amoswap.d", -3L, "amoadd.d", 2L, "amoxor.d", -8L, "amoand.d", 5L, "amoor.d", -3L,
                "amomin.d", -3L, "amomax.d", 5L, "amominu.d", 5L, "amomaxu.d", -3L);
        for (Map.Entry<String, Long> entry : doubles.entrySet()) {
            setData(0, 5);
            program(Asm.assembled(entry.getKey()));
            hart.setRegister("a1", DATA);
            hart.setRegister("a2", -3);
            hart.run(1);
            assertEquals(5, reg("x10"), entry.getKey() + " old value");
            assertEquals(entry.getValue(), data(0), entry.getKey() + " memory");
        }
        setData(0, 0x80000000L);
        program(Asm.assembled("amoadd.w"));
        hart.setRegister("a1", DATA);
        hart.run(1);
        assertEquals(0xffffffff80000000L, reg("x10"), "word AMOs sign-extend the old value");
    }

    @Test
    void loadReservedStoreConditional() {
        int lr = Asm.assembled("lr.d"), sc = Asm.assembled("sc.d");
        setData(0, 41);
        program(lr, sc, sc);
        hart.setRegister("a1", DATA);
        hart.setRegister("a2", 42);
        hart.run(1);
        assertEquals(41, reg("x10"));
        hart.run(1);
        assertEquals(0, reg("x10"), "sc.d after lr.d succeeds");
        assertEquals(42, data(0));
        hart.setRegister("a2", 43);
        hart.run(1);
        assertEquals(1, reg("x10"), "a second sc.d fails: the reservation is gone");
        assertEquals(42, data(0));

        program(lr, Asm.sd(0, A1, 0), sc);
        hart.setRegister("a1", DATA);
        hart.run(3);
        assertEquals(1, reg("x10"), "sc.d fails when the reserved value changed");
        assertEquals(0, data(0));
    }

    @Test
    void misalignedAmoTrapsWithQemusCause() {
        program(Asm.assembled("amoadd.d"));
        hart.setRegister("mtvec", DATA);
        hart.setRegister("a1", DATA + 4);
        hart.run(1);
        assertEquals(4, reg("mcause"), "QEMU 7.2 reports a load-address-misaligned cause for AMOs");
        assertEquals(DATA + 4, reg("mtval"));
        assertEquals(CODE, reg("mepc"));
        assertEquals(DATA, reg("pc"));
    }

    @Test
    void illegalInstructionAndFetchFaults() {
        program(0xffffffff);
        hart.setRegister("mtvec", DATA);
        hart.run(1);
        assertEquals(List.of(2L, 0xffffffffL, CODE), List.of(reg("mcause"), reg("mtval"), reg("mepc")));
        hart.setRegister("pc", 0x40000000L);
        hart.run(1);
        assertEquals(List.of(1L, 0x40000000L, 0x40000000L), List.of(reg("mcause"), reg("mtval"), reg("mepc")));
    }

    @Test
    void wfiWaitsUntilAnInterruptIsPendingAndEnabled() {
        // mie = MSIE only: the test machine's CLINT holds mtip high (mtimecmp = 0 after reset, as on QEMU)
        program(Asm.addi(A0, 0, 0x8), Asm.csrrw(0, ControlRegisters.MIE, A0), Asm.wfi(), Asm.addi(A1, 0, 7));
        assertEquals(3, hart.run(100), "run returns early at wfi");
        assertTrue(hart.isWaiting());
        assertEquals(0, hart.run(100), "still waiting: nothing enabled is pending");
        hart.inputs().get("msip").set(true);
        assertFalse(hart.isWaiting(), "a pending, enabled interrupt ends the wait (the machine runs the hart again)");
        assertEquals(1, hart.run(1));
        assertEquals(7, reg("x11"), "mstatus.MIE is off: execution resumes after wfi without a trap");
    }

    @Test
    void enabledInterruptIsTakenToTheVectoredHandler() {
        program(Asm.addi(A0, 0, 8), Asm.csrrs(0, ControlRegisters.MSTATUS, A0), Asm.addi(A1, 0, 1));
        ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1000 + 4 * 11, Asm.addi(A2, 0, 9));
        hart.setRegister("mtvec", DATA | 1);
        hart.setRegister("mie", 1L << 11);
        hart.run(1);
        hart.inputs().get("meip").set(true);
        hart.run(2);
        assertEquals(0x800000000000000bL, reg("mcause"));
        assertEquals(CODE + 8, reg("mepc"), "the interrupt is taken after the csrs that enabled it");
        assertEquals(9, reg("x12"), "the handler at mtvec base + 4 * 11 ran");
        assertEquals(DATA + 4 * 12, reg("pc"));
        assertEquals(0, reg("mstatus") & ControlRegisters.MSTATUS_MIE, "handler runs with interrupts off");
        assertEquals(ControlRegisters.MSTATUS_MPIE, reg("mstatus") & ControlRegisters.MSTATUS_MPIE);
    }

    @Test
    void storesOverDecodedCodeAndInvalidateCodeTakeEffect() {
        // sw a2, 8(a1) overwrites the third instruction (addi a0, x0, 1) with addi a0, x0, 2 before it runs
        program(Asm.addi(A0, 0, 0), Asm.sw(A2, A1, 8), Asm.addi(A0, 0, 1));
        hart.run(1); // decode the page first
        hart.setRegister("a1", CODE);
        hart.setRegister("a2", Asm.addi(A0, 0, 2));
        hart.run(2);
        assertEquals(2, reg("x10"), "the store replaced a decoded instruction");

        program(Asm.addi(A0, 0, 3));
        hart.run(1);
        ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Asm.addi(A0, 0, 4));
        hart.invalidateCode(CODE, 4);
        hart.setRegister("pc", CODE);
        hart.run(1);
        assertEquals(4, reg("x10"), "invalidateCode drops the old decoding");
    }

    @Test
    void userModeEcallAndPrivilegedAccess() {
        int mret = Asm.assembled("mret"), ecall = Asm.assembled("ecall");
        // M-mode: PMP entry 0 = all memory RWX (NAPOT), so that U-mode may run; mepc = CODE + 16, MPP = U; mret;
        // then in U-mode: ecall, and (after the handler is skipped) csrr mscratch
        program(Asm.csrrw(0, Pmp.PMPADDR0, A3), Asm.csrrw(0, Pmp.PMPCFG0, A4), Asm.csrrw(0, ControlRegisters.MEPC, A0),
                mret, ecall, Asm.csrrs(A1, ControlRegisters.MSCRATCH, 0));
        hart.setRegister("a0", CODE + 16);
        hart.setRegister("a3", -1L);
        hart.setRegister("a4", 0x1f);
        hart.setRegister("mtvec", DATA);
        ByteBuffer.wrap(machine.ram()).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1000, Asm.addi(A2, 0, 1));
        hart.run(5);
        assertEquals(List.of(8L, CODE + 16, 3L), List.of(reg("mcause"), reg("mepc"), reg("privilege")), "ecall from U");
        assertEquals(0, reg("mstatus") & ControlRegisters.MSTATUS_MPP, "MPP records U");
        hart.setRegister("privilege", 0);
        hart.setRegister("pc", CODE + 20);
        hart.run(1);
        assertEquals(List.of(2L, 0x340025f3L), List.of(reg("mcause"), reg("mtval")), "U-mode may not read mscratch");
    }

    @Test
    void countersAndTime() {
        program(Asm.addi(A0, 0, 1), Asm.addi(A0, 0, 1), Asm.csrrs(A1, ControlRegisters.MINSTRET, 0),
                Asm.csrrs(A2, ControlRegisters.TIME, 0));
        long before = machine.nanos() / 100;
        hart.run(4);
        assertEquals(2, reg("x11"), "minstret counts the instructions retired before it");
        assertTrue(reg("x12") >= before && reg("x12") <= machine.nanos() / 100, "time is clock nanos / 100");
    }

    @Test
    void stateSaveRestoreCompare() throws Exception {
        program(Asm.assembled("lr.d"), Asm.addi(A0, 0, 5), Asm.csrrw(0, ControlRegisters.MSCRATCH, A0));
        hart.setRegister("a1", DATA);
        hart.setRegister("fa0", 0x4000000000000000L);
        hart.setRegister("fcsr", 0x65);
        hart.run(3);
        StateRecord saved = hart.saveState();
        assertEquals(Map.of("pc", CODE + 12, "x10", 5L, "mscratch", 5L), Map.of("pc", reg("pc"), "x10", reg("x10"),
                "mscratch", reg("mscratch")));

        TestMachine other = newMachine();
        other.hart.restoreState(saved);
        assertEquals(saved, other.hart.saveState(), "restore then save gives the same record");
        assertEquals(hart.registers(), other.hart.registers());
        assertTrue(saved.getBoolean("reserved"));
        assertEquals(DATA, saved.getLong("reservation-address"));

        StateRecord foreign = StateRecord.builder("ns16550a", 1).build();
        assertEquals("state of type 'ns16550a' given where 'rv64gc' is expected",
                assertThrows(StateException.class, () -> other.hart.restoreState(foreign)).getMessage());
        StateRecord incomplete = StateRecord.builder("rv64gc", 1).put("pc", 4L).put("x", new long[32]).put("f", new long[32])
                .put("privilege", 3L).build();
        assertThrows(StateException.class, () -> other.hart.restoreState(incomplete));
        assertEquals(saved, other.hart.saveState(), "a refused state leaves the hart unchanged");
    }

    @Test
    void supervisorStateSurvivesSaveRestoreAndVersionOneRecordsStillRestore() throws Exception {
        for (String name : List.of("satp", "stvec", "sepc", "medeleg", "mideleg", "scounteren")) {
            hart.setRegister(name, 0x8000000000001000L);
        }
        hart.setRegister("privilege", 1);
        StateRecord saved = hart.saveState();
        assertEquals(2, saved.version());
        TestMachine other = newMachine();
        other.hart.restoreState(saved);
        assertEquals(hart.registers(), other.hart.registers(), "S-mode registers and privilege move with the state");
        assertEquals(saved, other.hart.saveState());

        StateRecord.Builder version1 = StateRecord.builder("rv64gc", 1).put("pc", CODE).put("x", new long[32])
                .put("f", new long[32]).put("privilege", 0L);
        for (String name : List.of("mstatus", "mie", "mip", "mtvec", "mscratch", "mepc", "mcause", "mtval", "mcounteren",
                "mcountinhibit", "menvcfg", "mcycle", "minstret", "reservation-address", "reservation-value")) {
            version1.put(name, 0L);
        }
        version1.put("frm", 0L).put("fflags", 0L).put("reserved", false).put("waiting", false);
        other.hart.restoreState(version1.build());
        Map<String, Long> restored = other.hart.registers();
        assertEquals(List.of(0L, 0L, 0L), List.of(restored.get("privilege"), restored.get("satp"), restored.get("medeleg")),
                "a version-1 record (M and U modes only) restores with the S-mode registers at their reset values");
    }

    @Test
    void registersInDisplayOrderAndAbiNames() {
        List<String> names = List.copyOf(hart.registers().keySet());
        assertEquals("pc", names.get(0));
        assertEquals("x0", names.get(1));
        assertEquals("x31", names.get(32));
        assertEquals("f0", names.get(33));
        assertEquals("mstatus", names.get(65));
        hart.setRegister("a0", 11);
        hart.setRegister("fp", 12);
        hart.setRegister("fa0", 13);
        hart.setRegister("zero", 99);
        assertEquals(List.of(11L, 12L, 13L, 0L), List.of(reg("x10"), reg("x8"), reg("f10"), reg("x0")));
        assertEquals("hart 0: no writable register 'q7' (pc, x0..x31 or ABI names, f0..f31, privilege, or a main CSR)",
                assertThrows(IllegalArgumentException.class, () -> hart.setRegister("q7", 1)).getMessage());
    }

    @Test
    void modelChecksItsProperties() throws Exception {
        Rv64gcModel model = new Rv64gcModel();
        assertEquals("rv64gc", model.type());
        assertEquals("0x1000", model.schema().validate("cpu0", Map.of()).asText().get("reset-pc"));
        ModelException odd = assertThrows(ModelException.class,
                () -> model.create(machine, model.schema().validate("cpu0", Map.of("reset-pc", "0x1001"))));
        assertEquals("cpu0 (rv64gc): property 'reset-pc' = 0x1001 must be 2-byte aligned", odd.getMessage());
        assertThrows(ModelException.class, () -> model.create(machine, model.schema().validate("cpu0", Map.of("hartid", "-1"))));
        assertEquals(0x1000, model.create(machine, model.schema().validate("cpu0", Map.of())).registers().get("pc"));
        assertNotEquals(0, ControlRegisters.MISA_VALUE & 1L << 20, "misa claims U");
        assertNotEquals(0, ControlRegisters.MISA_VALUE & 1L << 18, "misa claims S");
    }
}
