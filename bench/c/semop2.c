/* The baseline of `ipcx sem op KEY 0-1 1+1` (bench/cases/control.sh): semget of KEY, then
 * one semop of two operations — take one from semaphore 0, give one to semaphore 1. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/sem.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: semop2 KEY\n");
        return 2;
    }
    key_t key = (key_t)strtol(argv[1], NULL, 0);
    int semid = semget(key, 0, 0);
    if (semid < 0) {
        perror("semget");
        return 1;
    }
    struct sembuf ops[2] = {{0, -1, 0}, {1, 1, 0}};
    if (semop(semid, ops, 2) < 0) {
        perror("semop");
        return 1;
    }
    return 0;
}
