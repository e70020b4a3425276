/* Smallest guest: prints a greeting and its hart id, exits 0. */
#include "guest.h"

int main(void) {
    puts_("hello from osmium guest\n");
    show("mhartid", CSR_READ(mhartid));
    return 0;
}
