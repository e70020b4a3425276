# The training guest of the ahead-of-time cache, whose bytes bin/aot-training-guest.sh prints (AotTrainingGuestTest
# checks that they are this file assembled, with -march=rv64gc_zba_zbb_zbc_zbs). Set up in M-mode (PMP open to all,
# delegation, counters), it runs in S-mode, as U-Boot does, a loop of every operation the decoder produces: the ones
# the interpreter loop handles inline, each branch both ways, jumps within and across pages, and every out-of-line one
# (loads, stores and shifts of every width, multiplication and division, bit manipulation, CSRs, fences, wfi, traps to
# M- and S-mode and their returns, all atomics, all floating point), 20000 times; then it writes "o" to the UART and
# powers off through sifive-test. Its profile, kept in the cache, tells the JIT that real guests meet every case of
# the loop's switch, so that none is compiled as a trap.
    .option norelax
    .text
    .globl _start
_start:
    j       main
    .org    0x400
m_trap:                             # mtvec: ecall and illegal instructions from S-mode; returns past them
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    mret
    .align  2
s_trap:                             # stvec: breakpoints, delegated; returns past them
    csrr    t0, sepc
    addi    t0, t0, 4
    csrw    sepc, t0
    sret
main:
    la      t0, m_trap
    csrw    mtvec, t0
    la      t0, s_trap
    csrw    stvec, t0
    li      t0, 0x20013fff          # PMP entry 0: 128K at 0x80040000, closed to S-mode (as OpenSBI closes its own)
    csrw    pmpaddr0, t0
    li      t0, -1                  # PMP entry 1: NAPOT over all addresses, read, write and execute
    csrw    pmpaddr1, t0
    li      t0, 0x1f18
    csrw    pmpcfg0, t0
    li      t0, 0x8                 # breakpoints trap to S-mode
    csrw    medeleg, t0
    li      t0, 0x2                 # supervisor software interrupt: delegated, and enabled in mie so that wfi
    csrw    mideleg, t0             # returns at once while it is pending (sstatus.SIE stays 0: never taken)
    csrw    mie, t0
    li      t0, 0x7                 # cycle, time and instret readable in S-mode
    csrw    mcounteren, t0
    li      t0, 0x1800              # mstatus.MPP = S, FS = initial: floating point on
    csrc    mstatus, t0
    li      t0, 0x2800
    csrs    mstatus, t0
    la      t0, s_main
    csrw    mepc, t0
    mret
s_main:
    csrsi   sip, 2
    li      s0, 20000               # iterations
    li      s1, 0x80010000          # data, away from the code
    li      s2, 1
