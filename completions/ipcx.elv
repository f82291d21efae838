
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
            cand shm 'Read and write System V shared memory segments'
            cand sem 'Create, take, give and inspect System V semaphore sets'
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
        &'ipcx;shm'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand write 'Write DATA, or stdin, into a segment at an offset'
            cand read 'Print a segment''s bytes (the whole segment by default) on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;shm;write'= {
            cand --offset 'Where in the segment to start writing (bytes; 4K and the like are accepted)'
            cand --size 'The size of a segment --create makes (e.g. 4096, 4K, 1M)'
            cand -m 'The permission bits of a segment --create makes (octal)'
            cand --mode 'The permission bits of a segment --create makes (octal)'
            cand --create 'Create the segment if it does not exist (needs --size)'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ipcx;sem;init'= {
            cand -m 'The permission bits of the new set (octal)'
            cand --mode 'The permission bits of the new set (octal)'
            cand --force 'If the set exists, set its values instead of failing'
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
            cand --no-undo 'With CMD: take without SEM_UNDO, so the token stays taken after CMD ends'
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
            cand --json 'Print JSON: the set''s key and id, and value, ncnt, zcnt and pid per semaphore'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ipcx;sem;help'= {
            cand init 'Create a semaphore set with one semaphore per VALUE'
            cand p 'Take (P): decrement a semaphore, waiting while it is too small'
            cand v 'Give (V): increment a semaphore, waking those waiting for it'
            cand get 'Print the value of each semaphore of a set, one per line'
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
        &'ipcx;sem;help;help'= {
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
            cand shm 'Read and write System V shared memory segments'
            cand sem 'Create, take, give and inspect System V semaphore sets'
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
        }
        &'ipcx;help;sem;init'= {
        }
        &'ipcx;help;sem;p'= {
        }
        &'ipcx;help;sem;v'= {
        }
        &'ipcx;help;sem;get'= {
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
