/* Fails on purpose: prints a line, then exits through the SiFive test device with status 3, as QEMU reports it. */
#include "guest.h"

int main(void) {
    puts_("failing with status 3\n");
    guest_exit(3);
}
