/* The raw baseline of bench/cases/msg.sh: COUNT messages of SIZE bytes through one System V
 * queue, msgsnd in the parent and msgrcv in a forked child, as a C program would do it.
 * Prints the messages per second from before the first msgsnd to after the last msgrcv.
 *
 *   baseline SIZE COUNT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct message {
    long mtype;
    char mtext[65536];
};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: baseline SIZE COUNT\n");
        return 2;
    }
    size_t size = strtoul(argv[1], NULL, 10);
    long count = strtol(argv[2], NULL, 10);
    if (size > sizeof(((struct message *)0)->mtext)) return 2;
    int msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (msqid < 0) { perror("msgget"); return 1; }
    static struct message buf;
    double start = now();
    pid_t child = fork();
    if (child == 0) {
        for (long i = 0; i < count; i++) {
            if (msgrcv(msqid, &buf, sizeof buf.mtext, 0, 0) < 0) { perror("msgrcv"); _exit(1); }
        }
        _exit(0);
    }
    buf.mtype = 1;
    memset(buf.mtext, 'x', size);
    for (long i = 0; i < count; i++) {
        if (msgsnd(msqid, &buf, size, 0) < 0) { perror("msgsnd"); return 1; }
    }
    int status;
    waitpid(child, &status, 0);
    double elapsed = now() - start;
    msgctl(msqid, IPC_RMID, NULL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
    printf("%.0f\n", count / elapsed);
    return 0;
}
