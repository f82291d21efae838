/* Raw POSIX message queue baseline: a sender process does mq_send of N messages of SIZE
 * bytes while a receiver process does mq_receive of N, through one queue. Prints nothing;
 * timed from outside. Usage: mq_raw NAME N SIZE */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: mq_raw NAME N SIZE\n"); return 2; }
    const char *name = argv[1];
    long n = atol(argv[2]);
    size_t size = (size_t)atol(argv[3]);
    mqd_t q = mq_open(name, O_RDWR);
    if (q == (mqd_t)-1) { perror("mq_open"); return 1; }
    struct mq_attr attr;
    mq_getattr(q, &attr);
    char *buf = calloc(1, (size_t)attr.mq_msgsize > size ? (size_t)attr.mq_msgsize : size);
    pid_t child = fork();
    if (child == 0) {
        for (long i = 0; i < n; i++)
            if (mq_send(q, buf, size, 0) != 0) { perror("mq_send"); _exit(1); }
        _exit(0);
    }
    unsigned prio;
    for (long i = 0; i < n; i++)
        if (mq_receive(q, buf, attr.mq_msgsize, &prio) < 0) { perror("mq_receive"); return 1; }
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
