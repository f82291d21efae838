/* sink MODE EXPECT: reads stdin to its end and throws it away — MODE read: read(2) into a
 * 256 KiB buffer; MODE splice: splice(2) into /dev/null (no copy at all). Fails unless
 * exactly EXPECT bytes came, so a benchmark never times a transfer that was cut short. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
static char buf[CHUNK];

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: sink read|splice EXPECT\n"); return 2; }
    int use_splice = strcmp(argv[1], "splice") == 0;
    unsigned long long expect = strtoull(argv[2], NULL, 10), got = 0;
    int null = open("/dev/null", O_WRONLY);
    for (;;) {
        ssize_t n = use_splice ? splice(0, NULL, null, NULL, 1 << 20, SPLICE_F_MOVE)
                               : read(0, buf, CHUNK);
        if (n == 0) break;
        if (n < 0) { perror("sink"); return 1; }
        got += (unsigned long long)n;
    }
    if (got != expect) { fprintf(stderr, "sink: got %llu bytes, expected %llu\n", got, expect); return 1; }
    return 0;
}
