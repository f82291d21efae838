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
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "ls" -d 'List System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "rm" -d 'Remove System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "key" -d 'Print the System V key that ftok(3) derives from a path and a project id'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "pipe" -d 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "fifo" -d 'FIFOs (named pipes): make, write, read and remove them'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "sock" -d 'Unix domain sockets: serve, connect, and the socketpair demo'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s o -l output -d 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. See --help for the list' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -l key -d 'Only the object with this key (decimal or 0x hex)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -l id -d 'Only the object with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -l owner -d 'Only objects owned by this user (name or uid)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s J -l json -d 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s r -l raw -d 'Print raw rows: one space between values, spaces inside values as \\x20'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s e -l export -d 'Print KEY="value" pairs, one object per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s n -l no-headings -d 'Leave out the header line'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s g -l limits -l global -d 'Show every System V limit of /proc/sys/kernel with its current use'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s t -l time -d 'Add the times of the last send/receive, attach/detach or operation'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s c -l creator -d 'Add the creator\'s and owner\'s user and group'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s p -l pid -d 'Add the command names of the last sender/receiver or creator/last user'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s a -l attached -d 'Add, for each segment, the processes that have it attached (pid and command)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -l human -d 'Sizes as 4K, 1.5M (the default in the table)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s b -l bytes -d 'Sizes in bytes (the default in --raw, --export and --json)'
complete -c ipcx -n "__fish_ipcx_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s q -l queue-id -d 'Remove the message queue with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s Q -l queue-key -d 'Remove the message queue with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s m -l shmem-id -d 'Remove the shared memory segment with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s M -l shmem-key -d 'Remove the shared memory segment with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s s -l semaphore-id -d 'Remove the semaphore set with this id' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s S -l semaphore-key -d 'Remove the semaphore set with this key' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l all -d 'Remove every object of TYPE (msg, shm, sem), or of all System V types without one' -r -f -a "msg\t''
shm\t''
sem\t''"
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l owner -d 'Only objects owned by this user (name or uid)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l older-than -d 'Only objects last changed (ctime) longer ago than this (e.g. 30m, 2h, 7days)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l orphaned -d 'Only shared memory segments nobody has attached whose creator process is gone'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -l dry-run -d 'Print what would be removed and remove nothing'
complete -c ipcx -n "__fish_ipcx_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand key" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -s c -l command -d 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l size -d 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l packet -d 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -l progress -d 'Show bytes moved, rate and elapsed time on stderr while relaying'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and not __fish_seen_subcommand_from info help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from info" -l json -d 'Print JSON'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand pipe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and not __fish_seen_subcommand_from mk write read rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand fifo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "pair" -d 'The socketpair(2) demo: parent and forked child exchange one message each'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and not __fish_seen_subcommand_from serve connect pair help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -s m -l mode -d 'The socket file\'s permission mode, in octal' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l dgram -d 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l seqpacket -d 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l raw -d 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l echo -d 'Send back whatever each client sends'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l once -d 'Serve one client (or, with --dgram, one datagram) and end'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -l creds -d 'Log each peer\'s pid, uid and gid on stderr'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l timeout -d 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l dgram -d 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l seqpacket -d 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -l raw -d 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from pair" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "pair" -d 'The socketpair(2) demo: parent and forked child exchange one message each'
complete -c ipcx -n "__fish_ipcx_using_subcommand sock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -l out -d 'The directory that receives completions/ and man/' -r -F
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "ls" -d 'List System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "rm" -d 'Remove System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "key" -d 'Print the System V key that ftok(3) derives from a path and a project id'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "pipe" -d 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "fifo" -d 'FIFOs (named pipes): make, write, read and remove them'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "sock" -d 'Unix domain sockets: serve, connect, and the socketpair demo'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key pipe fifo sock completions generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from pipe" -f -a "info" -d 'Show what file descriptors are: kind (pipe, FIFO, socket, tty, file), pipe capacity, bytes queued (FIONREAD) and PIPE_BUF'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "mk" -d 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "write" -d 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "read" -d 'Copy what is written into a FIFO to stdout, until the writer closes it'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from fifo" -f -a "rm" -d 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "serve" -d 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "connect" -d 'Connect to ADDR: stdin to the socket, the socket to stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sock" -f -a "pair" -d 'The socketpair(2) demo: parent and forked child exchange one message each'
