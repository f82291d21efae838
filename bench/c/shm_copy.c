/* Raw baselines for bench/cases/shmsem.sh.
 *   shm_copy write KEY SIZE < FILE   create the segment, read stdin straight into it
 *   shm_copy read KEY > OUT          attach read-only, write the whole segment to stdout
 * What `ipcx shm write --create` and `ipcx shm read` do, without anything else. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(1); }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: shm_copy write KEY SIZE | read KEY\n"); return 2; }
    key_t key = (key_t)strtol(argv[2], NULL, 0);
    if (strcmp(argv[1], "write") == 0 && argc == 4) {
        size_t size = strtoull(argv[3], NULL, 0);
        int id = shmget(key, size, IPC_CREAT | 0600);
        if (id < 0) die("shmget");
        char *seg = shmat(id, NULL, 0);
        if (seg == (void *)-1) die("shmat");
        size_t done = 0;
        while (done < size) {
            size_t want = size - done > (1u << 30) ? (1u << 30) : size - done;
            ssize_t got = read(0, seg + done, want);
            if (got < 0) { if (errno == EINTR) continue; die("read"); }
            if (got == 0) break;
            done += (size_t)got;
        }
        shmdt(seg);
        return 0;
    }
    if (strcmp(argv[1], "read") == 0) {
        int id = shmget(key, 0, 0);
        if (id < 0) die("shmget");
        struct shmid_ds ds;
        if (shmctl(id, IPC_STAT, &ds) < 0) die("shmctl");
        char *seg = shmat(id, NULL, SHM_RDONLY);
        if (seg == (void *)-1) die("shmat");
        size_t done = 0;
        while (done < ds.shm_segsz) {
            ssize_t put = write(1, seg + done, ds.shm_segsz - done);
            if (put < 0) { if (errno == EINTR) continue; die("write"); }
            done += (size_t)put;
        }
        shmdt(seg);
        return 0;
    }
    fprintf(stderr, "usage: shm_copy write KEY SIZE | read KEY\n");
    return 2;
}
