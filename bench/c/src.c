/* src BYTES [vmsplice]: writes BYTES to stdout from one 256 KiB buffer, with write(2), or
 * with vmsplice(2) (pages handed to the pipe without a copy) so the writer costs nothing. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
static char buf[CHUNK] __attribute__((aligned(4096)));

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: src BYTES [vmsplice]\n"); return 2; }
    unsigned long long left = strtoull(argv[1], NULL, 10);
    int gift = argc > 2 && strcmp(argv[2], "vmsplice") == 0;
    for (size_t i = 0; i < CHUNK; i++) buf[i] = (char)(i * 7 + 1);
    while (left > 0) {
        size_t want = left < CHUNK ? (size_t)left : CHUNK;
        ssize_t n;
        if (gift) {
            struct iovec iov = { buf, want };
            n = vmsplice(1, &iov, 1, 0);
        } else {
            n = write(1, buf, want);
        }
        if (n <= 0) { perror("src"); return 1; }
        left -= (unsigned long long)n;
    }
    return 0;
}
