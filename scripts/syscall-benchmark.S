/* The syscall benchmark's guest (scripts/syscall-benchmark.sh): M-mode opens PMP, maps the devices and RAM with two
 * Sv39 gigapages and drops to U-mode, which loads from four pages, stores to a fifth and makes an ecall (M-mode
 * returns past it), ITERATIONS times; then it prints "k" and powers off. Every ecall changes privilege twice, so the
 * time shows what a privilege change costs the TLBs. */
    .option norelax
    .globl _start
_start:
    la t0, trap
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    # Sv39 root table at root: entry 0 = 0x0 gigapage (devices), entry 2 = 0x80000000 gigapage; U, R, W, X, A, D, V
    la t1, root
    li t2, (0x0 >> 12) << 10 | 0xdf
    sd t2, 0(t1)
    li t2, (0x80000000 >> 12) << 10 | 0xdf
    sd t2, 16(t1)
    srli t1, t1, 12
    li t2, 8
    slli t2, t2, 60
    or t1, t1, t2
    csrw satp, t1
    sfence.vma
    li t0, 0x1800
    csrc mstatus, t0          # MPP = U
    la t0, user
    csrw mepc, t0
    mret
    .align 2
trap:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
user:
    li s0, ITERATIONS
    beqz s0, 3f
    la s1, data
    li s2, 4096
    add s3, s1, s2
    add s4, s3, s2
    add s5, s4, s2
    add s6, s5, s2
1:  ld a0, 0(s1)
    ld a1, 0(s3)
    ld a2, 0(s4)
    ld a3, 0(s5)
    sd a0, 0(s6)
    ecall
    addi s0, s0, -1
    bnez s0, 1b
3:  li t0, 0x10000000
    li t1, 'k'
    sb t1, 0(t0)
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
2:  j 2b
    .align 12
root: .fill 512, 8, 0
data: .fill 4096, 8, 1
