# Guest runtime entry: stack, FPU on, trap vector, zeroed bss, then main(); main's result is the exit status.
    .section .text.start
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    csrr t0, mhartid
    bnez t0, secondary_start
    la sp, __stack_top
    li t0, 0x2000              # mstatus.FS = initial: enables the F and D instructions
    csrs mstatus, t0
    la t0, trap_entry
    csrw mtvec, t0
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  la t0, boot_ready        # memory is set up: the other harts may go on
    li t1, 1
    fence w, w
    sw t1, 0(t0)
    call main
    call guest_exit
3:  j 3b

# Every other hart: its own 4 KiB stack, FPU and trap vector, waits until hart 0 has set memory up, then runs
# secondary_main(hartid) (lib.c's default parks the hart in wfi).
secondary_start:
    la sp, __secondary_stacks_top
    slli t1, t0, 12
    sub sp, sp, t1
    li t1, 0x2000
    csrs mstatus, t1
    la t1, trap_entry
    csrw mtvec, t1
    la t1, boot_ready
4:  lw t2, 0(t1)
    beqz t2, 4b
    fence r, rw
    mv a0, t0
    call secondary_main
5:  wfi
    j 5b

    .data
    .align 2
boot_ready:
    .word 0
    .text

# Saves every integer register into a frame on the stack, calls trap_handler(frame), restores, mret.
    .align 2
    .globl trap_entry
trap_entry:
    addi sp, sp, -256
    .irp n,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\n, \n*8(sp)
    .endr
    addi t0, sp, 256
    sd t0, 16(sp)
    mv a0, sp
    call trap_handler
    .irp n,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\n, \n*8(sp)
    .endr
    addi sp, sp, 256
    mret
