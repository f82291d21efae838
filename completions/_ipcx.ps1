
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ipcx' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ipcx'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ipcx' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List System V and POSIX message queues, shared memory and semaphores')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove System V and POSIX message queues, shared memory and semaphores')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the System V key that ftok(3) derives from a path and a project id')
            [CompletionResult]::new('signal', 'signal', [CompletionResultType]::ParameterValue, 'Send, wait for and list signals: see who sent a signal and the value queued with it')
            [CompletionResult]::new('msg', 'msg', [CompletionResultType]::ParameterValue, 'Send and receive messages on a System V or POSIX message queue')
            [CompletionResult]::new('shm', 'shm', [CompletionResultType]::ParameterValue, 'Read and write System V shared memory segments and POSIX shared memory objects')
            [CompletionResult]::new('sem', 'sem', [CompletionResultType]::ParameterValue, 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the mode, owner and group of IPC objects, a queue''s size, a segment''s lock')
            [CompletionResult]::new('pipe', 'pipe', [CompletionResultType]::ParameterValue, 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is')
            [CompletionResult]::new('fifo', 'fifo', [CompletionResultType]::ParameterValue, 'FIFOs (named pipes): make, write, read and remove them, and talk through two')
            [CompletionResult]::new('sock', 'sock', [CompletionResultType]::ParameterValue, 'Unix domain sockets: serve, connect, and the socketpair demo')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('ipcs', 'ipcs', [CompletionResultType]::ParameterValue, 'util-linux''s ipcs (also: the binary run as `ipcs`)')
            [CompletionResult]::new('ipcrm', 'ipcrm', [CompletionResultType]::ParameterValue, 'util-linux''s ipcrm (also: the binary run as `ipcrm`)')
            [CompletionResult]::new('ipcmk', 'ipcmk', [CompletionResultType]::ParameterValue, 'util-linux''s ipcmk (also: the binary run as `ipcmk`)')
            [CompletionResult]::new('flock', 'flock', [CompletionResultType]::ParameterValue, 'util-linux''s flock (also: the binary run as `flock`)')
            [CompletionResult]::new('install-links', 'install-links', [CompletionResultType]::ParameterValue, 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux''s tools get ipcx')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;ls' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. --help lists the columns of each kind')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. --help lists the columns of each kind')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'List the objects of another IPC namespace: that of process PID (and its POSIX objects, through its mount namespace), or of a namespace file (a bind mount of /proc/PID/ns/ipc). Entered in a child process; nothing is changed there')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only the object with this key (decimal or 0x hex)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Only the object with this id')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only objects owned by this user (name or uid), of either family')
            [CompletionResult]::new('-J', '-J ', [CompletionResultType]::ParameterName, 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`, `posixmqueues`, `posixsharedmemory`, `posixsemaphores`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`, `posixmqueues`, `posixsharedmemory`, `posixsemaphores`')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print raw rows: one space between values, spaces inside values as \x20')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print raw rows: one space between values, spaces inside values as \x20')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Print KEY="value" pairs, one object per line')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print KEY="value" pairs, one object per line')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Leave out the header line')
            [CompletionResult]::new('--no-headings', '--no-headings', [CompletionResultType]::ParameterName, 'Leave out the header line')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Show every System V limit of /proc/sys/kernel with its current use')
            [CompletionResult]::new('--limits', '--limits', [CompletionResultType]::ParameterName, 'Show every System V limit of /proc/sys/kernel with its current use')
            [CompletionResult]::new('--global', '--global', [CompletionResultType]::ParameterName, 'Show every System V limit of /proc/sys/kernel with its current use')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Add the times of the last send/receive, attach/detach or operation')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'Add the times of the last send/receive, attach/detach or operation')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Add the creator''s and owner''s user and group')
            [CompletionResult]::new('--creator', '--creator', [CompletionResultType]::ParameterName, 'Add the creator''s and owner''s user and group')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Add the command names of the last sender/receiver or creator/last user')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Add the command names of the last sender/receiver or creator/last user')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed')
            [CompletionResult]::new('--holders', '--holders', [CompletionResultType]::ParameterName, 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed')
            [CompletionResult]::new('--attached', '--attached', [CompletionResultType]::ParameterName, 'Add a HOLDERS column: for each segment, POSIX shared memory, semaphore and queue, the processes that hold it (pid, command, and how: attached, fd or mapped). Processes that cannot be read are counted on stderr, never guessed')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Add a WAITERS column: for each queue and semaphore of either family, the processes blocked on it and what they wait for (msgrcv''s type and size, semop''s operations), read from /proc/PID/syscall')
            [CompletionResult]::new('--waiters', '--waiters', [CompletionResultType]::ParameterName, 'Add a WAITERS column: for each queue and semaphore of either family, the processes blocked on it and what they wait for (msgrcv''s type and size, semop''s operations), read from /proc/PID/syscall')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds them), each under a heading naming it, a process in it and its container; JSON: `namespaces`, one entry per namespace with its objects')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List every IPC namespace of the host (found from /proc/*/ns/ipc, as lsns finds them), each under a heading naming it, a process in it and its container; JSON: `namespaces`, one entry per namespace with its objects')
            [CompletionResult]::new('--human', '--human', [CompletionResultType]::ParameterName, 'Sizes as 4K, 1.5M (the default in the table)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw, --export and --json)')
            [CompletionResult]::new('--bytes', '--bytes', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw, --export and --json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;ls;locks' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. pid,path); a leading + adds to the default columns')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. pid,path); a leading + adds to the default columns')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only the locks of this process')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Only the locks of this process')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only the locks on this file')
            [CompletionResult]::new('-J', '-J ', [CompletionResultType]::ParameterName, 'Print JSON: a `locks` array, keyed by lslocks'' column names in lower case')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: a `locks` array, keyed by lslocks'' column names in lower case')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print raw rows: one space between values, spaces inside values as \x20')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print raw rows: one space between values, spaces inside values as \x20')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Leave out the header line')
            [CompletionResult]::new('--no-headings', '--no-headings', [CompletionResultType]::ParameterName, 'Leave out the header line')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw and --json)')
            [CompletionResult]::new('--bytes', '--bytes', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw and --json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;ls;help' {
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;ls;help;locks' {
            break
        }
        'ipcx;ls;help;help' {
            break
        }
        'ipcx;rm' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Remove the message queue with this id')
            [CompletionResult]::new('--queue-id', '--queue-id', [CompletionResultType]::ParameterName, 'Remove the message queue with this id')
            [CompletionResult]::new('-Q', '-Q ', [CompletionResultType]::ParameterName, 'Remove the message queue with this key')
            [CompletionResult]::new('--queue-key', '--queue-key', [CompletionResultType]::ParameterName, 'Remove the message queue with this key')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Remove the shared memory segment with this id')
            [CompletionResult]::new('--shmem-id', '--shmem-id', [CompletionResultType]::ParameterName, 'Remove the shared memory segment with this id')
            [CompletionResult]::new('-M', '-M ', [CompletionResultType]::ParameterName, 'Remove the shared memory segment with this key')
            [CompletionResult]::new('--shmem-key', '--shmem-key', [CompletionResultType]::ParameterName, 'Remove the shared memory segment with this key')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Remove the semaphore set with this id')
            [CompletionResult]::new('--semaphore-id', '--semaphore-id', [CompletionResultType]::ParameterName, 'Remove the semaphore set with this id')
            [CompletionResult]::new('-S', '-S ', [CompletionResultType]::ParameterName, 'Remove the semaphore set with this key')
            [CompletionResult]::new('--semaphore-key', '--semaphore-key', [CompletionResultType]::ParameterName, 'Remove the semaphore set with this key')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every object of TYPE (msg, shm, sem, mq, pshm, psem), or of all System V types without one')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only objects owned by this user (name or uid)')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only objects last changed longer ago than this (e.g. 30m, 2h, 7days): ctime for System V objects, the file''s mtime for POSIX ones')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'Remove in another IPC namespace: that of process PID (its POSIX objects through its mount namespace) or of a namespace file, entered in a child process')
            [CompletionResult]::new('--orphaned', '--orphaned', [CompletionResultType]::ParameterName, 'Only objects nobody holds (attached, open or mapped) and nobody waits on; for System V objects also the processes they name (creator, last sender and receiver, last attacher, last operator) must be gone. With a bare --all, the System V kinds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be removed and remove nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;key' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;signal' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every signal with its number, name, default action and description, like `kill -L` with the action added')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;signal;send' {
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'Queue the signal with this integer (sigqueue(3)); the receiver gets it as si_value. Each target must be a process: sigqueue cannot address a process group')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;signal;wait' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'End after COUNT signals')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'End after COUNT signals')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (e.g. 500ms, 2s, 1m) with status 3')
            [CompletionResult]::new('--pidfile', '--pidfile', [CompletionResultType]::ParameterName, 'Announce the pid in FILE instead of on stderr. FILE is put in place whole by renaming a new temporary file (a symlink at FILE is replaced, never followed), and removed on exit if it is still the one written')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per line: signal, number, code, pid, uid, value (null unless queued)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;signal;list' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON: {\"signals\": [{\"number\", \"name\", \"action\", \"description\"}]}')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;signal;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every signal with its number, name, default action and description, like `kill -L` with the action added')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;signal;help;send' {
            break
        }
        'ipcx;signal;help;wait' {
            break
        }
        'ipcx;signal;help;list' {
            break
        }
        'ipcx;signal;help;help' {
            break
        }
        'ipcx;msg' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send messages to a queue')
            [CompletionResult]::new('recv', 'recv', [CompletionResultType]::ParameterValue, 'Receive (take) messages from a queue and print them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;msg;send' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to 32767 (default 0)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'The message type, 1 or more (default 1); for a POSIX queue the priority, 0 to 32767 (default 0)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permissions of a queue created by --create or private (octal)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permissions of a queue created by --create or private (octal)')
            [CompletionResult]::new('--max-messages', '--max-messages', [CompletionResultType]::ParameterName, 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)')
            [CompletionResult]::new('--message-size', '--message-size', [CompletionResultType]::ParameterName, 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'System V --create: the new queue''s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait at most DUR for room for each message, then end with status 3 (e.g. 500ms, 2s)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Send all of stdin as one message, unchanged')
            [CompletionResult]::new('-0', '-0', [CompletionResultType]::ParameterName, 'Split stdin on NUL bytes instead of newlines')
            [CompletionResult]::new('--null', '--null', [CompletionResultType]::ParameterName, 'Split stdin on NUL bytes instead of newlines')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Create the queue if it does not exist (mode 0600 unless -m)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the queue if it does not exist (mode 0600 unless -m)')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'With --create: an existing queue is an error (status 1) and is not touched')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Do not wait for room: a full queue ends the command with status 3')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;msg;recv' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Which type: 0 any, N > 0 type N, -N the lowest type of 1..N (oldest first)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Take COUNT messages (default 1; with --peek, every queued message)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Take COUNT messages (default 1; with --peek, every queued message)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait at most DUR for each message, then end with status 3 (e.g. 500ms, 2s)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permissions of a queue created by --create or private (octal)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permissions of a queue created by --create or private (octal)')
            [CompletionResult]::new('--max-messages', '--max-messages', [CompletionResultType]::ParameterName, 'POSIX --create: how many messages the queue holds (mq_maxmsg; at most /proc/sys/fs/mqueue/msg_max)')
            [CompletionResult]::new('--message-size', '--message-size', [CompletionResultType]::ParameterName, 'POSIX --create: the largest message the queue holds (mq_msgsize; at most /proc/sys/fs/mqueue/msgsize_max)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'System V --create: the new queue''s msg_qbytes, the most bytes it holds (above msgmnb, /proc/sys/kernel/msgmnb, needs CAP_SYS_RESOURCE)')
            [CompletionResult]::new('--except', '--except', [CompletionResultType]::ParameterName, 'Take the first message whose type is not TYPE (MSG_EXCEPT; TYPE must be > 0)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Take messages until interrupted')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Take messages until interrupted')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print each message exactly as it is, with nothing after it')
            [CompletionResult]::new('-0', '-0', [CompletionResultType]::ParameterName, 'Print a NUL after each message instead of a newline')
            [CompletionResult]::new('--null', '--null', [CompletionResultType]::ParameterName, 'Print a NUL after each message instead of a newline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per message: type, bytes, and text or base64')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Do not wait: an empty queue ends the command with status 3')
            [CompletionResult]::new('--truncate', '--truncate', [CompletionResultType]::ParameterName, 'Cut a message longer than msgmax to msgmax bytes (MSG_NOERROR) instead of failing')
            [CompletionResult]::new('--peek', '--peek', [CompletionResultType]::ParameterName, 'Print queued messages without taking them (MSG_COPY), oldest first')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Create the queue if it does not exist (mode 0600 unless -m)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the queue if it does not exist (mode 0600 unless -m)')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'With --create: an existing queue is an error (status 1) and is not touched')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;msg;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send messages to a queue')
            [CompletionResult]::new('recv', 'recv', [CompletionResultType]::ParameterValue, 'Receive (take) messages from a queue and print them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;msg;help;send' {
            break
        }
        'ipcx;msg;help;recv' {
            break
        }
        'ipcx;msg;help;help' {
            break
        }
        'ipcx;shm' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write DATA, or stdin, into a segment at an offset')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Print a segment''s bytes (the whole segment by default) on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;shm;write' {
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Where in the segment to start writing (bytes; 4K and the like are accepted)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The size of a segment --create makes (e.g. 4096, 4K, 1M)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permission bits of a segment --create makes (octal)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permission bits of a segment --create makes (octal)')
            [CompletionResult]::new('--hugetlb', '--hugetlb', [CompletionResultType]::ParameterName, 'System V --create: make the segment of huge pages (SHM_HUGETLB), of the default size or of 2M or 1G; they come from the pool set in /proc/sys/vm/nr_hugepages')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the segment if it does not exist (needs --size); an existing one must have that size')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'With --create: an existing segment is an error (status 1) and is not touched')
            [CompletionResult]::new('--noreserve', '--noreserve', [CompletionResultType]::ParameterName, 'System V --create: set no swap (or huge pages) aside for it (SHM_NORESERVE). Huge pages are still all taken before anything is written, so a shortage is an error, never a crash')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;shm;read' {
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Where to start reading (bytes)')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'How many bytes to read (default: to the end of the segment)')
            [CompletionResult]::new('--cstr', '--cstr', [CompletionResultType]::ParameterName, 'Stop at the first NUL byte (which is not printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;shm;help' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write DATA, or stdin, into a segment at an offset')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Print a segment''s bytes (the whole segment by default) on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;shm;help;write' {
            break
        }
        'ipcx;shm;help;read' {
            break
        }
        'ipcx;shm;help;help' {
            break
        }
        'ipcx;sem' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a semaphore set with one semaphore per VALUE')
            [CompletionResult]::new('p', 'p', [CompletionResultType]::ParameterValue, 'Take (P): decrement a semaphore, waiting while it is too small')
            [CompletionResult]::new('v', 'v', [CompletionResultType]::ParameterValue, 'Give (V): increment a semaphore, waking those waiting for it')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value of each semaphore of a set, one per line')
            [CompletionResult]::new('op', 'op', [CompletionResultType]::ParameterValue, 'Apply several operations to a set in one semop(2): all of them happen, or none')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one semaphore''s value (SETVAL), leaving the others as they are')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;sem;init' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permission bits of the new set (octal)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permission bits of the new set (octal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'If the set exists, set its values instead of failing')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'An existing set or semaphore is an error (status 1) and is not touched (IPC_EXCL / O_EXCL): what `init` does without --force, said explicitly, as `msg send` and `shm write` say it with --create')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sem;p' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'How much to take')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How much to take')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait at most this long (e.g. 500ms, 5s), then status 3')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Do not wait: status 3 if the semaphore is too small now')
            [CompletionResult]::new('--no-undo', '--no-undo', [CompletionResultType]::ParameterName, 'With CMD: take without SEM_UNDO (POSIX: without a supervisor), so the token stays taken after CMD ends')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sem;v' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'How much to give')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How much to give')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;sem;get' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: the set''s key and id (POSIX: its name), and value, ncnt, zcnt and pid per semaphore (null for POSIX, which does not record them)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;sem;op' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait at most this long (e.g. 500ms, 5s), then status 3')
            [CompletionResult]::new('--undo', '--undo', [CompletionResultType]::ParameterName, 'Do them with SEM_UNDO: the kernel undoes them when this process ends (always so with CMD)')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Do not wait: status 3 if they cannot all be done now')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sem;set' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Which semaphore of the set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sem;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a semaphore set with one semaphore per VALUE')
            [CompletionResult]::new('p', 'p', [CompletionResultType]::ParameterValue, 'Take (P): decrement a semaphore, waiting while it is too small')
            [CompletionResult]::new('v', 'v', [CompletionResultType]::ParameterValue, 'Give (V): increment a semaphore, waking those waiting for it')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value of each semaphore of a set, one per line')
            [CompletionResult]::new('op', 'op', [CompletionResultType]::ParameterValue, 'Apply several operations to a set in one semop(2): all of them happen, or none')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one semaphore''s value (SETVAL), leaving the others as they are')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;sem;help;init' {
            break
        }
        'ipcx;sem;help;p' {
            break
        }
        'ipcx;sem;help;v' {
            break
        }
        'ipcx;sem;help;get' {
            break
        }
        'ipcx;sem;help;op' {
            break
        }
        'ipcx;sem;help;set' {
            break
        }
        'ipcx;sem;help;help' {
            break
        }
        'ipcx;set' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The new permission bits (octal, e.g. 640)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The new permission bits (octal, e.g. 640)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The new owner, and with :GROUP the new group (names or numbers)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The new group (a name or a number)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'A System V queue''s msg_qbytes: the most bytes it holds (e.g. 64K, 1M)')
            [CompletionResult]::new('--lock', '--lock', [CompletionResultType]::ParameterName, 'Lock a System V segment in memory (SHM_LOCK): it is never swapped out')
            [CompletionResult]::new('--unlock', '--unlock', [CompletionResultType]::ParameterName, 'Unlock a System V segment (SHM_UNLOCK)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;pipe' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size')
            [CompletionResult]::new('--packet', '--packet', [CompletionResultType]::ParameterName, 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one')
            [CompletionResult]::new('--both-ways', '--both-ways', [CompletionResultType]::ParameterName, 'Close the loop: the last command''s output feeds the first''s input (with one command, ipcx feeds it from stdin and copies its output to stdout)')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'Show bytes moved, rate and elapsed time on stderr while relaying')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;pipe;info' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;pipe;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;pipe;help;info' {
            break
        }
        'ipcx;pipe;help;help' {
            break
        }
        'ipcx;fifo' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('mk', 'mk', [CompletionResultType]::ParameterValue, 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Copy what is written into a FIFO to stdout, until the writer closes it')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1')
            [CompletionResult]::new('talk', 'talk', [CompletionResultType]::ParameterValue, 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;fifo;mk' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permission mode, in octal')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permission mode, in octal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;fifo;write' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up (status 3) when the open and the transfer take longer than this')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the write is interrupted or times out before a reader came')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Fail at once (status 3) when no reader has the FIFO open')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;fifo;read' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up (status 3) when the open and the transfer take longer than this')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep reading across successive writers (until interrupted or --timeout)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep reading across successive writers (until interrupted or --timeout)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Make the FIFO (mode 0600) if it does not exist; it is removed again if the read is interrupted or times out')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Fail at once (status 3) when no writer has the FIFO open')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;fifo;rm' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;fifo;talk' {
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Make IN and OUT (mode 0600) if they do not exist; one made here is removed again if the talk is interrupted before the other side came')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;fifo;help' {
            [CompletionResult]::new('mk', 'mk', [CompletionResultType]::ParameterValue, 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Copy what is written into a FIFO to stdout, until the writer closes it')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1')
            [CompletionResult]::new('talk', 'talk', [CompletionResultType]::ParameterValue, 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;fifo;help;mk' {
            break
        }
        'ipcx;fifo;help;write' {
            break
        }
        'ipcx;fifo;help;read' {
            break
        }
        'ipcx;fifo;help;rm' {
            break
        }
        'ipcx;fifo;help;talk' {
            break
        }
        'ipcx;fifo;help;help' {
            break
        }
        'ipcx;sock' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;sock;serve' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The socket file''s permission mode, in octal')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The socket file''s permission mode, in octal')
            [CompletionResult]::new('--dgram', '--dgram', [CompletionResultType]::ParameterName, 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw')
            [CompletionResult]::new('--seqpacket', '--seqpacket', [CompletionResultType]::ParameterName, 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)')
            [CompletionResult]::new('--echo', '--echo', [CompletionResultType]::ParameterName, 'Send back whatever each client sends')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Serve one client (or, with --dgram, one datagram) and end')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Log each peer''s pid, uid and gid on stderr')
            [CompletionResult]::new('--recv-fds', '--recv-fds', [CompletionResultType]::ParameterName, 'Give CMD the descriptors the client sends with its first data (SCM_RIGHTS), as its descriptors 3, 4, … with IPCX_FDS naming them ("3 4"). CMD starts once that first data has come, and reads all of it: the descriptors are only peeked with it. Meanwhile other connections are accepted and served')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sock;connect' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once. With --dgram, DUR is also how long to wait for the next reply after the end of stdin (default 500ms; 0 waits for none)')
            [CompletionResult]::new('--send-fd', '--send-fd', [CompletionResultType]::ParameterName, 'Pass this open descriptor to the server with the first data (repeat, or give several: --send-fd 3 4)')
            [CompletionResult]::new('--dgram', '--dgram', [CompletionResultType]::ParameterName, 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw')
            [CompletionResult]::new('--seqpacket', '--seqpacket', [CompletionResultType]::ParameterName, 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Show the server''s pid, uid and gid (SO_PEERCRED) on stderr once connected')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sock;pair' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A shell command holding one end (give exactly two: -c A -c B)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'A shell command holding one end (give exactly two: -c A -c B)')
            [CompletionResult]::new('--dgram', '--dgram', [CompletionResultType]::ParameterName, 'A datagram pair (SOCK_DGRAM): each write is one message')
            [CompletionResult]::new('--seqpacket', '--seqpacket', [CompletionResultType]::ParameterName, 'A sequenced-packet pair (SOCK_SEQPACKET): each write is one message, and an end that closes is seen as end of file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sock;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;sock;help;serve' {
            break
        }
        'ipcx;sock;help;connect' {
            break
        }
        'ipcx;sock;help;pair' {
            break
        }
        'ipcx;sock;help;help' {
            break
        }
        'ipcx;lock' {
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Wait at most this long (e.g. 500ms, 5s), then status 3')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait at most this long (e.g. 500ms, 5s), then status 3')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The permission bits of a file this creates (octal)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'The permission bits of a file this creates (octal)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A shared (read) lock: others may share it; an exclusive one waits')
            [CompletionResult]::new('--shared', '--shared', [CompletionResultType]::ParameterName, 'A shared (read) lock: others may share it; an exclusive one waits')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'An exclusive (write) lock (the default)')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'An exclusive (write) lock (the default)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Give up at once (status 3) when the lock is held')
            [CompletionResult]::new('--nowait', '--nowait', [CompletionResultType]::ParameterName, 'Give up at once (status 3) when the lock is held')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Say whether a lock could be taken now, and print the lock in the way if not')
            break
        }
        'ipcx;lock;test' {
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'flock: flock(2); ofd: an open file description lock (F_OFD_SETLKW); posix: a process-associated fcntl lock (F_SETLKW)')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'The bytes to lock, START[:LEN] (SIZEs; LEN 0 or none: to the end and beyond); for the fcntl kinds only')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A shared (read) lock: others may share it; an exclusive one waits')
            [CompletionResult]::new('--shared', '--shared', [CompletionResultType]::ParameterName, 'A shared (read) lock: others may share it; an exclusive one waits')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'An exclusive (write) lock (the default)')
            [CompletionResult]::new('--exclusive', '--exclusive', [CompletionResultType]::ParameterName, 'An exclusive (write) lock (the default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: the conflicting lock, or null')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;ipcs' {
            break
        }
        'ipcx;ipcrm' {
            break
        }
        'ipcx;ipcmk' {
            break
        }
        'ipcx;flock' {
            break
        }
        'ipcx;install-links' {
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace files of those names that are not links to ipcx')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;generate' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The directory that receives completions/ and man/')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List System V and POSIX message queues, shared memory and semaphores')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove System V and POSIX message queues, shared memory and semaphores')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the System V key that ftok(3) derives from a path and a project id')
            [CompletionResult]::new('signal', 'signal', [CompletionResultType]::ParameterValue, 'Send, wait for and list signals: see who sent a signal and the value queued with it')
            [CompletionResult]::new('msg', 'msg', [CompletionResultType]::ParameterValue, 'Send and receive messages on a System V or POSIX message queue')
            [CompletionResult]::new('shm', 'shm', [CompletionResultType]::ParameterValue, 'Read and write System V shared memory segments and POSIX shared memory objects')
            [CompletionResult]::new('sem', 'sem', [CompletionResultType]::ParameterValue, 'Create, take, give and inspect System V semaphore sets and POSIX named semaphores')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the mode, owner and group of IPC objects, a queue''s size, a segment''s lock')
            [CompletionResult]::new('pipe', 'pipe', [CompletionResultType]::ParameterValue, 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is')
            [CompletionResult]::new('fifo', 'fifo', [CompletionResultType]::ParameterValue, 'FIFOs (named pipes): make, write, read and remove them, and talk through two')
            [CompletionResult]::new('sock', 'sock', [CompletionResultType]::ParameterValue, 'Unix domain sockets: serve, connect, and the socketpair demo')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Take a file lock — flock(2), an open-file-description lock or a POSIX fcntl lock — and run a command holding it, or lock a descriptor of the shell')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('ipcs', 'ipcs', [CompletionResultType]::ParameterValue, 'util-linux''s ipcs (also: the binary run as `ipcs`)')
            [CompletionResult]::new('ipcrm', 'ipcrm', [CompletionResultType]::ParameterValue, 'util-linux''s ipcrm (also: the binary run as `ipcrm`)')
            [CompletionResult]::new('ipcmk', 'ipcmk', [CompletionResultType]::ParameterValue, 'util-linux''s ipcmk (also: the binary run as `ipcmk`)')
            [CompletionResult]::new('flock', 'flock', [CompletionResultType]::ParameterValue, 'util-linux''s flock (also: the binary run as `flock`)')
            [CompletionResult]::new('install-links', 'install-links', [CompletionResultType]::ParameterValue, 'Create `ipcs`, `ipcrm`, `ipcmk` and `flock` links to this binary, so that scripts calling util-linux''s tools get ipcx')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;help;ls' {
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'List the file locks of /proc/locks, as lslocks: FLOCK, POSIX, OFDLCK, LEASE, DELEG')
            break
        }
        'ipcx;help;ls;locks' {
            break
        }
        'ipcx;help;rm' {
            break
        }
        'ipcx;help;key' {
            break
        }
        'ipcx;help;signal' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signal to processes or process groups, with kill(2) or, with --value, sigqueue(3)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for signals and print who sent each one: name, number, code, sender pid and uid, and the value when it was queued')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every signal with its number, name, default action and description, like `kill -L` with the action added')
            break
        }
        'ipcx;help;signal;send' {
            break
        }
        'ipcx;help;signal;wait' {
            break
        }
        'ipcx;help;signal;list' {
            break
        }
        'ipcx;help;msg' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send messages to a queue')
            [CompletionResult]::new('recv', 'recv', [CompletionResultType]::ParameterValue, 'Receive (take) messages from a queue and print them')
            break
        }
        'ipcx;help;msg;send' {
            break
        }
        'ipcx;help;msg;recv' {
            break
        }
        'ipcx;help;shm' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write DATA, or stdin, into a segment at an offset')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Print a segment''s bytes (the whole segment by default) on stdout')
            break
        }
        'ipcx;help;shm;write' {
            break
        }
        'ipcx;help;shm;read' {
            break
        }
        'ipcx;help;sem' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a semaphore set with one semaphore per VALUE')
            [CompletionResult]::new('p', 'p', [CompletionResultType]::ParameterValue, 'Take (P): decrement a semaphore, waiting while it is too small')
            [CompletionResult]::new('v', 'v', [CompletionResultType]::ParameterValue, 'Give (V): increment a semaphore, waking those waiting for it')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value of each semaphore of a set, one per line')
            [CompletionResult]::new('op', 'op', [CompletionResultType]::ParameterValue, 'Apply several operations to a set in one semop(2): all of them happen, or none')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one semaphore''s value (SETVAL), leaving the others as they are')
            break
        }
        'ipcx;help;sem;init' {
            break
        }
        'ipcx;help;sem;p' {
            break
        }
        'ipcx;help;sem;v' {
            break
        }
        'ipcx;help;sem;get' {
            break
        }
        'ipcx;help;sem;op' {
            break
        }
        'ipcx;help;sem;set' {
            break
        }
        'ipcx;help;set' {
            break
        }
        'ipcx;help;pipe' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF')
            break
        }
        'ipcx;help;pipe;info' {
            break
        }
        'ipcx;help;fifo' {
            [CompletionResult]::new('mk', 'mk', [CompletionResultType]::ParameterValue, 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Copy what is written into a FIFO to stdout, until the writer closes it')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1')
            [CompletionResult]::new('talk', 'talk', [CompletionResultType]::ParameterValue, 'Talk through two FIFOs: stdin goes to OUT and IN comes to stdout, both at once, until the other side ends (IN reaches its end); at the end of stdin OUT is closed, which ends the other side. The other side runs `ipcx fifo talk OUT IN`')
            break
        }
        'ipcx;help;fifo;mk' {
            break
        }
        'ipcx;help;fifo;write' {
            break
        }
        'ipcx;help;fifo;read' {
            break
        }
        'ipcx;help;fifo;rm' {
            break
        }
        'ipcx;help;fifo;talk' {
            break
        }
        'ipcx;help;sock' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'A socketpair(2) between two shell commands, or (alone) the demo: parent and forked child exchange one message each')
            break
        }
        'ipcx;help;sock;serve' {
            break
        }
        'ipcx;help;sock;connect' {
            break
        }
        'ipcx;help;sock;pair' {
            break
        }
        'ipcx;help;lock' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Say whether a lock could be taken now, and print the lock in the way if not')
            break
        }
        'ipcx;help;lock;test' {
            break
        }
        'ipcx;help;completions' {
            break
        }
        'ipcx;help;ipcs' {
            break
        }
        'ipcx;help;ipcrm' {
            break
        }
        'ipcx;help;ipcmk' {
            break
        }
        'ipcx;help;flock' {
            break
        }
        'ipcx;help;install-links' {
            break
        }
        'ipcx;help;generate' {
            break
        }
        'ipcx;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
