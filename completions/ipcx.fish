# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ipcx_global_optspecs
    string join \n h/help V/version
end

function __fish_ipcx_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ipcx_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ipcx_using_subcommand
    set -l cmd (__fish_ipcx_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ipcx -n "__fish_ipcx_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_needs_command" -s V -l version -d 'Print version'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "ls" -d 'List System V and POSIX message queues, shared memory and semaphores'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "rm" -d 'Remove System V and POSIX message queues, shared memory and semaphores'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "key" -d 'Print the System V key that ftok(3) derives from a path and a project id'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "signal" -d 'Send, wait for and list signals: see who sent a signal and the value queued with it'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "msg" -d 'Send and receive messages on a System V or POSIX message queue'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "shm" -d 'Read and write System V shared memory segments and POSIX shared memory objects'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "sem" -d 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "set" -d 'Change the mode, owner and group of IPC objects, a queue\'s size, a segment\'s lock'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "pipe" -d 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "fifo" -d 'FIFOs (named pipes): make, write, read and remove them, and talk through two'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "sock" -d 'Unix domain sockets: serve, connect, and the socketpair demo'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "lock" -d 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "ipcs" -d 'util-linux\'s ipcs (also: the binary run as `ipcs`)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "ipcrm" -d 'util-linux\'s ipcrm (also: the binary run as `ipcrm`)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "ipcmk" -d 'util-linux\'s ipcmk (also: the binary run as `ipcmk`)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "flock" -d 'util-linux\'s flock (also: the binary run as `flock`)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "install-links" -d 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux\'s tools get ipcx'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s o -l output -d 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. --help lists the columns of each kind' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -l ns -d 'List the objects of another IPC namespace: that of process PID (and its POSIX objects, through its mount namespace), or of a namespace file (a bind mount of /proc/PID/ns/ipc). Entered in a child process; nothing is changed there' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -l key -d 'Only the object with this key (decimal or 0x hex)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -l id -d 'Only the object with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -l owner -d 'Only objects owned by this user (name or uid), of either family' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s J -l json -d 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`, `posixmqueues`, `posixsharedmemory`, `posixsemaphores`'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s r -l raw -d 'Print raw rows: one space between values, spaces inside values as \\x20'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s e -l export -d 'Print KEY="value" pairs, one object per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s n -l no-headings -d 'Leave out the header line'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s g -l limits -l global -d 'Show every System V limit of /proc/sys/kernel with its current use'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s t -l time -d 'Add the times of the last send/receive, attach/detach or operation'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s c -l creator -d 'Add the creator\'s and owner\'s user and group'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s p -l pid -d 'Add the command names of the last sender/receiver or creator/last user'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s a -l holders -l attached -d 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s w -l waiters -d 'Add a WAITERS column: for each queue and semaphore of either family, the processes blocked on it and what they wait for (msgrcv\'s type and size, semop\'s operations), read from /proc/PID/syscall'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s A -l all-namespaces -d 'List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds them), each under a heading naming it, a process in it and its container; JSON: `namespaces`, one entry per namespace with its objects'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -l human -d 'Sizes as 4K, 1.5M (the default in the table)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s b -l bytes -d 'Sizes in bytes (the default in --raw, --export and --json)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -a "locks" -d 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and not __fish_seen_subcommand_from locks help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s o -l output -d 'The columns to show, comma-separated (e.g. pid,path); a leading + adds to the default columns' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s p -l pid -d 'Only the locks of this process' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -l path -d 'Only the locks on this file' -r -F
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s J -l json -d 'Print JSON: a `locks` array, keyed by lslocks\' column names in lower case'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s r -l raw -d 'Print raw rows: one space between values, spaces inside values as \\x20'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s n -l no-headings -d 'Leave out the header line'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s b -l bytes -d 'Sizes in bytes (the default in --raw and --json)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from locks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from help" -f -a "locks" -d 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s q -l queue-id -d 'Remove the message queue with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s Q -l queue-key -d 'Remove the message queue with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s m -l shmem-id -d 'Remove the shared memory segment with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s M -l shmem-key -d 'Remove the shared memory segment with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s s -l semaphore-id -d 'Remove the semaphore set with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s S -l semaphore-key -d 'Remove the semaphore set with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l all -d 'Remove every object of TYPE (msg, shm, sem, mq, pshm, psem), or of all System V types without one' -r -f -a "msg\t''
shm\t''
sem\t''
mq\t'POSIX message queues (/dev/mqueue)'
pshm\t'POSIX shared memory (/dev/shm)'
psem\t'POSIX semaphores (/dev/shm/sem.*)'"
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l owner -d 'Only objects owned by this user (name or uid)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l older-than -d 'Only objects last changed longer ago than this (e.g. 30m, 2h, 7days): ctime for System V objects, the file\'s mtime for POSIX ones' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l ns -d 'Remove in another IPC namespace: that of process PID (its POSIX objects through its mount namespace) or of a namespace file, entered in a child process' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l orphaned -d 'Only objects nobody holds (attached, open or mapped) and nobody waits on; for System V objects also the processes they name (creator, last sender and receiver, last attacher, last operator) must be gone. With a bare --all, the System V kinds'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l dry-run -d 'Print what would be removed and remove nothing'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand key" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and not __fish_seen_subcommand_from send wait list help" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and not __fish_seen_subcommand_from send wait list help" -f -a "send" -d 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and not __fish_seen_subcommand_from send wait list help" -f -a "wait" -d 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and not __fish_seen_subcommand_from send wait list help" -f -a "list" -d 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and not __fish_seen_subcommand_from send wait list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from send" -l value -d 'Queue the signal with this integer (sigqueue(3)); the receiver gets it as si_value. Each target must be a process: sigqueue cannot address a process group' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from wait" -s n -l count -d 'End after COUNT signals' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after this long (e.g. 500ms, 2s, 1m) with status 3' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from wait" -l pidfile -d 'Announce the pid in FILE instead of on stderr. FILE is put in place whole by renaming a new temporary file (a symlink at FILE is replaced, never followed), and removed on exit if it is still the one written' -r -F
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from wait" -l json -d 'One JSON object per line: signal, number, code, pid, uid, value (null unless queued)'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from list" -l json -d 'JSON: {\\"signals\\": [{\\"number\\", \\"name\\", \\"action\\", \\"description\\"}]}'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
complete -c ipcx -n "__fish_ipcx_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and not __fish_seen_subcommand_from send recv help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and not __fish_seen_subcommand_from send recv help" -f -a "send" -d 'Send messages to a queue'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and not __fish_seen_subcommand_from send recv help" -f -a "recv" -d 'Receive (take) messages from a queue and print them'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and not __fish_seen_subcommand_from send recv help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -s t -l type -d 'The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to 32767 (default 0)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -s m -l mode -d 'The permissions of a queue created by --create or private (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l max-messages -d 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l message-size -d 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l max-bytes -d 'System V --create: the new queue\'s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l timeout -d 'Wait at most DUR for room for each message, then end with status 3 (e.g. 500ms, 2s)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l raw -d 'Send all of stdin as one message, unchanged'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -s 0 -l null -d 'Split stdin on NUL bytes instead of newlines'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -s c -l create -d 'Create the queue if it does not exist (mode 0600 unless -m)'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l exclusive -d 'With --create: an existing queue is an error (status 1) and is not touched'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -l nowait -d 'Do not wait for room: a full queue ends the command with status 3'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s t -l type -d 'Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s n -l count -d 'Take COUNT messages (default 1; with --peek, every queued message)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l timeout -d 'Wait at most DUR for each message, then end with status 3 (e.g. 500ms, 2s)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s m -l mode -d 'The permissions of a queue created by --create or private (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l max-messages -d 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l message-size -d 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l max-bytes -d 'System V --create: the new queue\'s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l except -d 'Take the first message whose type is not TYPE (MSG_EXCEPT; TYPE must be > 0)'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s f -l follow -d 'Take messages until interrupted'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l raw -d 'Print each message exactly as it is, with nothing after it'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s 0 -l null -d 'Print a NUL after each message instead of a newline'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l json -d 'Print one JSON object per message: type, bytes, and text or base64'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l nowait -d 'Do not wait: an empty queue ends the command with status 3'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l truncate -d 'Cut a message longer than msgmax to msgmax bytes (MSG_NOERROR) instead of failing'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l peek -d 'Print queued messages without taking them (MSG_COPY), oldest first'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s c -l create -d 'Create the queue if it does not exist (mode 0600 unless -m)'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -l exclusive -d 'With --create: an existing queue is an error (status 1) and is not touched'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from recv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send messages to a queue'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from help" -f -a "recv" -d 'Receive (take) messages from a queue and print them'
complete -c ipcx -n "__fish_ipcx_using_subcommand msg; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l offset -d 'Where in the segment to start writing (bytes; 4K and the like are accepted)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l size -d 'The size of a segment --create makes (e.g. 4096, 4K, 1M)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -s m -l mode -d 'The permission bits of a segment --create makes (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l hugetlb -d 'System V --create: make the segment of huge pages (SHM_HUGETLB), of the default size or of 2M or 1G; they come from the pool set in /proc/sys/vm/nr_hugepages' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l create -d 'Create the segment if it does not exist (needs --size); an existing one must have that size'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l exclusive -d 'With --create: an existing segment is an error (status 1) and is not touched'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l noreserve -d 'System V --create: set no swap (or huge pages) aside for it (SHM_NORESERVE). Huge pages are still all taken before anything is written, so a shortage is an error, never a crash'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l offset -d 'Where to start reading (bytes)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l length -d 'How many bytes to read (default: to the end of the segment)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l cstr -d 'Stop at the first NUL byte (which is not printed)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "op" -d 'Apply several operations to a set in one semop(2): all of them happen, or none'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "set" -d 'Set one semaphore\'s value (SETVAL), leaving the others as they are'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get op set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -s m -l mode -d 'The permission bits of the new set (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -l force -d 'If the set exists, set its values instead of failing'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -l exclusive -d 'An existing set or semaphore is an error (status 1) and is not touched (IPC_EXCL / O_EXCL): what `init` does without --force, said explicitly, as `msg send` and `shm write` say it with --create'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s n -l index -d 'Which semaphore of the set' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s c -l count -d 'How much to take' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l timeout -d 'Wait at most this long (e.g. 500ms, 5s), then status 3' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l nowait -d 'Do not wait: status 3 if the semaphore is too small now'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l no-undo -d 'With CMD: take without SEM_UNDO (POSIX: without a supervisor), so the token stays taken after CMD ends'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s n -l index -d 'Which semaphore of the set' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s c -l count -d 'How much to give' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from get" -l json -d 'Print JSON: the set\'s key and id (POSIX: its name), and value, ncnt, zcnt and pid per semaphore (null for POSIX, which does not record them)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from op" -l timeout -d 'Wait at most this long (e.g. 500ms, 5s), then status 3' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from op" -l undo -d 'Do them with SEM_UNDO: the kernel undoes them when this process ends (always so with CMD)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from op" -l nowait -d 'Do not wait: status 3 if they cannot all be done now'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from op" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from set" -s n -l index -d 'Which semaphore of the set' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "op" -d 'Apply several operations to a set in one semop(2): all of them happen, or none'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one semaphore\'s value (SETVAL), leaving the others as they are'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -s m -l mode -d 'The new permission bits (octal, e.g. 640)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l owner -d 'The new owner, and with :GROUP the new group (names or numbers)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l group -d 'The new group (a name or a number)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l max-bytes -d 'A System V queue\'s msg_qbytes: the most bytes it holds (e.g. 64K, 1M)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l lock -d 'Lock a System V segment in memory (SHM_LOCK): it is never swapped out'
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l unlock -d 'Unlock a System V segment (SHM_UNLOCK)'
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -l dry-run -d 'Print what would change and change nothing'
complete -c ipcx -n "__fish_ipcx_using_subcommand set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -s c -l command -d 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l size -d 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l packet -d 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l both-ways -d 'Close the loop: the last command\'s output feeds the first\'s input (with one command, ipcx feeds it from stdin and copies its output to stdout)'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l progress -d 'Show bytes moved, rate and elapsed time on stderr while relaying'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from info" -l json -d 'Print JSON'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "talk" -d 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm talk help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from mk" -s m -l mode -d 'The permission mode, in octal' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from mk" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from write" -l timeout -d 'Give up (status 3) when the open and the transfer take longer than this' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from write" -l create -d 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the write is interrupted or times out before a reader came'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from write" -l nowait -d 'Fail at once (status 3) when no reader has the FIFO open'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from read" -l timeout -d 'Give up (status 3) when the open and the transfer take longer than this' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from read" -s f -l follow -d 'Keep reading across successive writers (until interrupted or --timeout)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from read" -l create -d 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the read is interrupted or times out'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from read" -l nowait -d 'Fail at once (status 3) when no writer has the FIFO open'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from talk" -l create -d 'Make IN and OUT (mode 0600) if they do not exist; one made here is removed again if the talk is interrupted before the other side came'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from talk" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "talk" -d 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "pair" -d 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -s m -l mode -d 'The socket file\'s permission mode, in octal' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l dgram -d 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l seqpacket -d 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l raw -d 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l echo -d 'Send back whatever each client sends'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l once -d 'Serve one client (or, with --dgram, one datagram) and end'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l creds -d 'Log each peer\'s pid, uid and gid on stderr'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l recv-fds -d 'Give CMD the descriptors the client sends with its first data (SCM_RIGHTS), as its descriptors 3, 4, … with IPCX_FDS naming them ("3 4"). CMD starts once that first data has come, and reads all of it: the descriptors are only peeked with it. Meanwhile other connections are accepted and served'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l timeout -d 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once. With --dgram, DUR is also how long to wait for the next reply after the end of stdin (default 500ms; 0 waits for none)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l send-fd -d 'Pass this open descriptor to the server with the first data (repeat, or give several: --send-fd 3 4)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l dgram -d 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l seqpacket -d 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l raw -d 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l creds -d 'Show the server\'s pid, uid and gid (SO_PEERCRED) on stderr once connected'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from pair" -s c -l command -d 'A shell command holding one end (give exactly two: -c A -c B)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from pair" -l dgram -d 'A datagram pair (SOCK_DGRAM): each write is one message'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from pair" -l seqpacket -d 'A sequenced-packet pair (SOCK_SEQPACKET): each write is one message, and an end that closes is seen as end of file'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from pair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "pair" -d 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -l api -d 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)' -r -f -a "flock\t''
ofd\t''
posix\t''"
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -l range -d 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s w -l timeout -d 'Wait at most this long (e.g. 500ms, 5s), then status 3' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s m -l mode -d 'The permission bits of a file this creates (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s s -l shared -d 'A shared (read) lock: others may share it; an exclusive one waits'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s x -l exclusive -d 'An exclusive (write) lock (the default)'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s n -l nowait -d 'Give up at once (status 3) when the lock is held'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and not __fish_seen_subcommand_from test" -a "test" -d 'Say whether a lock could be taken now, and print the lock in the way if not'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -l api -d 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)' -r -f -a "flock\t''
ofd\t''
posix\t''"
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -l range -d 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -s s -l shared -d 'A shared (read) lock: others may share it; an exclusive one waits'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -s x -l exclusive -d 'An exclusive (write) lock (the default)'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -l json -d 'Print JSON: the conflicting lock, or null'
complete -c ipcx -n "__fish_ipcx_using_subcommand lock; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand install-links" -l force -d 'Replace files of those names that are not links to ipcx'
complete -c ipcx -n "__fish_ipcx_using_subcommand install-links" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -l out -d 'The directory that receives completions/ and man/' -r -F
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "ls" -d 'List System V and POSIX message queues, shared memory and semaphores'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "rm" -d 'Remove System V and POSIX message queues, shared memory and semaphores'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "key" -d 'Print the System V key that ftok(3) derives from a path and a project id'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "signal" -d 'Send, wait for and list signals: see who sent a signal and the value queued with it'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "msg" -d 'Send and receive messages on a System V or POSIX message queue'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "shm" -d 'Read and write System V shared memory segments and POSIX shared memory objects'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "sem" -d 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "set" -d 'Change the mode, owner and group of IPC objects, a queue\'s size, a segment\'s lock'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "pipe" -d 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "fifo" -d 'FIFOs (named pipes): make, write, read and remove them, and talk through two'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "sock" -d 'Unix domain sockets: serve, connect, and the socketpair demo'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "lock" -d 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "ipcs" -d 'util-linux\'s ipcs (also: the binary run as `ipcs`)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "ipcrm" -d 'util-linux\'s ipcrm (also: the binary run as `ipcrm`)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "ipcmk" -d 'util-linux\'s ipcmk (also: the binary run as `ipcmk`)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "flock" -d 'util-linux\'s flock (also: the binary run as `flock`)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "install-links" -d 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux\'s tools get ipcx'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key signal msg shm sem set pipe fifo sock lock completions ipcs ipcrm ipcmk flock install-links generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from ls" -f -a "locks" -d 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from signal" -f -a "send" -d 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from signal" -f -a "wait" -d 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from signal" -f -a "list" -d 'List every signal with its number, name, default action and description, like `kill -L` with the action added'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from msg" -f -a "send" -d 'Send messages to a queue'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from msg" -f -a "recv" -d 'Receive (take) messages from a queue and print them'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from shm" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from shm" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "op" -d 'Apply several operations to a set in one semop(2): all of them happen, or none'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "set" -d 'Set one semaphore\'s value (SETVAL), leaving the others as they are'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from pipe" -f -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "talk" -d 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "pair" -d 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from lock" -f -a "test" -d 'Say whether a lock could be taken now, and print the lock in the way if not'
