# Entry of the UART probe: a stack below 0x80100000, then main_; see uart-probe.c.
.section .text.start
.global _start
_start: li sp, 0x80100000
        call main_
1:      j 1b