loop:
    lui     a0, 0x12345
    auipc   a1, 0
    addi    a2, a0, 5
    sltiu   a3, a2, 7
    xori    a3, a3, 0x55
    ori     a3, a3, 1
    andi    a3, a3, 0xff
    slli    a4, a2, 3
    srli    a4, a4, 2
    srai    a4, a4, 1
    add     a5, a4, a3
    sub     a5, a5, a2
    sltu    a6, a5, a4
    xor     a6, a6, a5
    or      a6, a6, a4
    and     a6, a6, a3
    addiw   a7, a6, 9
    slliw   a7, a7, 2
    srliw   a7, a7, 1
    sraiw   a7, a7, 1
    addw    t1, a7, a6
    subw    t1, t1, a5
    mul     t2, t1, a3
    addw    a5, a5, a4              # the compressed forms of register-register ALU operations
    subw    a5, a5, a4
    and     a5, a5, a4
    or      a5, a5, a4
    xor     a5, a5, a4
    sub     a5, a5, a4
    fence
    sd      t2, 0(s1)
    sw      t1, 8(s1)
    sb      a3, 12(s1)
    ld      t3, 0(s1)
    lw      t4, 8(s1)
    lbu     t5, 12(s1)
    lb      t6, 12(s1)          # out of line: the other loads, stores and shifts
    lh      t6, 8(s1)
    lhu     t6, 8(s1)
    lwu     t6, 8(s1)
    sh      t6, 14(s1)
    slti    t6, t1, 3
    sll     t6, t6, a3
    slt     t6, t1, t2
    srl     t6, t2, a3
    sra     t6, t2, a3
    sllw    t6, t2, a3
    srlw    t6, t2, a3
    sraw    t6, t2, a3
    mulh    t6, t2, a3          # multiplication and division
    mulhsu  t6, t2, a3
    mulhu   t6, t2, a3
    div     t6, t2, a3
    divu    t6, t2, a3
    rem     t6, t2, a3
    remu    t6, t2, a3
    mulw    t6, t2, a3
    divw    t6, t2, a3
    divuw   t6, t2, a3
    remw    t6, t2, a3
    remuw   t6, t2, a3
    add.uw    t6, t2, a3        # bit manipulation: Zba, Zbb, Zbc, Zbs
    sh1add    t6, t2, a3
    sh2add    t6, t2, a3
    sh3add    t6, t2, a3
    sh1add.uw t6, t2, a3
    sh2add.uw t6, t2, a3
    sh3add.uw t6, t2, a3
    slli.uw   t6, t2, 37
    andn      t6, t2, a3
    orn       t6, t2, a3
    xnor      t6, t2, a3
    clz       t6, t2
    clzw      t6, t2
    ctz       t6, t2
    ctzw      t6, t2
    cpop      t6, t2
    cpopw     t6, t2
    max       t6, t2, a3
    maxu      t6, t2, a3
    min       t6, t2, a3
    minu      t6, t2, a3
    sext.b    t6, t2
    sext.h    t6, t2
    zext.h    t6, t2
    rol       t6, t2, a3
    rolw      t6, t2, a3
    ror       t6, t2, a3
    rori      t6, t2, 37
    roriw     t6, t2, 17
    rorw      t6, t2, a3
    orc.b     t6, t2
    rev8      t6, t2
    clmul     t6, t2, a3
    clmulh    t6, t2, a3
    clmulr    t6, t2, a3
    bclr      t6, t2, a3
    bclri     t6, t2, 37
    bext      t6, t2, a3
    bexti     t6, t2, 37
    binv      t6, t2, a3
    binvi     t6, t2, 37
    bset      t6, t2, a3
    bseti     t6, t2, 37
    fence.i                     # fences, CSRs, wfi and traps
    sfence.vma
    csrrw   t6, sscratch, a3
    csrrs   t6, sstatus, zero
    csrrc   t6, sscratch, a3
    csrrwi  t6, sscratch, 5
    csrrsi  t6, sscratch, 2
    csrrci  t6, sscratch, 1
    rdcycle t6
    rdtime  t6
    rdinstret t6
    wfi
    ecall                       # to M-mode and back (mret)
    .word   0x00100073          # ebreak, 4 bytes: to S-mode and back (sret)
    .word   0x12345677          # a reserved opcode: illegal, to M-mode and back
    lr.w    t6, (s1)            # atomics
    sc.w    t6, a3, (s1)
    amoswap.w t6, a3, (s1)
    amoadd.w t6, a3, (s1)
    amoxor.w t6, a3, (s1)
    amoand.w t6, a3, (s1)
    amoor.w t6, a3, (s1)
    amomin.w t6, a3, (s1)
    amomax.w t6, a3, (s1)
    amominu.w t6, a3, (s1)
    amomaxu.w t6, a3, (s1)
    lr.d    t6, (s1)
    sc.d    t6, a3, (s1)
    amoswap.d t6, a3, (s1)
    amoadd.d t6, a3, (s1)
    amoxor.d t6, a3, (s1)
    amoand.d t6, a3, (s1)
    amoor.d t6, a3, (s1)
    amomin.d t6, a3, (s1)
    amomax.d t6, a3, (s1)
    amominu.d t6, a3, (s1)
    amomaxu.d t6, a3, (s1)
    fcvt.s.l fa0, a3            # single precision
    fcvt.s.w fa1, a3
    fcvt.s.wu fa2, a3
    fcvt.s.lu fa3, a3
    fmv.w.x fa4, a3
    fadd.s  fa5, fa0, fa1
    fsub.s  fa5, fa5, fa2
    fmul.s  fa5, fa5, fa0
    fdiv.s  fa5, fa5, fa1
    fsqrt.s fa5, fa5
    fmadd.s fa6, fa0, fa1, fa2
    fmsub.s fa6, fa0, fa1, fa6
    fnmsub.s fa6, fa0, fa1, fa6
    fnmadd.s fa6, fa0, fa1, fa6
    fsgnj.s fa7, fa6, fa0
    fsgnjn.s fa7, fa7, fa0
    fsgnjx.s fa7, fa7, fa0
    fmin.s  fa7, fa7, fa0
    fmax.s  fa7, fa7, fa0
    fcvt.w.s t6, fa7
    fcvt.wu.s t6, fa0
    fcvt.l.s t6, fa7
    fcvt.lu.s t6, fa0
    fmv.x.w t6, fa7
    fclass.s t6, fa7
    feq.s   t6, fa7, fa0
    flt.s   t6, fa7, fa0
    fle.s   t6, fa7, fa0
    fsw     fa7, 20(s1)
    flw     fa7, 20(s1)
    fcvt.d.l ft0, a3            # double precision
    fcvt.d.w ft3, a3
    fcvt.d.wu ft3, a3
    fcvt.d.lu ft3, a3
    fmv.d.x ft4, a3
    fadd.d  ft1, ft0, ft0
    fsub.d  ft1, ft1, ft3
    fmul.d  ft1, ft1, ft0
    fdiv.d  ft1, ft1, ft0
    fsqrt.d ft1, ft1
    fmadd.d ft5, ft0, ft1, ft3
    fmsub.d ft5, ft0, ft1, ft5
    fnmsub.d ft5, ft0, ft1, ft5
    fnmadd.d ft5, ft0, ft1, ft5
    fsgnj.d ft6, ft5, ft0
    fsgnjn.d ft6, ft6, ft0
    fsgnjx.d ft6, ft6, ft0
    fmin.d  ft6, ft6, ft0
    fmax.d  ft6, ft6, ft0
    fcvt.w.d t6, ft6
    fcvt.wu.d t6, ft0
    fcvt.l.d t6, ft6
    fcvt.lu.d t6, ft0
    fmv.x.d t6, ft6
    fclass.d t6, ft6
    feq.d   t6, ft6, ft0
    flt.d   t6, ft6, ft0
    fle.d   t6, ft6, ft0
    fcvt.s.d fa0, ft6
    fcvt.d.s ft2, fa0
    fsd     ft1, 16(s1)
    fld     ft2, 16(s1)
    andi    t0, s0, 1               # 0 and 1 in turn: every branch goes both ways
    beq     t0, zero, 1f
    nop
