package org.osmium.cpu.riscv;

import static org.osmium.cpu.riscv.InstructionTable.*;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.api.cpu.Hart;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.device.IrqLine;
import org.osmium.api.device.VirtualClock;
import org.osmium.api.devicetree.DeviceTreeContributor;
import org.osmium.api.devicetree.DtNode;
import org.osmium.api.devicetree.InterruptController;
import org.osmium.api.state.StateException;
import org.osmium.api.state.StateRecord;

/**
 * One rv64gc hart with M, S and U modes: the architectural state and the interpreter loop over pre-decoded pages.
 * The loop handles the integer instructions that every guest runs from its first steps inline; the seldom-used ones
 * and system instructions go out of line, atomic and floating-point instructions to their units. Traps and
 * interrupts go to M-mode or, when delegated, to S-mode.
 */
public final class RiscvHart implements Hart, DeviceTreeContributor, InterruptController {
    static final String STATE_TYPE = "rv64gc";
    static final int STATE_VERSION = 2;
    private static final int MACHINE = 3, SUPERVISOR = 1, USER = 0;
    /** Interrupt causes in the order they are taken when several are pending: MEI, MSI, MTI, SEI, SSI, STI. */
    private static final int[] INTERRUPT_PRIORITY = {11, 3, 7, 9, 1, 5};
    /** The interrupt inputs by name, with their cause numbers (mip bits). */
    private static final Map<String, Integer> INPUT_CAUSES = inputCauses();
    /** The ISA string the device tree advertises: what this hart implements. */
    static final String ISA = "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc";
    /** The virtual-memory scheme the device tree advertises: Sv48, as QEMU 7.2's virt tree does, though Sv57 works too. */
    static final String MMU_TYPE = "riscv,sv48";

    /** x0..x31 and the sink that writes to x0 go to ({@link Decoder#ZERO_SINK}). */
    final long[] x = new long[33];
    final long[] f = new long[32];
    long pc;
    int privilege = MACHINE;
    private final long resetPc;
    private final Trap trap = new Trap();
    private final SoftFloat soft = new SoftFloat();
    final ControlRegisters csr;
    private final Memory memory;
    private final CodeCache code;
    private final FloatUnit floats;
    private final AtomicUnit atomics;
    private final Map<String, IrqLine> inputs;
    /** Sstc: fires when time reaches stimecmp, to raise mip.STIP. */
    private final VirtualClock.Timer supervisorTimer;
    /** Instructions retired before the current slice. */
    private long retired;
    private boolean waiting;
    /** Set when the interpreter must leave its loop after the current instruction (interrupts may have changed). */
    private boolean exitRequested;
    /** Set by {@link #stopRun()}: the current {@link #run} returns after this instruction. */
    private boolean stopRequested;

