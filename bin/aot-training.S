# The training guest of the ahead-of-time cache, whose bytes bin/aot-training-guest.sh prints (AotTrainingGuestTest
# checks that they are this file assembled): in M-mode, runs every instruction kind that the interpreter loop handles
# inline, each branch both ways, jumps within and across pages, and some out-of-line kinds (sub-word loads, division,
# atomics, floating point, CSRs, a trap), 20000 times; then writes "o" to the UART and powers off through sifive-test.
# Its profile, kept in the cache, tells the JIT which cases of the loop's switch real guests meet.
    .option norelax
    .text
    .globl _start
_start:
    j       main
    .org    0xd00
trap:                               # mtvec: returns past the ecall
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    mret
main:
    la      t0, trap
    csrw    mtvec, t0
    li      t0, 0x2000              # mstatus.FS = initial: floating point on
    csrs    mstatus, t0
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
    fence
    sd      t2, 0(s1)
    sw      t1, 8(s1)
    sb      a3, 12(s1)
    ld      t3, 0(s1)
    lw      t4, 8(s1)
    lbu     t5, 12(s1)
    lh      t6, 8(s1)
    div     t6, t2, a3
    remu    t6, t2, a3
    slt     t6, t1, t2
    sll     t6, t6, a3
    amoadd.w t6, a3, (s1)
    lr.d    t6, (s1)
    sc.d    t6, a3, (s1)
    fcvt.d.l ft0, a3
    fadd.d  ft1, ft0, ft0
    fmul.d  ft1, ft1, ft0
    fsd     ft1, 16(s1)
    fld     ft2, 16(s1)
    csrr    t6, mcycle
    ecall
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
    .option norvc                   # 4-byte instructions: the third addi starts the next page
page_edge:
    addi    a0, a0, 1
    addi    a0, a0, 1
    addi    a0, a0, 1               # on the next page, reached by running off the end of this one
    beq     zero, zero, far_return
far:
    addi    a0, a0, 1
    ret
