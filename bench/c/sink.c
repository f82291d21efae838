/* sink [splice]: reads stdin to its end and throws it away, with read(2) into a 256 KiB
 * buffer, or with splice(2) into /dev/null (no copy at all). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (256 * 1024)
static char buf[CHUNK];

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "splice") == 0) {
        int null = open("/dev/null", O_WRONLY);
        for (;;) {
            ssize_t n = splice(0, NULL, null, NULL, 1 << 20, SPLICE_F_MOVE);
            if (n == 0) return 0;
            if (n < 0) { perror("sink"); return 1; }
        }
    }
    for (;;) {
        ssize_t n = read(0, buf, CHUNK);
        if (n == 0) return 0;
        if (n < 0) { perror("sink"); return 1; }
    }
}