1:  bne     t0, zero, 2f
    nop
2:  blt     t0, s2, 3f
    nop
3:  bge     t0, s2, 4f
    nop
4:  bltu    t0, s2, 5f
    nop
5:  bgeu    t0, s2, 6f
    nop
6:  la      t1, near
    jalr    ra, t1                  # within the page
    call    page_edge               # runs off the end of this page, comes back by a branch
    call    far                     # a jalr to the next page, and a ret back
    addi    s0, s0, -1
    bnez    s0, loop
    li      t0, 0x10000000          # UART: "o"
    li      t1, 'o'
    sb      t1, 0(t0)
    li      t0, 0x100000            # sifive-test: pass, power off
    li      t1, 0x5555
    sw      t1, 0(t0)
    j       .
near:
    ret
    .org    0xff0
far_return:                         # reached by a branch from the next page
    ret
    .org    0xff8
page_edge:                          # runs off the end of this page, and comes back by a branch from the next
    .option norvc
    addi    a0, a0, 1
    .option rvc
    c.addi  a0, 1
    .option norvc
    addi    a0, a0, 1               # at 0xffe: half on this page, half on the next
    beq     zero, zero, far_return
far:                                # on the next page: writes a word of its own page (code the CPU must drop), returns
    la      t0, far_data
    sw      a0, 0(t0)
    ret
far_data:
    .word   0
