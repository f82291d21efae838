
use builtin;
use str;

set edit:completion:arg-completer[ipcx] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ipcx'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ipcx'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List System V and POSIX message queues, shared memory and semaphores'
            cand rm 'Remove System V and POSIX message queues, shared memory and semaphores'
            cand key 'Print the System V key that ftok(3) derives from a path and a project id'
            cand signal 'Send, wait for and list signals: see who sent a signal and the value queued with it'
            cand msg 'Send and receive messages on a System V or POSIX message queue'
            cand shm 'Read and write System V shared memory segments and POSIX shared memory objects'
            cand sem 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores'
            cand set 'Change the mode, owner and group of IPC objects, a queue''s size, a segment''s lock'
            cand pipe 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
            cand fifo 'FIFOs (named pipes): make, write, read and remove them, and talk through two'
            cand sock 'Unix domain sockets: serve, connect, and the socketpair demo'
            cand lock 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell'
            cand completions 'Print a shell completion script'
            cand ipcs 'util-linux''s ipcs (also: the binary run as `ipcs`)'
            cand ipcrm 'util-linux''s ipcrm (also: the binary run as `ipcrm`)'
            cand ipcmk 'util-linux''s ipcmk (also: the binary run as `ipcmk`)'
            cand flock 'util-linux''s flock (also: the binary run as `flock`)'
            cand install-links 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux''s tools get ipcx'
            cand generate 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;ls'= {
            cand -o 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. --help lists the columns of each kind'
            cand --output 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. --help lists the columns of each kind'
            cand --ns 'List the objects of another IPC namespace: that of process PID (and its POSIX objects, through its mount namespace), or of a namespace file (a bind mount of /proc/PID/ns/ipc). Entered in a child process; nothing is changed there'
            cand --key 'Only the object with this key (decimal or 0x hex)'
            cand --id 'Only the object with this id'
            cand --owner 'Only objects owned by this user (name or uid), of either family'
            cand -J 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`, `posixmqueues`, `posixsharedmemory`, `posixsemaphores`'
            cand --json 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`, `posixmqueues`, `posixsharedmemory`, `posixsemaphores`'
            cand -r 'Print raw rows: one space between values, spaces inside values as \x20'
            cand --raw 'Print raw rows: one space between values, spaces inside values as \x20'
            cand -e 'Print KEY="value" pairs, one object per line'
            cand --export 'Print KEY="value" pairs, one object per line'
            cand -n 'Leave out the header line'
            cand --no-headings 'Leave out the header line'
            cand -g 'Show every System V limit of /proc/sys/kernel with its current use'
            cand --limits 'Show every System V limit of /proc/sys/kernel with its current use'
            cand --global 'Show every System V limit of /proc/sys/kernel with its current use'
            cand -t 'Add the times of the last send/receive, attach/detach or operation'
            cand --time 'Add the times of the last send/receive, attach/detach or operation'
            cand -c 'Add the creator''s and owner''s user and group'
            cand --creator 'Add the creator''s and owner''s user and group'
            cand -p 'Add the command names of the last sender/receiver or creator/last user'
            cand --pid 'Add the command names of the last sender/receiver or creator/last user'
            cand -a 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed'
            cand --holders 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed'
            cand --attached 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed'
            cand -w 'Add a WAITERS column: for each queue and semaphore of either family, the processes blocked on it and what they wait for (msgrcv''s type and size, semop''s operations), read from /proc/PID/syscall'
            cand --waiters 'Add a WAITERS column: for each queue and semaphore of either family, the processes blocked on it and what they wait for (msgrcv''s type and size, semop''s operations), read from /proc/PID/syscall'
            cand -A 'List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds them), each under a heading naming it, a process in it and its container; JSON: `namespaces`, one entry per namespace with its objects'
            cand --all-namespaces 'List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds them), each under a heading naming it, a process in it and its container; JSON: `namespaces`, one entry per namespace with its objects'
            cand --human 'Sizes as 4K, 1.5M (the default in the table)'
            cand -b 'Sizes in bytes (the default in --raw, --export and --json)'
            cand --bytes 'Sizes in bytes (the default in --raw, --export and --json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand locks 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;ls;locks'= {
            cand -o 'The columns to show, comma-separated (e.g. pid,path); a leading + adds to the default columns'
            cand --output 'The columns to show, comma-separated (e.g. pid,path); a leading + adds to the default columns'
            cand -p 'Only the locks of this process'
            cand --pid 'Only the locks of this process'
            cand --path 'Only the locks on this file'
            cand -J 'Print JSON: a `locks` array, keyed by lslocks'' column names in lower case'
            cand --json 'Print JSON: a `locks` array, keyed by lslocks'' column names in lower case'
            cand -r 'Print raw rows: one space between values, spaces inside values as \x20'
            cand --raw 'Print raw rows: one space between values, spaces inside values as \x20'
            cand -n 'Leave out the header line'
            cand --no-headings 'Leave out the header line'
            cand -b 'Sizes in bytes (the default in --raw and --json)'
            cand --bytes 'Sizes in bytes (the default in --raw and --json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;ls;help'= {
            cand locks 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;ls;help;locks'= {
        }
        &'ipcx;ls;help;help'= {
        }
        &'ipcx;rm'= {
            cand -q 'Remove the message queue with this id'
            cand --queue-id 'Remove the message queue with this id'
            cand -Q 'Remove the message queue with this key'
            cand --queue-key 'Remove the message queue with this key'
            cand -m 'Remove the shared memory segment with this id'
            cand --shmem-id 'Remove the shared memory segment with this id'
            cand -M 'Remove the shared memory segment with this key'
            cand --shmem-key 'Remove the shared memory segment with this key'
            cand -s 'Remove the semaphore set with this id'
            cand --semaphore-id 'Remove the semaphore set with this id'
            cand -S 'Remove the semaphore set with this key'
            cand --semaphore-key 'Remove the semaphore set with this key'
            cand --all 'Remove every object of TYPE (msg, shm, sem, mq, pshm, psem), or of all System V types without one'
            cand --owner 'Only objects owned by this user (name or uid)'
            cand --older-than 'Only objects last changed longer ago than this (e.g. 30m, 2h, 7days): ctime for System V objects, the file''s mtime for POSIX ones'
            cand --ns 'Remove in another IPC namespace: that of process PID (its POSIX objects through its mount namespace) or of a namespace file, entered in a child process'
            cand --orphaned 'Only objects nobody holds (attached, open or mapped) and nobody waits on; for System V objects also the processes they name (creator, last sender and receiver, last attacher, last operator) must be gone. With a bare --all, the System V kinds'
            cand --dry-run 'Print what would be removed and remove nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;key'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;signal'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand send 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
            cand wait 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
            cand list 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;signal;send'= {
            cand --value 'Queue the signal with this integer (sigqueue(3)); the receiver gets it as si_value. Each target must be a process: sigqueue cannot address a process group'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;signal;wait'= {
            cand -n 'End after COUNT signals'
            cand --count 'End after COUNT signals'
            cand --timeout 'Give up after this long (e.g. 500ms, 2s, 1m) with status 3'
            cand --pidfile 'Announce the pid in FILE instead of on stderr. FILE is put in place whole by renaming a new temporary file (a symlink at FILE is replaced, never followed), and removed on exit if it is still the one written'
            cand --json 'One JSON object per line: signal, number, code, pid, uid, value (null unless queued)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;signal;list'= {
            cand --json 'JSON: {\"signals\": [{\"number\", \"name\", \"action\", \"description\"}]}'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;signal;help'= {
            cand send 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
            cand wait 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
            cand list 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;signal;help;send'= {
        }
        &'ipcx;signal;help;wait'= {
        }
        &'ipcx;signal;help;list'= {
        }
        &'ipcx;signal;help;help'= {
        }
        &'ipcx;msg'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand send 'Send messages to a queue'
            cand recv 'Receive (take) messages from a queue and print them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;msg;send'= {
            cand -t 'The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to 32767 (default 0)'
            cand --type 'The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to 32767 (default 0)'
            cand -m 'The permissions of a queue created by --create or private (octal)'
            cand --mode 'The permissions of a queue created by --create or private (octal)'
            cand --max-messages 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)'
            cand --message-size 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)'
            cand --max-bytes 'System V --create: the new queue''s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)'
            cand --timeout 'Wait at most DUR for room for each message, then end with status 3 (e.g. 500ms, 2s)'
            cand --raw 'Send all of stdin as one message, unchanged'
            cand -0 'Split stdin on NUL bytes instead of newlines'
            cand --null 'Split stdin on NUL bytes instead of newlines'
            cand -c 'Create the queue if it does not exist (mode 0600 unless -m)'
            cand --create 'Create the queue if it does not exist (mode 0600 unless -m)'
            cand --exclusive 'With --create: an existing queue is an error (status 1) and is not touched'
            cand --nowait 'Do not wait for room: a full queue ends the command with status 3'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;msg;recv'= {
            cand -t 'Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first)'
            cand --type 'Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first)'
            cand -n 'Take COUNT messages (default 1; with --peek, every queued message)'
            cand --count 'Take COUNT messages (default 1; with --peek, every queued message)'
            cand --timeout 'Wait at most DUR for each message, then end with status 3 (e.g. 500ms, 2s)'
            cand -m 'The permissions of a queue created by --create or private (octal)'
            cand --mode 'The permissions of a queue created by --create or private (octal)'
            cand --max-messages 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)'
            cand --message-size 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)'
            cand --max-bytes 'System V --create: the new queue''s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)'
            cand --except 'Take the first message whose type is not TYPE (MSG_EXCEPT; TYPE must be > 0)'
            cand -f 'Take messages until interrupted'
            cand --follow 'Take messages until interrupted'
            cand --raw 'Print each message exactly as it is, with nothing after it'
            cand -0 'Print a NUL after each message instead of a newline'
            cand --null 'Print a NUL after each message instead of a newline'
            cand --json 'Print one JSON object per message: type, bytes, and text or base64'
            cand --nowait 'Do not wait: an empty queue ends the command with status 3'
            cand --truncate 'Cut a message longer than msgmax to msgmax bytes (MSG_NOERROR) instead of failing'
            cand --peek 'Print queued messages without taking them (MSG_COPY), oldest first'
            cand -c 'Create the queue if it does not exist (mode 0600 unless -m)'
            cand --create 'Create the queue if it does not exist (mode 0600 unless -m)'
            cand --exclusive 'With --create: an existing queue is an error (status 1) and is not touched'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;msg;help'= {
            cand send 'Send messages to a queue'
            cand recv 'Receive (take) messages from a queue and print them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;msg;help;send'= {
        }
        &'ipcx;msg;help;recv'= {
        }
        &'ipcx;msg;help;help'= {
        }
        &'ipcx;shm'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand write 'Write DATA, or stdin, into a segment at an offset'
            cand read 'Print a segment''s bytes (the whole segment by default) on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;shm;write'= {
            cand --offset 'Where in the segment to start writing (bytes; 4K and the like are accepted)'
            cand --size 'The size of a segment --create makes (e.g. 4096, 4K, 1M)'
            cand -m 'The permission bits of a segment --create makes (octal)'
            cand --mode 'The permission bits of a segment --create makes (octal)'
            cand --hugetlb 'System V --create: make the segment of huge pages (SHM_HUGETLB), of the default size or of 2M or 1G; they come from the pool set in /proc/sys/vm/nr_hugepages'
            cand --create 'Create the segment if it does not exist (needs --size); an existing one must have that size'
            cand --exclusive 'With --create: an existing segment is an error (status 1) and is not touched'
            cand --noreserve 'System V --create: set no swap (or huge pages) aside for it (SHM_NORESERVE). Huge pages are still all taken before anything is written, so a shortage is an error, never a crash'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;shm;read'= {
            cand --offset 'Where to start reading (bytes)'
            cand --length 'How many bytes to read (default: to the end of the segment)'
            cand --cstr 'Stop at the first NUL byte (which is not printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;shm;help'= {
            cand write 'Write DATA, or stdin, into a segment at an offset'
            cand read 'Print a segment''s bytes (the whole segment by default) on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;shm;help;write'= {
        }
        &'ipcx;shm;help;read'= {
        }
        &'ipcx;shm;help;help'= {
        }
        &'ipcx;sem'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand init 'Create a semaphore set with one semaphore per VALUE'
            cand p 'Take (P): decrement a semaphore, waiting while it is too small'
            cand v 'Give (V): increment a semaphore, waking those waiting for it'
            cand get 'Print the value of each semaphore of a set, one per line'
            cand op 'Apply several operations to a set in one semop(2): all of them happen, or none'
            cand set 'Set one semaphore''s value (SETVAL), leaving the others as they are'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;sem;init'= {
            cand -m 'The permission bits of the new set (octal)'
            cand --mode 'The permission bits of the new set (octal)'
            cand --force 'If the set exists, set its values instead of failing'
            cand --exclusive 'An existing set or semaphore is an error (status 1) and is not touched (IPC_EXCL / O_EXCL): what `init` does without --force, said explicitly, as `msg send` and `shm write` say it with --create'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sem;p'= {
            cand -n 'Which semaphore of the set'
            cand --index 'Which semaphore of the set'
            cand -c 'How much to take'
            cand --count 'How much to take'
            cand --timeout 'Wait at most this long (e.g. 500ms, 5s), then status 3'
            cand --nowait 'Do not wait: status 3 if the semaphore is too small now'
            cand --no-undo 'With CMD: take without SEM_UNDO (POSIX: without a supervisor), so the token stays taken after CMD ends'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sem;v'= {
            cand -n 'Which semaphore of the set'
            cand --index 'Which semaphore of the set'
            cand -c 'How much to give'
            cand --count 'How much to give'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;sem;get'= {
            cand --json 'Print JSON: the set''s key and id (POSIX: its name), and value, ncnt, zcnt and pid per semaphore (null for POSIX, which does not record them)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;sem;op'= {
            cand --timeout 'Wait at most this long (e.g. 500ms, 5s), then status 3'
            cand --undo 'Do them with SEM_UNDO: the kernel undoes them when this process ends (always so with CMD)'
            cand --nowait 'Do not wait: status 3 if they cannot all be done now'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sem;set'= {
            cand -n 'Which semaphore of the set'
            cand --index 'Which semaphore of the set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sem;help'= {
            cand init 'Create a semaphore set with one semaphore per VALUE'
            cand p 'Take (P): decrement a semaphore, waiting while it is too small'
            cand v 'Give (V): increment a semaphore, waking those waiting for it'
            cand get 'Print the value of each semaphore of a set, one per line'
            cand op 'Apply several operations to a set in one semop(2): all of them happen, or none'
            cand set 'Set one semaphore''s value (SETVAL), leaving the others as they are'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;sem;help;init'= {
        }
        &'ipcx;sem;help;p'= {
        }
        &'ipcx;sem;help;v'= {
        }
        &'ipcx;sem;help;get'= {
        }
        &'ipcx;sem;help;op'= {
        }
        &'ipcx;sem;help;set'= {
        }
        &'ipcx;sem;help;help'= {
        }
        &'ipcx;set'= {
            cand -m 'The new permission bits (octal, e.g. 640)'
            cand --mode 'The new permission bits (octal, e.g. 640)'
            cand --owner 'The new owner, and with :GROUP the new group (names or numbers)'
            cand --group 'The new group (a name or a number)'
            cand --max-bytes 'A System V queue''s msg_qbytes: the most bytes it holds (e.g. 64K, 1M)'
            cand --lock 'Lock a System V segment in memory (SHM_LOCK): it is never swapped out'
            cand --unlock 'Unlock a System V segment (SHM_UNLOCK)'
            cand --dry-run 'Print what would change and change nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;pipe'= {
            cand -c 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)'
            cand --command 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)'
            cand --size 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size'
            cand --packet 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one'
            cand --both-ways 'Close the loop: the last command''s output feeds the first''s input (with one command, ipcx feeds it from stdin and copies its output to stdout)'
            cand --progress 'Show bytes moved, rate and elapsed time on stderr while relaying'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand info 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;pipe;info'= {
            cand --json 'Print JSON'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;pipe;help'= {
            cand info 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;pipe;help;info'= {
        }
        &'ipcx;pipe;help;help'= {
        }
        &'ipcx;fifo'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand mk 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
            cand write 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
            cand read 'Copy what is written into a FIFO to stdout, until the writer closes it'
            cand rm 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
            cand talk 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;fifo;mk'= {
            cand -m 'The permission mode, in octal'
            cand --mode 'The permission mode, in octal'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;fifo;write'= {
            cand --timeout 'Give up (status 3) when the open and the transfer take longer than this'
            cand --create 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the write is interrupted or times out before a reader came'
            cand --nowait 'Fail at once (status 3) when no reader has the FIFO open'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;fifo;read'= {
            cand --timeout 'Give up (status 3) when the open and the transfer take longer than this'
            cand -f 'Keep reading across successive writers (until interrupted or --timeout)'
            cand --follow 'Keep reading across successive writers (until interrupted or --timeout)'
            cand --create 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the read is interrupted or times out'
            cand --nowait 'Fail at once (status 3) when no writer has the FIFO open'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;fifo;rm'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;fifo;talk'= {
            cand --create 'Make IN and OUT (mode 0600) if they do not exist; one made here is removed again if the talk is interrupted before the other side came'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;fifo;help'= {
            cand mk 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
            cand write 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
            cand read 'Copy what is written into a FIFO to stdout, until the writer closes it'
            cand rm 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
            cand talk 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;fifo;help;mk'= {
        }
        &'ipcx;fifo;help;write'= {
        }
        &'ipcx;fifo;help;read'= {
        }
        &'ipcx;fifo;help;rm'= {
        }
        &'ipcx;fifo;help;talk'= {
        }
        &'ipcx;fifo;help;help'= {
        }
        &'ipcx;sock'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;sock;serve'= {
            cand -m 'The socket file''s permission mode, in octal'
            cand --mode 'The socket file''s permission mode, in octal'
            cand --dgram 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
            cand --seqpacket 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
            cand --raw 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
            cand --echo 'Send back whatever each client sends'
            cand --once 'Serve one client (or, with --dgram, one datagram) and end'
            cand --creds 'Log each peer''s pid, uid and gid on stderr'
            cand --recv-fds 'Give CMD the descriptors the client sends with its first data (SCM_RIGHTS), as its descriptors 3, 4, … with IPCX_FDS naming them ("3 4"). CMD starts once that first data has come, and reads all of it: the descriptors are only peeked with it. Meanwhile other connections are accepted and served'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sock;connect'= {
            cand --timeout 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once. With --dgram, DUR is also how long to wait for the next reply after the end of stdin (default 500ms; 0 waits for none)'
            cand --send-fd 'Pass this open descriptor to the server with the first data (repeat, or give several: --send-fd 3 4)'
            cand --dgram 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
            cand --seqpacket 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
            cand --raw 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
            cand --creds 'Show the server''s pid, uid and gid (SO_PEERCRED) on stderr once connected'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sock;pair'= {
            cand -c 'A shell command holding one end (give exactly two: -c A -c B)'
            cand --command 'A shell command holding one end (give exactly two: -c A -c B)'
            cand --dgram 'A datagram pair (SOCK_DGRAM): each write is one message'
            cand --seqpacket 'A sequenced-packet pair (SOCK_SEQPACKET): each write is one message, and an end that closes is seen as end of file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sock;help'= {
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;sock;help;serve'= {
        }
        &'ipcx;sock;help;connect'= {
        }
        &'ipcx;sock;help;pair'= {
        }
        &'ipcx;sock;help;help'= {
        }
        &'ipcx;lock'= {
            cand --api 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)'
            cand --range 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only'
            cand -w 'Wait at most this long (e.g. 500ms, 5s), then status 3'
            cand --timeout 'Wait at most this long (e.g. 500ms, 5s), then status 3'
            cand -m 'The permission bits of a file this creates (octal)'
            cand --mode 'The permission bits of a file this creates (octal)'
            cand -s 'A shared (read) lock: others may share it; an exclusive one waits'
            cand --shared 'A shared (read) lock: others may share it; an exclusive one waits'
            cand -x 'An exclusive (write) lock (the default)'
            cand --exclusive 'An exclusive (write) lock (the default)'
            cand -n 'Give up at once (status 3) when the lock is held'
            cand --nowait 'Give up at once (status 3) when the lock is held'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand test 'Say whether a lock could be taken now, and print the lock in the way if not'
        }
        &'ipcx;lock;test'= {
            cand --api 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)'
            cand --range 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only'
            cand -s 'A shared (read) lock: others may share it; an exclusive one waits'
            cand --shared 'A shared (read) lock: others may share it; an exclusive one waits'
            cand -x 'An exclusive (write) lock (the default)'
            cand --exclusive 'An exclusive (write) lock (the default)'
            cand --json 'Print JSON: the conflicting lock, or null'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;ipcs'= {
        }
        &'ipcx;ipcrm'= {
        }
        &'ipcx;ipcmk'= {
        }
        &'ipcx;flock'= {
        }
        &'ipcx;install-links'= {
            cand --force 'Replace files of those names that are not links to ipcx'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;generate'= {
            cand --out 'The directory that receives completions/ and man/'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;help'= {
            cand ls 'List System V and POSIX message queues, shared memory and semaphores'
            cand rm 'Remove System V and POSIX message queues, shared memory and semaphores'
            cand key 'Print the System V key that ftok(3) derives from a path and a project id'
            cand signal 'Send, wait for and list signals: see who sent a signal and the value queued with it'
            cand msg 'Send and receive messages on a System V or POSIX message queue'
            cand shm 'Read and write System V shared memory segments and POSIX shared memory objects'
            cand sem 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores'
            cand set 'Change the mode, owner and group of IPC objects, a queue''s size, a segment''s lock'
            cand pipe 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
            cand fifo 'FIFOs (named pipes): make, write, read and remove them, and talk through two'
            cand sock 'Unix domain sockets: serve, connect, and the socketpair demo'
            cand lock 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell'
            cand completions 'Print a shell completion script'
            cand ipcs 'util-linux''s ipcs (also: the binary run as `ipcs`)'
            cand ipcrm 'util-linux''s ipcrm (also: the binary run as `ipcrm`)'
            cand ipcmk 'util-linux''s ipcmk (also: the binary run as `ipcmk`)'
            cand flock 'util-linux''s flock (also: the binary run as `flock`)'
            cand install-links 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux''s tools get ipcx'
            cand generate 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;help;ls'= {
            cand locks 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
        }
        &'ipcx;help;ls;locks'= {
        }
        &'ipcx;help;rm'= {
        }
        &'ipcx;help;key'= {
        }
        &'ipcx;help;signal'= {
            cand send 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
            cand wait 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
            cand list 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
        }
        &'ipcx;help;signal;send'= {
        }
        &'ipcx;help;signal;wait'= {
        }
        &'ipcx;help;signal;list'= {
        }
        &'ipcx;help;msg'= {
            cand send 'Send messages to a queue'
            cand recv 'Receive (take) messages from a queue and print them'
        }
        &'ipcx;help;msg;send'= {
        }
        &'ipcx;help;msg;recv'= {
        }
        &'ipcx;help;shm'= {
            cand write 'Write DATA, or stdin, into a segment at an offset'
            cand read 'Print a segment''s bytes (the whole segment by default) on stdout'
        }
        &'ipcx;help;shm;write'= {
        }
        &'ipcx;help;shm;read'= {
        }
        &'ipcx;help;sem'= {
            cand init 'Create a semaphore set with one semaphore per VALUE'
            cand p 'Take (P): decrement a semaphore, waiting while it is too small'
            cand v 'Give (V): increment a semaphore, waking those waiting for it'
            cand get 'Print the value of each semaphore of a set, one per line'
            cand op 'Apply several operations to a set in one semop(2): all of them happen, or none'
            cand set 'Set one semaphore''s value (SETVAL), leaving the others as they are'
        }
        &'ipcx;help;sem;init'= {
        }
        &'ipcx;help;sem;p'= {
        }
        &'ipcx;help;sem;v'= {
        }
        &'ipcx;help;sem;get'= {
        }
        &'ipcx;help;sem;op'= {
        }
        &'ipcx;help;sem;set'= {
        }
        &'ipcx;help;set'= {
        }
        &'ipcx;help;pipe'= {
            cand info 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
        }
        &'ipcx;help;pipe;info'= {
        }
        &'ipcx;help;fifo'= {
            cand mk 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
            cand write 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
            cand read 'Copy what is written into a FIFO to stdout, until the writer closes it'
            cand rm 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
            cand talk 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
        }
        &'ipcx;help;fifo;mk'= {
        }
        &'ipcx;help;fifo;write'= {
        }
        &'ipcx;help;fifo;read'= {
        }
        &'ipcx;help;fifo;rm'= {
        }
        &'ipcx;help;fifo;talk'= {
        }
        &'ipcx;help;sock'= {
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
        }
        &'ipcx;help;sock;serve'= {
        }
        &'ipcx;help;sock;connect'= {
        }
        &'ipcx;help;sock;pair'= {
        }
        &'ipcx;help;lock'= {
            cand test 'Say whether a lock could be taken now, and print the lock in the way if not'
        }
        &'ipcx;help;lock;test'= {
        }
        &'ipcx;help;completions'= {
        }
        &'ipcx;help;ipcs'= {
        }
        &'ipcx;help;ipcrm'= {
        }
        &'ipcx;help;ipcmk'= {
        }
        &'ipcx;help;flock'= {
        }
        &'ipcx;help;install-links'= {
        }
        &'ipcx;help;generate'= {
        }
        &'ipcx;help;help'= {
        }
    ]
    $completions[$command]
}
