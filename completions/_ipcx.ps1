
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
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List System V message queues, shared memory segments and semaphore sets')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove System V message queues, shared memory segments and semaphore sets')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the System V key that ftok(3) derives from a path and a project id')
            [CompletionResult]::new('pipe', 'pipe', [CompletionResultType]::ParameterValue, 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is')
            [CompletionResult]::new('fifo', 'fifo', [CompletionResultType]::ParameterValue, 'FIFOs (named pipes): make, write, read and remove them')
            [CompletionResult]::new('sock', 'sock', [CompletionResultType]::ParameterValue, 'Unix domain sockets: serve, connect, and the socketpair demo')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;ls' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. See --help for the list')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The columns to show, comma-separated (e.g. key,id,owner); a leading + adds to the default columns. See --help for the list')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only the object with this key (decimal or 0x hex)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Only the object with this id')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only objects owned by this user (name or uid)')
            [CompletionResult]::new('-J', '-J ', [CompletionResultType]::ParameterName, 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: one array per kind, keyed `messages`, `sharedmemory`, `semaphores`')
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
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Add, for each segment, the processes that have it attached (pid and command)')
            [CompletionResult]::new('--attached', '--attached', [CompletionResultType]::ParameterName, 'Add, for each segment, the processes that have it attached (pid and command)')
            [CompletionResult]::new('--human', '--human', [CompletionResultType]::ParameterName, 'Sizes as 4K, 1.5M (the default in the table)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw, --export and --json)')
            [CompletionResult]::new('--bytes', '--bytes', [CompletionResultType]::ParameterName, 'Sizes in bytes (the default in --raw, --export and --json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
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
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every object of TYPE (msg, shm, sem), or of all System V types without one')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only objects owned by this user (name or uid)')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only objects last changed (ctime) longer ago than this (e.g. 30m, 2h, 7days)')
            [CompletionResult]::new('--orphaned', '--orphaned', [CompletionResultType]::ParameterName, 'Only shared memory segments nobody has attached whose creator process is gone')
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
        'ipcx;pipe' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'A shell command of the pipeline (repeat: -c CMD -c CMD ...)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The pipe capacity (F_SETPIPE_SZ), e.g. 1M; unprivileged users are limited by /proc/sys/fs/pipe-max-size')
            [CompletionResult]::new('--packet', '--packet', [CompletionResultType]::ParameterName, 'Pipes in packet mode (O_DIRECT): each write is one packet, each read takes one')
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
        'ipcx;fifo;help' {
            [CompletionResult]::new('mk', 'mk', [CompletionResultType]::ParameterValue, 'Make FIFOs, mode 0600 unless -m says otherwise (exactly that mode, whatever the umask)')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write TEXT (the words joined with spaces, and a newline), or stdin, into a FIFO')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Copy what is written into a FIFO to stdout, until the writer closes it')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove FIFOs. Anything else (a regular file, a directory, a socket) is refused, left in place, and the status is 1')
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
        'ipcx;fifo;help;help' {
            break
        }
        'ipcx;sock' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'The socketpair(2) demo: parent and forked child exchange one message each')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sock;connect' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Wait up to DUR for a server to accept (status 3 after that); without it, a missing or refusing server fails at once')
            [CompletionResult]::new('--dgram', '--dgram', [CompletionResultType]::ParameterName, 'Datagram socket (SOCK_DGRAM): one message per line, or per --raw')
            [CompletionResult]::new('--seqpacket', '--seqpacket', [CompletionResultType]::ParameterName, 'Sequenced-packet socket (SOCK_SEQPACKET): connected, with message boundaries')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'With --dgram/--seqpacket: send all of stdin as one message, and print messages exactly, with nothing added (instead of one message per line)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ipcx;sock;pair' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;sock;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'The socketpair(2) demo: parent and forked child exchange one message each')
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
        'ipcx;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;generate' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The directory that receives completions/ and man/')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ipcx;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List System V message queues, shared memory segments and semaphore sets')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove System V message queues, shared memory segments and semaphore sets')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the System V key that ftok(3) derives from a path and a project id')
            [CompletionResult]::new('pipe', 'pipe', [CompletionResultType]::ParameterValue, 'Anonymous pipes: the classic parent-to-child demo, a fast relay, pipelines of shell commands, and what a descriptor is')
            [CompletionResult]::new('fifo', 'fifo', [CompletionResultType]::ParameterValue, 'FIFOs (named pipes): make, write, read and remove them')
            [CompletionResult]::new('sock', 'sock', [CompletionResultType]::ParameterValue, 'Unix domain sockets: serve, connect, and the socketpair demo')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ipcx;help;ls' {
            break
        }
        'ipcx;help;rm' {
            break
        }
        'ipcx;help;key' {
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
        'ipcx;help;sock' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on ADDR: echo, run a command per connection, or relay stdin/stdout with the first client')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect to ADDR: stdin to the socket, the socket to stdout')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'The socketpair(2) demo: parent and forked child exchange one message each')
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
        'ipcx;help;completions' {
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
