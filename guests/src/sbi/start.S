# S-mode payload runtime, entered by OpenSBI (fw_jump) at 0x80200000 with a0 = hart id: stack, zeroed bss, then
# main(hartid), whose result is the exit status. Harts that SBI HSM starts at hart_entry get their own 4 KiB stack
# and run secondary(hartid, opaque).
    .section .text.start
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call main
    call guest_exit

    .globl hart_entry
    .align 2
hart_entry:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __secondary_stacks_top
    slli t0, a0, 12
    sub sp, sp, t0
    call secondary
3:  j 3b
