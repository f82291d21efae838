/* The baseline of `ipcx set msg KEY --mode 640` (bench/cases/control.sh): msgget of KEY,
 * IPC_STAT, the new permission bits, IPC_SET. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/msg.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: msgmode KEY MODE\n");
        return 2;
    }
    key_t key = (key_t)strtol(argv[1], NULL, 0);
    int msqid = msgget(key, 0);
    if (msqid < 0) {
        perror("msgget");
        return 1;
    }
    struct msqid_ds ds;
    if (msgctl(msqid, IPC_STAT, &ds) < 0) {
        perror("msgctl IPC_STAT");
        return 1;
    }
    ds.msg_perm.mode = (ds.msg_perm.mode & ~0777) | (strtol(argv[2], NULL, 8) & 0777);
    if (msgctl(msqid, IPC_SET, &ds) < 0) {
        perror("msgctl IPC_SET");
        return 1;
    }
    return 0;
}
