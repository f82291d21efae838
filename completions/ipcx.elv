
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
            cand ls 'List System V message queues, shared memory segments and semaphore sets'
            cand rm 'Remove System V message queues, shared memory segments and semaphore sets'
            cand key 'Print the System V key that ftok(3) derives from a path and a project id'
            cand pipe 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
            cand fifo 'FIFOs (named pipes): make, write, read and remove them'
            cand sock 'Unix domain sockets: serve, connect, and the socketpair demo'
            cand completions 'Print a shell completion script'
            cand generate 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;ls'= {
            cand -o 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. See --help for the list'
            cand --output 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. See --help for the list'
            cand --key 'Only the object with this key (decimal or 0x hex)'
            cand --id 'Only the object with this id'
            cand --owner 'Only objects owned by this user (name or uid)'
            cand -J 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`'
            cand --json 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`'
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
            cand -a 'Add, for each segment, the processes that have it attached (pid and command)'
            cand --attached 'Add, for each segment, the processes that have it attached (pid and command)'
            cand --human 'Sizes as 4K, 1.5M (the default in the table)'
            cand -b 'Sizes in bytes (the default in --raw, --export and --json)'
            cand --bytes 'Sizes in bytes (the default in --raw, --export and --json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
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
            cand --all 'Remove every object of TYPE (msg, shm, sem), or of all System V types without one'
            cand --owner 'Only objects owned by this user (name or uid)'
            cand --older-than 'Only objects last changed (ctime) longer ago than this (e.g. 30m, 2h, 7days)'
            cand --orphaned 'Only shared memory segments nobody has attached whose creator process is gone'
            cand --dry-run 'Print what would be removed and remove nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;key'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;pipe'= {
            cand -c 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)'
            cand --command 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)'
            cand --size 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size'
            cand --packet 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one'
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
        &'ipcx;fifo;help'= {
            cand mk 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)'
            cand write 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO'
            cand read 'Copy what is written into a FIFO to stdout, until the writer closes it'
            cand rm 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1'
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
        &'ipcx;fifo;help;help'= {
        }
        &'ipcx;sock'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'The socketpair(2) demo: parent and forked child exchange one message each'
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sock;connect'= {
            cand --timeout 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once'
            cand --dgram 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw'
            cand --seqpacket 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries'
            cand --raw 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ipcx;sock;pair'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;sock;help'= {
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'The socketpair(2) demo: parent and forked child exchange one message each'
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
        &'ipcx;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;generate'= {
            cand --out 'The directory that receives completions/ and man/'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;help'= {
            cand ls 'List System V message queues, shared memory segments and semaphore sets'
            cand rm 'Remove System V message queues, shared memory segments and semaphore sets'
            cand key 'Print the System V key that ftok(3) derives from a path and a project id'
            cand pipe 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is'
            cand fifo 'FIFOs (named pipes): make, write, read and remove them'
            cand sock 'Unix domain sockets: serve, connect, and the socketpair demo'
            cand completions 'Print a shell completion script'
            cand generate 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;help;ls'= {
        }
        &'ipcx;help;rm'= {
        }
        &'ipcx;help;key'= {
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
        }
        &'ipcx;help;fifo;mk'= {
        }
        &'ipcx;help;fifo;write'= {
        }
        &'ipcx;help;fifo;read'= {
        }
        &'ipcx;help;fifo;rm'= {
        }
        &'ipcx;help;sock'= {
            cand serve 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client'
            cand connect 'Connect to ADDR: stdin to the socket, the socket to stdout'
            cand pair 'The socketpair(2) demo: parent and forked child exchange one message each'
        }
        &'ipcx;help;sock;serve'= {
        }
        &'ipcx;help;sock;connect'= {
        }
        &'ipcx;help;sock;pair'= {
        }
        &'ipcx;help;completions'= {
        }
        &'ipcx;help;generate'= {
        }
        &'ipcx;help;help'= {
        }
    ]
    $completions[$command]
}
