# Guest runtime entry: stack, FPU on, trap vector, zeroed bss, then main(); main's result is the exit status.
    .section .text.start
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
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
2:  call main
    call guest_exit
3:  j 3b

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
