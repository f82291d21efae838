/* The raw baseline waiter: sigwaitinfo N times for SIGRTMIN and print each signal as
 * `ipcx signal wait` does, through stdio's full buffering. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (long i = 0; i < n; i++) {
        siginfo_t info;
        if (sigwaitinfo(&set, &info) < 0) {
            perror("sigwaitinfo");
            return 1;
        }
        printf("SIGRTMIN %d SI_QUEUE pid=%d uid=%d value=%d\n", info.si_signo, info.si_pid,
               info.si_uid, info.si_value.sival_int);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
