/* Holds COUNT disjoint POSIX (F_SETLK) write locks on FILE — bytes 0, 2, 4, ... (a gap
 * between each, so the kernel cannot merge them) — prints "ready" and waits to be killed.
 * For bench/cases/locks.sh: `ipcx ls locks` against `lslocks` with many locks held. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: ranges FILE COUNT\n");
		return 2;
	}
	long count = atol(argv[2]);
	int fd = open(argv[1], O_RDWR | O_CREAT, 0600);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	for (long i = 0; i < count; i++) {
		struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2 * i, .l_len = 1 };
		if (fcntl(fd, F_SETLK, &lock) < 0) {
			perror("fcntl");
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	pause();
	return 0;
}