    RiscvHart(DeviceContext context, int hartId, long resetPc) {
        this.resetPc = resetPc;
        this.csr = new ControlRegisters(hartId, context.timebase(), soft);
        this.memory = new Memory(context.addressSpace(), csr.pmp, trap);
        this.code = new CodeCache(context.addressSpace(), memory, trap);
        memory.attach(code);
        this.floats = new FloatUnit(x, f, soft, csr, memory);
        this.atomics = new AtomicUnit(x, memory, trap);
        Map<String, IrqLine> lines = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> input : INPUT_CAUSES.entrySet()) {
            long mask = 1L << input.getValue();
            lines.put(input.getKey(), mask == ControlRegisters.SEIP ? this::setExternalSeip : level -> setInterrupt(mask, level));
        }
        this.inputs = Collections.unmodifiableMap(lines);
        this.supervisorTimer = context.clock().newTimer(this::supervisorTimerFired);
        reset();
    }

    private static Map<String, Integer> inputCauses() {
        Map<String, Integer> causes = new LinkedHashMap<>();
        causes.put("msip", 3);
        causes.put("mtip", 7);
        causes.put("meip", 11);
        causes.put("ssip", 1);
        causes.put("stip", 5);
        causes.put("seip", 9);
        return Collections.unmodifiableMap(causes);
    }

    @Override
    public String parentPath() {
        return "/cpus";
    }

    @Override
    public String nodeName(long base) {
        return "cpu@" + csr.hartId;
    }

    @Override
    public boolean regFromRegions() {
        return false;
    }

    @Override
    public void describe(DtNode node, DtNode root) {
        node.strings("device_type", "cpu").cells("reg", csr.hartId).strings("status", "okay")
                .strings("compatible", "riscv").strings("riscv,isa", ISA).strings("mmu-type", MMU_TYPE);
        node.child("interrupt-controller").cells("#address-cells", 0).cells("#interrupt-cells", 1).empty("interrupt-controller")
                .strings("compatible", "riscv,cpu-intc");
    }

    @Override
    public DtNode interruptNode(DtNode deviceNode) {
        return deviceNode.child("interrupt-controller");
    }

    @Override
    public long[] interruptSpecifier(String input) {
        Integer cause = INPUT_CAUSES.get(input);
        if (cause == null) {
            throw new IllegalArgumentException("hart " + csr.hartId + " has no interrupt input '" + input + "'; inputs: "
                    + String.join(", ", INPUT_CAUSES.keySet()));
        }
        return new long[] {cause};
    }

    private void setInterrupt(long mask, boolean level) {
        csr.mip = level ? csr.mip | mask : csr.mip & ~mask;
        exitRequested = true;
    }

    private void setExternalSeip(boolean level) {
        csr.setExternalSeip(level);
        exitRequested = true;
    }

    /** Sstc, as QEMU 7.2: writing stimecmp sets mip.STIP when time has reached it, else clears it and arms the timer. */
    private void stimecmpWritten() {
        if (Long.compareUnsigned(csr.stimecmp, csr.time()) <= 0) {
            csr.mip |= ControlRegisters.STIP;
            supervisorTimer.cancel();
        } else {
            csr.mip &= ~ControlRegisters.STIP;
            armSupervisorTimer();
        }
        exitRequested = true;
    }

    /** Arms the Sstc timer for stimecmp (never, for a stimecmp past the clock's range). */
    private void armSupervisorTimer() {
        long deadline = csr.stimecmpDeadline();
        if (deadline == Long.MAX_VALUE) {
            supervisorTimer.cancel();
        } else {
            supervisorTimer.fireAt(deadline);
        }
    }

    private void supervisorTimerFired() {
        if (Long.compareUnsigned(csr.stimecmp, csr.time()) <= 0) {
            csr.mip |= ControlRegisters.STIP;
            exitRequested = true;
        } else {
            armSupervisorTimer();
        }
    }

    /** Changes the privilege level; translations depend on it. */
    private void setPrivilege(int level) {
        if (level != privilege) {
            privilege = level;
            translationChanged();
        }
    }

    /** Tells the TLBs that privilege, satp or mstatus' MPRV/MPP/SUM/MXR may have changed (they switch, or start over). */
    private void translationChanged() {
        memory.configure(privilege, csr.satp, csr.mstatus);
    }

    /** Makes the TLBs forget every translation (sfence.vma, PMP, a state set from outside): they start over. */
    private void translationsInvalid() {
        memory.configureFlushed(privilege, csr.satp, csr.mstatus);
    }

    @Override
    public int hartId() {
        return csr.hartId;
    }

    @Override
    public Map<String, IrqLine> inputs() {
        return inputs;
    }

    @Override
    public void stopRun() {
        stopRequested = true;
        exitRequested = true;
    }

    /** True while the hart sits in wfi with no interrupt both pending and enabled in mie (one would wake it). */
    @Override
    public boolean isWaiting() {
        return waiting && (csr.mip & csr.mie) == 0;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(f, 0);
        pc = resetPc;
        privilege = MACHINE;
        csr.reset(retired);
        supervisorTimer.cancel();
        atomics.reserved = false;
        waiting = false;
        translationsInvalid();
        code.forgetAll();
    }

    @Override
    public long run(long budget) {
        if (waiting) {
            if ((csr.mip & csr.mie) == 0) {
                return 0;
            }
            waiting = false;
        }
        long retiredBefore = retired;
        long steps = 0;
        stopRequested = false;
        while (steps < budget && !waiting && !stopRequested) {
            exitRequested = false;
            takeInterrupt();
            steps += interpret(budget - steps);
        }
        return retired - retiredBefore;
    }

    /**
     * Takes the highest-priority interrupt that is pending, enabled in mie and enabled at the current privilege:
     * interrupts for M-mode (not delegated) before those delegated to S-mode.
     */
    private void takeInterrupt() {
        long pending = csr.mip & csr.mie;
        if (pending == 0) {
            return;
        }
        long status = csr.mstatus;
        boolean machineEnabled = privilege < MACHINE || (status & ControlRegisters.MSTATUS_MIE) != 0;
        boolean supervisorEnabled = privilege < SUPERVISOR
                || (privilege == SUPERVISOR && (status & ControlRegisters.MSTATUS_SIE) != 0);
        long forMachine = machineEnabled ? pending & ~csr.mideleg : 0;
        long taken = forMachine != 0 ? forMachine : supervisorEnabled ? pending & csr.mideleg : 0;
        for (int cause : INTERRUPT_PRIORITY) {
            if ((taken >>> cause & 1) != 0) {
                pc = enterTrap(cause, 0, pc, true);
                return;
            }
        }
    }

    /**
     * The interpreter loop: runs up to {@code budget} steps (an instruction retired or a trap taken, so that a guest
     * trapping in a loop still returns); adds the instructions retired to {@link #retired}; returns the steps taken.
     * The pc lives as a page base and a halfword slot in that page's decoded array; leaving the page (a slot out of
     * range, or a jump elsewhere) switches to {@link DecodedPage#RELOAD}, whose {@link DecodedPage#PAGE_END} slots
     * look the new page up.
     */
    private long interpret(long budget) {
        long limit = budget;
        final long[] x = this.x;
        final Memory memory = this.memory;
        long pageBase = pc & ~0xfffL;
        int slot = (int) (pc & 0xfff) >>> 1;
        long[] decoded = DecodedPage.RELOAD;
        DecodedPage page = null;
        long n = 0;
        while (true) {
            try {
                while (n < limit && !exitRequested) {
                    if ((slot & ~(DecodedPage.SLOTS - 1)) != 0) { // a branch or the next instruction left the page
                        long pc = pageBase + 2L * slot;
                        pageBase = pc & ~0xfffL;
                        slot = (int) (pc & 0xfff) >>> 1;
                        decoded = DecodedPage.RELOAD;
                    }
                    long word = decoded[slot];
                    int rd = (int) (word >>> 8) & 63, rs1 = (int) (word >>> 14) & 31, rs2 = (int) (word >>> 19) & 31;
                    int half = (int) (word >>> 25) & 3;
                    int imm = (int) (word >>> 32);
                    switch ((int) word & 0xff) {
                        case DecodedPage.PAGE_END -> {
                            page = code.page(pageBase + 2L * slot);
                            decoded = page.decoded;
                            continue;
                        }
                        case LUI -> { x[rd] = imm; slot += half; }
                        case AUIPC -> { x[rd] = pageBase + 2L * slot + imm; slot += half; }
                        case JAL -> { x[rd] = pageBase + 2L * (slot + half); slot += imm >> 1; }
                        case JALR -> {
                            long target = (x[rs1] + imm) & ~1L;
                            x[rd] = pageBase + 2L * (slot + half);
                            if ((target & ~0xfffL) != pageBase) {
                                pageBase = target & ~0xfffL;
                                decoded = DecodedPage.RELOAD;
                            }
                            slot = (int) (target & 0xfff) >>> 1;
                        }
                        case BEQ -> slot += x[rs1] == x[rs2] ? imm >> 1 : half;
                        case BNE -> slot += x[rs1] != x[rs2] ? imm >> 1 : half;
                        case BLT -> slot += x[rs1] < x[rs2] ? imm >> 1 : half;
                        case BGE -> slot += x[rs1] >= x[rs2] ? imm >> 1 : half;
                        case BLTU -> slot += Long.compareUnsigned(x[rs1], x[rs2]) < 0 ? imm >> 1 : half;
                        case BGEU -> slot += Long.compareUnsigned(x[rs1], x[rs2]) >= 0 ? imm >> 1 : half;
                        case LW -> { x[rd] = memory.load32(x[rs1] + imm); slot += half; }
                        case LD -> { x[rd] = memory.load64(x[rs1] + imm); slot += half; }
                        case LBU -> { x[rd] = memory.load8(x[rs1] + imm) & 0xffL; slot += half; }
                        case SB -> { memory.store8(x[rs1] + imm, (byte) x[rs2]); slot += half; }
                        case SW -> { memory.store32(x[rs1] + imm, (int) x[rs2]); slot += half; }
                        case SD -> { memory.store64(x[rs1] + imm, x[rs2]); slot += half; }
                        case ADDI -> { x[rd] = x[rs1] + imm; slot += half; }
                        case SLTIU -> { x[rd] = lessThanUnsigned(x[rs1], imm); slot += half; }
                        case XORI -> { x[rd] = x[rs1] ^ imm; slot += half; }
                        case ORI -> { x[rd] = x[rs1] | imm; slot += half; }
                        case ANDI -> { x[rd] = x[rs1] & imm; slot += half; }
                        case SLLI -> { x[rd] = x[rs1] << imm; slot += half; }
                        case SRLI -> { x[rd] = x[rs1] >>> imm; slot += half; }
                        case SRAI -> { x[rd] = x[rs1] >> imm; slot += half; }
                        case ADD -> { x[rd] = x[rs1] + x[rs2]; slot += half; }
                        case SUB -> { x[rd] = x[rs1] - x[rs2]; slot += half; }
                        case SLTU -> { x[rd] = lessThanUnsigned(x[rs1], x[rs2]); slot += half; }
                        case XOR -> { x[rd] = x[rs1] ^ x[rs2]; slot += half; }
                        case OR -> { x[rd] = x[rs1] | x[rs2]; slot += half; }
                        case AND -> { x[rd] = x[rs1] & x[rs2]; slot += half; }
                        case ADDIW -> { x[rd] = (int) (x[rs1] + imm); slot += half; }
                        case SLLIW -> { x[rd] = (int) x[rs1] << imm; slot += half; }
                        case SRLIW -> { x[rd] = (int) x[rs1] >>> imm; slot += half; }
                        case SRAIW -> { x[rd] = (int) x[rs1] >> imm; slot += half; }
                        case ADDW -> { x[rd] = (int) (x[rs1] + x[rs2]); slot += half; }
                        case SUBW -> { x[rd] = (int) (x[rs1] - x[rs2]); slot += half; }
                        case MUL -> { x[rd] = x[rs1] * x[rs2]; slot += half; }
                        case FENCE -> slot += half;
                        default -> {
                            int op = (int) word & 0xff;
                            long target = executeOther(op, word, pageBase + 2L * slot, n, page);
                            // The next step looks its page up again, whether or not the target left the page: one path
                            // only, as a branch first taken late would deoptimize this loop.
                            pageBase = target & ~0xfffL;
                            slot = (int) (target & 0xfff) >>> 1;
                            decoded = DecodedPage.RELOAD;
                            // Operation 0 only decoded its slot: no step. Counted without a branch (see lessThan).
                            n += (-op) >>> 31;
                            continue;
                        }
                    }
                    n++;
                }
                break;
            } catch (Trap t) {
                long target = enterTrap(t.cause, t.value, pageBase + 2L * slot, false);
                pageBase = target & ~0xfffL;
                slot = (int) (target & 0xfff) >>> 1;
                decoded = DecodedPage.RELOAD;
                limit--;
            }
        }
        this.pc = pageBase + 2L * slot;
        retired += n;
        return n + budget - limit;
    }

    /**
     * 1 when {@code a < b} (signed), else 0, without a branch: a branch whose outcome the JIT has not seen yet becomes
     * a deoptimization (and a recompilation of the interpreter loop) the first time the guest takes it.
     */
    private static long lessThan(long a, long b) {
        long difference = a - b;
        return (difference ^ ((a ^ b) & (difference ^ a))) >>> 63;
    }

    /** 1 when {@code a < b} (unsigned), else 0, without a branch (see {@link #lessThan}). */
    private static long lessThanUnsigned(long a, long b) {
        return ((~a & b) | ((~a | b) & (a - b))) >>> 63;
    }

    /**
     * Everything the loop's switch leaves out, out of line: decoding a slot not decoded yet (operation 0: returns
     * {@code pc} unchanged, nothing executed), the integer instructions that guests use seldom (sub-word loads and
     * stores beyond lbu/sb, shifts by a register, signed comparisons, high multiplies, divisions), and the system,
     * atomic and floating-point ones; returns the next pc. Keeping them here keeps the loop small, quick to compile,
     * and free of paths that the JIT compiles as deoptimizations because a guest first takes them late.
     */
    private long executeOther(int op, long word, long pc, long sliceRetired, DecodedPage page) throws Trap {
        if (op == 0) {
            code.decode(page, (int) (pc & 0xfff) >>> 1, pc);
            return pc;
        }
        long next = pc + Decoder.length(word);
        if (op >= FIRST_BITMANIP) {
            long second = shiftsByImmediate(op) ? Decoder.imm(word) : x[Decoder.rs2(word)];
            x[Decoder.rd(word)] = BitManipulation.execute(op, x[Decoder.rs1(word)], second);
            return next;
        }
        if (op >= FIRST_FLOAT) {
            if (!floats.execute(op, word)) {
                throw illegal(pc, word);
            }
            return next;
        }
        if (op >= FIRST_ATOMIC) {
            atomics.execute(op, word);
            return next;
        }
        switch (op) {
            case LB, LH, LHU, LWU, SH, SLTI, SLL, SLT, SRL, SRA, SLLW, SRLW, SRAW, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU,
                    MULW, DIVW, DIVUW, REMW, REMUW -> {
                executeInteger(op, word);
                return next;
            }
            case ILLEGAL -> throw trap.fill(Trap.ILLEGAL_INSTRUCTION, Decoder.imm(word) & 0xffffffffL);
            case ECALL -> throw trap.fill(Trap.ECALL_FROM_U + privilege, 0);
            case EBREAK -> throw trap.fill(Trap.BREAKPOINT, 0);
            case FENCE_I -> {
                code.invalidateAll();
                exitRequested = true; // the loop holds the current page's slots: it must look the page up again
                return next;
            }
            case MRET -> {
                if (privilege != MACHINE) {
                    throw illegal(pc, word);
                }
                long status = csr.mstatus;
                int previous = (int) ((status & ControlRegisters.MSTATUS_MPP) >>> 11);
                status = (status & ControlRegisters.MSTATUS_MPIE) != 0 ? status | ControlRegisters.MSTATUS_MIE
                        : status & ~ControlRegisters.MSTATUS_MIE;
                status = (status | ControlRegisters.MSTATUS_MPIE) & ~ControlRegisters.MSTATUS_MPP;
                csr.mstatus = previous == MACHINE ? status : status & ~ControlRegisters.MSTATUS_MPRV;
                privilege = previous;
                translationChanged();
                exitRequested = true;
                return csr.mepc & ~1L;
            }
            case SRET -> {
                if (privilege == USER || (privilege == SUPERVISOR && (csr.mstatus & ControlRegisters.MSTATUS_TSR) != 0)) {
                    throw illegal(pc, word);
                }
                long status = csr.mstatus;
                int previous = (status & ControlRegisters.MSTATUS_SPP) != 0 ? SUPERVISOR : USER;
                status = (status & ControlRegisters.MSTATUS_SPIE) != 0 ? status | ControlRegisters.MSTATUS_SIE
                        : status & ~ControlRegisters.MSTATUS_SIE;
                status = (status | ControlRegisters.MSTATUS_SPIE) & ~ControlRegisters.MSTATUS_SPP;
                csr.mstatus = status & ~ControlRegisters.MSTATUS_MPRV;
                privilege = previous;
                translationChanged();
                exitRequested = true;
                return csr.sepc & ~1L;
            }
            case SFENCE_VMA -> {
                if (privilege == USER || (privilege == SUPERVISOR && (csr.mstatus & ControlRegisters.MSTATUS_TVM) != 0)) {
                    throw illegal(pc, word);
                }
                translationsInvalid();
                exitRequested = true;
                return next;
            }
            case WFI -> {
                if (privilege == USER || (privilege == SUPERVISOR && (csr.mstatus & ControlRegisters.MSTATUS_TW) != 0)) {
                    throw illegal(pc, word);
                }
                if ((csr.mip & csr.mie) == 0) {
                    waiting = true;
                    exitRequested = true;
                }
                return next;
            }
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> {
                accessCsr(op, word, pc, retired + sliceRetired);
                exitRequested = true;
                return next;
            }
            default -> throw new IllegalStateException("operation " + op + " has no handler");
        }
    }

    /** The integer instructions that the loop's switch leaves to {@link #executeOther}. */
    private void executeInteger(int op, long word) throws Trap {
        final long[] x = this.x;
        int rd = Decoder.rd(word), rs1 = Decoder.rs1(word), rs2 = Decoder.rs2(word), imm = Decoder.imm(word);
        switch (op) {
            case LB -> x[rd] = memory.load8(x[rs1] + imm);
            case LH -> x[rd] = memory.load16(x[rs1] + imm);
            case LHU -> x[rd] = memory.load16(x[rs1] + imm) & 0xffffL;
            case LWU -> x[rd] = memory.load32(x[rs1] + imm) & 0xffffffffL;
            case SH -> memory.store16(x[rs1] + imm, (short) x[rs2]);
            case SLTI -> x[rd] = lessThan(x[rs1], imm);
            case SLL -> x[rd] = x[rs1] << x[rs2];
            case SLT -> x[rd] = lessThan(x[rs1], x[rs2]);
            case SRL -> x[rd] = x[rs1] >>> x[rs2];
            case SRA -> x[rd] = x[rs1] >> x[rs2];
            case SLLW -> x[rd] = (int) x[rs1] << (int) x[rs2];
            case SRLW -> x[rd] = (int) x[rs1] >>> (int) x[rs2];
            case SRAW -> x[rd] = (int) x[rs1] >> (int) x[rs2];
            case MULH -> x[rd] = Math.multiplyHigh(x[rs1], x[rs2]);
            case MULHSU -> x[rd] = Math.multiplyHigh(x[rs1], x[rs2]) + ((x[rs2] >> 63) & x[rs1]);
            case MULHU -> x[rd] = Math.unsignedMultiplyHigh(x[rs1], x[rs2]);
            case DIV -> x[rd] = x[rs2] == 0 ? -1 : x[rs1] / x[rs2];
            case DIVU -> x[rd] = x[rs2] == 0 ? -1 : Long.divideUnsigned(x[rs1], x[rs2]);
            case REM -> x[rd] = x[rs2] == 0 ? x[rs1] : x[rs1] % x[rs2];
            case REMU -> x[rd] = x[rs2] == 0 ? x[rs1] : Long.remainderUnsigned(x[rs1], x[rs2]);
            case MULW -> x[rd] = (int) x[rs1] * (int) x[rs2];
            case DIVW -> x[rd] = (int) x[rs2] == 0 ? -1 : (int) x[rs1] / (int) x[rs2];
            case DIVUW -> x[rd] = (int) x[rs2] == 0 ? -1 : Integer.divideUnsigned((int) x[rs1], (int) x[rs2]);
            case REMW -> x[rd] = (int) x[rs2] == 0 ? (int) x[rs1] : (int) x[rs1] % (int) x[rs2];
            case REMUW -> x[rd] = (int) x[rs2] == 0 ? (int) x[rs1] : Integer.remainderUnsigned((int) x[rs1], (int) x[rs2]);
            default -> throw new IllegalStateException("operation " + op + " has no handler");
        }
    }

    private void accessCsr(int op, long word, long pc, long retiredNow) throws Trap {
        int rd = Decoder.rd(word), rs1 = Decoder.rs1(word), number = Decoder.imm(word);
        boolean immediate = op >= CSRRWI;
        long source = immediate ? rs1 : x[rs1];
        boolean swap = op == CSRRW || op == CSRRWI;
        boolean writes = swap || rs1 != 0;
        if (!csr.accessible(number, privilege, writes)) {
            throw illegal(pc, word);
        }
        long old = swap && rd == Decoder.ZERO_SINK ? 0 : csr.read(number, retiredNow);
        if (writes) {
            long value = swap ? source : (op == CSRRS || op == CSRRSI) ? old | source : old & ~source;
            long statusBefore = csr.mstatus;
            csr.write(number, value, retiredNow + 1);
            if (number == ControlRegisters.STIMECMP) {
                stimecmpWritten();
            }
            if (Pmp.has(number)) {
                translationsInvalid();
            } else if (number == ControlRegisters.SATP
                    || ((statusBefore ^ csr.mstatus) & ControlRegisters.MSTATUS_TRANSLATION) != 0) {
                translationChanged();
            }
        }
        x[rd] = old;
    }

    /** An illegal-instruction trap whose value holds the instruction's bits, as QEMU reports them. */
    private Trap illegal(long pc, long word) throws Trap {
        return trap.fill(Trap.ILLEGAL_INSTRUCTION, code.fetchBits(pc, Decoder.length(word)));
    }

    /** Enters the trap handler of M-mode, or of S-mode when the trap is delegated; returns the handler's address. */
    private long enterTrap(int cause, long value, long pc, boolean interrupt) {
        long delegated = interrupt ? csr.mideleg : csr.medeleg;
        if (privilege <= SUPERVISOR && (delegated >>> cause & 1) != 0) {
            csr.sepc = pc;
            csr.scause = (interrupt ? 1L << 63 : 0) | cause;
            csr.stval = value;
            long status = csr.mstatus;
            status = (status & ControlRegisters.MSTATUS_SIE) != 0 ? status | ControlRegisters.MSTATUS_SPIE
                    : status & ~ControlRegisters.MSTATUS_SPIE;
            status &= ~(ControlRegisters.MSTATUS_SIE | ControlRegisters.MSTATUS_SPP);
            csr.mstatus = status | (long) privilege << 8;
            setPrivilege(SUPERVISOR);
            long base = csr.stvec & ~3L;
            return interrupt && (csr.stvec & 3) == 1 ? base + 4L * cause : base;
        }
        csr.mepc = pc;
        csr.mcause = (interrupt ? 1L << 63 : 0) | cause;
        csr.mtval = value;
        long status = csr.mstatus;
        status = (status & ControlRegisters.MSTATUS_MIE) != 0 ? status | ControlRegisters.MSTATUS_MPIE
                : status & ~ControlRegisters.MSTATUS_MPIE;
        status &= ~(ControlRegisters.MSTATUS_MIE | ControlRegisters.MSTATUS_MPP);
        csr.mstatus = status | (long) privilege << 11;
        setPrivilege(MACHINE);
        long base = csr.mtvec & ~3L;
        return interrupt && (csr.mtvec & 3) == 1 ? base + 4L * cause : base;
    }

    @Override
    public Map<String, Long> registers() {
        Map<String, Long> registers = new LinkedHashMap<>();
        registers.put("pc", pc);
        for (int i = 0; i < 32; i++) {
            registers.put("x" + i, x[i]);
        }
        for (int i = 0; i < 32; i++) {
            registers.put("f" + i, f[i]);
        }
        for (Map.Entry<String, Integer> entry : RegisterNames.MAIN_CSRS) {
            registers.put(entry.getKey(), csr.read(entry.getValue(), retired));
        }
        registers.put("privilege", (long) privilege);
        return registers;
    }

    @Override
    public void setRegister(String name, long value) {
        if (name.equals("pc")) {
            pc = value;
            return;
        }
        if (name.equals("privilege")) {
            if (value != MACHINE && value != SUPERVISOR && value != USER) {
                throw new IllegalArgumentException("privilege " + value + " is not 0 (U), 1 (S) or 3 (M)");
            }
            setPrivilege((int) value);
            return;
        }
        int number = RegisterNames.integer(name);
        if (number > 0) {
            x[number] = value;
            return;
        }
        if (number == 0) {
            return;
        }
        number = RegisterNames.floating(name);
        if (number >= 0) {
            f[number] = value;
            return;
        }
        number = RegisterNames.csr(name);
        if (number >= 0 && (number >>> 10) != 3) {
            csr.write(number, value, retired);
            translationsInvalid();
            return;
        }
        throw new IllegalArgumentException("hart " + csr.hartId + ": no writable register '" + name
                + "' (pc, x0..x31 or ABI names, f0..f31, privilege, or a main CSR)");
    }

    /** Cancels the Sstc timer: a detached hart (hot-swap, removal) must not be called back. */
    @Override
    public void close() {
        supervisorTimer.cancel();
    }

    @Override
    public void invalidateCode(long address, long length) {
        code.invalidate(address, length);
    }

    @Override
    public void memoryMapChanged() {
        translationsInvalid();
        code.forgetAll();
    }

    @Override
    public StateRecord saveState() {
        return HartState.save(this, atomics, soft, retired);
    }

    @Override
    public void restoreState(StateRecord state) throws StateException {
        HartState.restore(state, this, atomics, soft, retired);
        if (Long.compareUnsigned(csr.stimecmp, csr.time()) > 0) {
            armSupervisorTimer();
        } else {
            supervisorTimer.cancel();
        }
        translationsInvalid();
        code.forgetAll();
    }

    /** Sets the wait flag (for state restore). */
    void setWaiting(boolean value) {
        waiting = value;
    }
}
