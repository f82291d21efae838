/* raw pipe|sock BYTES: the baseline — a parent writes BYTES from a 256 KiB buffer with
 * write(2), a forked child reads them with read(2) into a 256 KiB buffer, over a pipe(2)
 * or over a connected unix stream socket (socketpair(2)). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
static char buf[CHUNK];

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: raw pipe|sock BYTES\n"); return 2; }
    unsigned long long left = strtoull(argv[2], NULL, 10);
    int fds[2];
    int rd, wr;
    if (strcmp(argv[1], "pipe") == 0) {
        if (pipe(fds)) { perror("pipe"); return 1; }
        rd = fds[0]; wr = fds[1];
    } else {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds)) { perror("socketpair"); return 1; }
        rd = fds[0]; wr = fds[1];
    }
    pid_t child = fork();
    if (child == 0) {
        close(wr);
        for (;;) {
            ssize_t n = read(rd, buf, CHUNK);
            if (n == 0) _exit(0);
            if (n < 0) { perror("read"); _exit(1); }
        }
    }
    close(rd);
    for (size_t i = 0; i < CHUNK; i++) buf[i] = (char)(i * 7 + 1);
    while (left > 0) {
        size_t want = left < CHUNK ? (size_t)left : CHUNK;
        ssize_t n = write(wr, buf, want);
        if (n <= 0) { perror("write"); return 1; }
        left -= (unsigned long long)n;
    }
    close(wr);
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
