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
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "shm" -d 'Read and write System V shared memory segments'
complete -c ipcx -n "__fish_ipcx_needs_command" -f -a "sem" -d 'Create, take, give and inspect System V semaphore sets'
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
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and not __fish_seen_subcommand_from write read help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l offset -d 'Where in the segment to start writing (bytes; 4K and the like are accepted)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l size -d 'The size of a segment --create makes (e.g. 4096, 4K, 1M)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -s m -l mode -d 'The permission bits of a segment --create makes (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -l create -d 'Create the segment if it does not exist (needs --size)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l offset -d 'Where to start reading (bytes)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l length -d 'How many bytes to read (default: to the end of the segment)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -l cstr -d 'Stop at the first NUL byte (which is not printed)'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand shm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and not __fish_seen_subcommand_from init p v get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -s m -l mode -d 'The permission bits of the new set (octal)' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -l force -d 'If the set exists, set its values instead of failing'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s n -l index -d 'Which semaphore of the set' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s c -l count -d 'How much to take' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l timeout -d 'Wait at most this long (e.g. 500ms, 5s), then status 3' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l nowait -d 'Do not wait: status 3 if the semaphore is too small now'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -l no-undo -d 'With CMD: take without SEM_UNDO, so the token stays taken after CMD ends'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from p" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s n -l index -d 'Which semaphore of the set' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s c -l count -d 'How much to give' -r
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from v" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from get" -l json -d 'Print JSON: the set\'s key and id, and value, ncnt, zcnt and pid per semaphore'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
complete -c ipcx -n "__fish_ipcx_using_subcommand sem; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -l out -d 'The directory that receives completions/ and man/' -r -F
complete -c ipcx -n "__fish_ipcx_using_subcommand generate" -s h -l help -d 'Print help'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "ls" -d 'List System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "rm" -d 'Remove System V message queues, shared memory segments and semaphore sets'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "key" -d 'Print the System V key that ftok(3) derives from a path and a project id'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "shm" -d 'Read and write System V shared memory segments'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "sem" -d 'Create, take, give and inspect System V semaphore sets'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers; the checked-in copies are compared with this output by the test suite)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and not __fish_seen_subcommand_from ls rm key shm sem completions generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from shm" -f -a "write" -d 'Write DATA, or stdin, into a segment at an offset'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from shm" -f -a "read" -d 'Print a segment\'s bytes (the whole segment by default) on stdout'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "init" -d 'Create a semaphore set with one semaphore per VALUE'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "p" -d 'Take (P): decrement a semaphore, waiting while it is too small'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "v" -d 'Give (V): increment a semaphore, waking those waiting for it'
complete -c ipcx -n "__fish_ipcx_using_subcommand help; and __fish_seen_subcommand_from sem" -f -a "get" -d 'Print the value of each semaphore of a set, one per line'
