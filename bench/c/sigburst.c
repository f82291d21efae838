/* sigburst N CMD ARGS...: measure a waiter draining a burst of N queued SIGRTMIN signals
 * (values 1..N, in order).
 *
 * The child blocks SIGRTMIN, queues as much of the burst to itself as RLIMIT_SIGPENDING
 * allows (less a margin), then execs CMD: pending signals and the blocked mask survive
 * execve, so CMD starts with that part already queued. This process queues the rest to
 * it meanwhile, retrying on EAGAIN while the queue is full; those join behind the first
 * part, so the waiter never waits for the sender. Prints "SECONDS SIGNALS_PER_SECOND",
 * timed from the exec to CMD's exit (CMD's start-up included). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int queue(pid_t pid, long from, long to) {
    for (long i = from; i <= to; i++) {
        union sigval v = {.sival_int = (int)i};
        while (sigqueue(pid, SIGRTMIN, v) != 0) {
            if (errno != EAGAIN) {
                perror("sigqueue");
                return -1;
            }
            sched_yield();
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: sigburst N CMD ARGS...\n");
        return 2;
    }
    long n = atol(argv[1]);
    struct rlimit lim;
    getrlimit(RLIMIT_SIGPENDING, &lim);
    long first = n;
    if (lim.rlim_cur != RLIM_INFINITY && (long)lim.rlim_cur - 2000 < first)
        first = (long)lim.rlim_cur - 2000;
    if (first < 1) first = 1;
    int ready[2];
    if (pipe(ready) != 0) return 1;
    pid_t child = fork();
    if (child == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGRTMIN);
        sigprocmask(SIG_BLOCK, &set, NULL);
        if (queue(getpid(), 1, first) != 0) _exit(1);
        close(ready[0]);
        if (write(ready[1], "x", 1) != 1) _exit(1);
        close(ready[1]);
        execvp(argv[2], argv + 2);
        perror("exec");
        _exit(127);
    }
    close(ready[1]);
    char byte;
    if (read(ready[0], &byte, 1) != 1) {
        fprintf(stderr, "sigburst: the child failed before exec\n");
        return 1;
    }
    double start = now();
    if (queue(child, first + 1, n) != 0) return 1;
    int status;
    waitpid(child, &status, 0);
    double elapsed = now() - start;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "sigburst: %s ended with status %d\n", argv[2], status);
        return 1;
    }
    printf("%.6f %.0f\n", elapsed, n / elapsed);
    return 0;
}
