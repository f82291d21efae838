//! `ipcrm` as util-linux 2.42 runs it: removal by id, by key and (`--posix-shmem`,
//! `--posix-mqueue`, `--posix-semaphore`) by POSIX name, the legacy
//! `ipcrm msg|shm|sem ID...` form, and `-a` over every object the caller may read. Each
//! failure is reported and the rest still done (status 1 at the end); a value that does not
//! parse, or an unexpected kernel error, stops at once.
//!
//! The one deliberate difference: a bare `-a` removes System V objects only, as util-linux
//! 2.38 and `ipcx rm --all` do. util-linux 2.42's bare `-a` also unlinks every POSIX object
//! in /dev/shm and /dev/mqueue, other programs' live state included; here those go only
//! when asked for by kind, `--all=pshm`, `--all=pmsg` or `--all=psem`.

use std::ffi::OsString;

use nix::errno::Errno;

use super::getopt::{opt, Getopt, HasArg, Item, LongOpt};
use super::numbers::{strtos32_or_err, strtoul, ERANGE_TEXT};
use super::Tool;
use crate::core::ipcinfo;
use crate::core::objects::{self, Listed};
use crate::core::posix;
use crate::core::sysv::{self, Kind};

/// The long-only options' codes (util-linux's `CHAR_MAX + 1` onwards).
const OPT_PSHM: u32 = 128;
const OPT_PMSG: u32 = 129;
const OPT_PSEM: u32 = 130;

const LONGS: &[LongOpt] = &[
    opt("shmem-id", HasArg::Required, b'm' as u32),
    opt("shmem-key", HasArg::Required, b'M' as u32),
    opt("posix-shmem", HasArg::Required, OPT_PSHM),
    opt("queue-id", HasArg::Required, b'q' as u32),
    opt("queue-key", HasArg::Required, b'Q' as u32),
    opt("posix-mqueue", HasArg::Required, OPT_PMSG),
    opt("semaphore-id", HasArg::Required, b's' as u32),
    opt("semaphore-key", HasArg::Required, b'S' as u32),
    opt("posix-semaphore", HasArg::Required, OPT_PSEM),
    opt("all", HasArg::Optional, b'a' as u32),
    opt("verbose", HasArg::No, b'v' as u32),
    opt("version", HasArg::No, b'V' as u32),
    opt("help", HasArg::No, b'h' as u32),
];

const USAGE: &str = "
Usage:
 {} [options]
 {} shm|msg|sem <id>...

Remove certain IPC resources.

Options:
 -m, --shmem-id <id>           remove shared memory segment by id
 -M, --shmem-key <key>         remove shared memory segment by key
     --posix-shmem <name>      remove POSIX shared memory segment by name
 -q, --queue-id <id>           remove message queue by id
 -Q, --queue-key <key>         remove message queue by key
     --posix-mqueue <name>     remove POSIX message queue by name
 -s, --semaphore-id <id>       remove semaphore by id
 -S, --semaphore-key <key>     remove semaphore by key
     --posix-semaphore <name>  remove POSIX semaphore by name
 -a, --all[=shm|pshm|msg|pmsg|sem|psem]
                               remove all (in the specified category)
                               (ipcx: a bare -a removes System V objects
                               only; name pshm, pmsg or psem for POSIX ones)
 -v, --verbose                 explain what is being done

 -h, --help                    display this help
 -V, --version                 display version

For more details see ipcrm(1).
";

/// Ok(true) done, Ok(false) failed and reported (go on), Err(status) stop now.
type Step = Result<bool, u8>;

struct Remover<'a> {
    tool: &'a mut Tool,
    verbose: bool,
    /// errno as the C tool would find it: util-linux reports an empty key with whatever
    /// errno holds, which is ENOENT from its locale set-up until a call fails.
    errno: Errno,
}

impl Remover<'_> {
    fn remove(&mut self, kind: Kind, by_key: bool, id: i32) -> Step {
        if self.verbose {
            let what = match kind {
                Kind::Shm => "shared memory segment",
                Kind::Msg => "message queue",
                Kind::Sem | Kind::Mq | Kind::Pshm | Kind::Psem => "semaphore",
            };
            self.tool.print(&format!("removing {what} id `{id}'\n"));
        }
        let Err(errno) = sysv::remove(kind, id) else {
            return Ok(true);
        };
        self.errno = errno;
        let object = if by_key { "key" } else { "id" };
        let what = match errno {
            Errno::EACCES | Errno::EPERM => format!("permission denied for {object}"),
            Errno::EINVAL => format!("invalid {object}"),
            Errno::EIDRM => format!("already removed {object}"),
            other => {
                self.tool
                    .warn(&format!("{object} failed: {}", ipcinfo::strerror(other)));
                return Err(1);
            }
        };
        self.tool.warn(&format!("{what} ({id})"));
        Ok(false)
    }

    /// The id of the object with key `text`; Ok(None) when that was reported.
    fn key_to_id(&mut self, kind: Kind, text: &[u8]) -> Result<Option<i32>, u8> {
        let shown = String::from_utf8_lossy(text);
        let parsed = strtoul(text, 0);
        if parsed.overflow {
            self.tool.warn(&format!(
                "failed to parse argument: '{shown}': {ERANGE_TEXT}"
            ));
            return Err(1);
        }
        if text.is_empty() {
            let why = ipcinfo::strerror(self.errno);
            self.tool
                .warn(&format!("failed to parse argument: '{shown}': {why}"));
            return Err(1);
        }
        if parsed.end == 0 || parsed.end != text.len() {
            self.tool
                .warn(&format!("failed to parse argument: '{shown}'"));
            return Err(1);
        }
        // key_t is an int: the C conversion keeps the low 32 bits.
        let key = parsed.value as u32 as i32;
        if key == sysv::IPC_PRIVATE {
            self.tool.warn(&format!("illegal key ({shown})"));
            return Ok(None);
        }
        let found = match kind {
            Kind::Shm => sysv::shm::get(key, 0, 0),
            Kind::Msg => sysv::msg::get(key, 0),
            Kind::Sem => sysv::sem::get(key, 0, 0),
            Kind::Mq | Kind::Pshm | Kind::Psem => Err(Errno::EINVAL),
        };
        match found {
            Ok(id) => Ok(Some(id)),
            Err(errno) => {
                self.errno = errno;
                let what = match errno {
                    Errno::EACCES => "permission denied for key",
                    Errno::EIDRM => "already removed key",
                    Errno::ENOENT => "invalid key",
                    other => {
                        self.tool
                            .warn(&format!("key failed: {}", ipcinfo::strerror(other)));
                        return Err(1);
                    }
                };
                self.tool.warn(&format!("{what} ({shown})"));
                Ok(None)
            }
        }
    }

    /// `--posix-shmem` and the others: unlink `name` as given (glibc's shm_unlink and
    /// sem_unlink take it with or without its `/`, mq_unlink only with it).
    fn remove_name(&mut self, kind: Kind, name: &str) -> Step {
        if self.verbose {
            self.tool
                .print(&format!("removing {} `{name}'\n", posix_noun(kind)));
        }
        let Err(errno) = posix::unlink(kind, name) else {
            return Ok(true);
        };
        self.errno = errno;
        let what = match errno {
            Errno::EACCES | Errno::EPERM => format!("permission denied for name `{name}'"),
            Errno::ENOENT => format!("name `{name}' not found"),
            Errno::ENAMETOOLONG => format!("name `{name}' too long"),
            other => {
                self.tool
                    .warn(&format!("name failed: {}", ipcinfo::strerror(other)));
                return Err(1);
            }
        };
        self.tool.warn(&what);
        Ok(false)
    }

    /// `-a`: every object of the kinds the caller may read, in util-linux's order
    /// (segments, semaphores, queues; each System V kind before its POSIX one).
    fn remove_all(&mut self, kinds: &[Kind]) -> Step {
        let mut all_done = true;
        for kind in [
            Kind::Shm,
            Kind::Pshm,
            Kind::Sem,
            Kind::Psem,
            Kind::Msg,
            Kind::Mq,
        ] {
            if !kinds.contains(&kind) {
                continue;
            }
            if matches!(kind, Kind::Pshm | Kind::Psem | Kind::Mq) {
                all_done &= self.remove_all_named(kind)?;
                continue;
            }
            let ids: Result<Vec<i32>, _> = match kind {
                Kind::Shm => ipcinfo::shm_stat_all().map(|r| r.iter().map(|s| s.perm.id).collect()),
                Kind::Sem => ipcinfo::sem_stat_all().map(|r| r.iter().map(|s| s.perm.id).collect()),
                Kind::Msg => ipcinfo::msg_stat_all().map(|r| r.iter().map(|s| s.perm.id).collect()),
                Kind::Mq | Kind::Pshm | Kind::Psem => Err(Errno::EINVAL),
            };
            let Ok(ids) = ids else {
                let what = match kind {
                    Kind::Shm => "shared memory",
                    Kind::Sem => "semaphores",
                    Kind::Msg | Kind::Mq | Kind::Pshm | Kind::Psem => "message queues",
                };
                self.tool.warn(&format!("kernel not configured for {what}"));
                return Err(1);
            };
            for id in ids {
                all_done &= self.remove(kind, false, id)?;
            }
        }
        Ok(all_done)
    }

    /// `--all=pshm`, `pmsg` or `psem`: every object util-linux 2.42 lists there (a
    /// semaphore it can open, a queue whose QSIZE it can read), under the name it unlinks
    /// (`/name` for a queue, `name` otherwise). As util-linux, -v announces each twice, and
    /// a directory that cannot be read is reported without changing the status.
    fn remove_all_named(&mut self, kind: Kind) -> Step {
        let listed = match objects::list(kind) {
            Ok(Some(listed)) => listed,
            Ok(None) => {
                self.tool.warn(
                    "/dev/mqueue does not seem to be mounted. \
                     Use 'mount -t mqueue none /dev/mqueue' to mount it.",
                );
                return Ok(true);
            }
            Err(_) => {
                let dir = if kind == Kind::Mq {
                    "/dev/mqueue"
                } else {
                    "/dev/shm"
                };
                self.tool.warn(&format!("cannot open {dir}"));
                return Ok(true);
            }
        };
        let mut all_done = true;
        for object in &listed {
            let name = match object {
                Listed::Mq(r) if r.qsize.is_some() => r.entry.name.clone(),
                Listed::Psem(r) if r.value.is_some() => r.entry.name[1..].to_string(),
                Listed::Pshm(e) => e.name[1..].to_string(),
                _ => continue,
            };
            if self.verbose {
                self.tool
                    .print(&format!("removing {} `{name}'\n", posix_noun(kind)));
            }
            all_done &= self.remove_name(kind, &name)?;
        }
        Ok(all_done)
    }
}

/// How util-linux 2.42's messages name a POSIX kind.
fn posix_noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Mq => "POSIX message queue",
        Kind::Psem => "POSIX semaphore",
        Kind::Pshm | Kind::Msg | Kind::Shm | Kind::Sem => "POSIX shared memory",
    }
}

fn kind_of(word: &[u8]) -> Option<Kind> {
    match word {
        b"shm" => Some(Kind::Shm),
        b"msg" => Some(Kind::Msg),
        b"sem" => Some(Kind::Sem),
        _ => None,
    }
}

/// `--all=WORD` (util-linux 2.42 skips one `=`, so `-a=shm` works too).
fn all_kind_of(word: &[u8]) -> Option<Kind> {
    let word = word.strip_prefix(b"=").unwrap_or(word);
    match word {
        b"pshm" => Some(Kind::Pshm),
        b"pmsg" => Some(Kind::Mq),
        b"psem" => Some(Kind::Psem),
        other => kind_of(other),
    }
}

/// `ipcrm msg|shm|sem ID...`: ids in decimal; a bad one is reported and skipped.
fn legacy(remover: &mut Remover, kind: Kind, ids: &[OsString]) -> u8 {
    use std::os::unix::ffi::OsStrExt;
    if ids.is_empty() {
        remover.tool.warn("not enough arguments");
        return remover.tool.try_help();
    }
    let mut failed = false;
    for text in ids {
        let bytes = text.as_bytes();
        let parsed = strtoul(bytes, 10);
        // util-linux takes an empty id for 0 (strtoul's end is the whole empty string): an
        // unset `$id` in a script would remove id 0, which nobody named.
        if parsed.overflow || parsed.end == 0 || parsed.end != bytes.len() {
            remover
                .tool
                .warn(&format!("invalid id: {}", text.to_string_lossy()));
            failed = true;
            continue;
        }
        match remover.remove(kind, false, parsed.value as u32 as i32) {
            Ok(done) => failed |= !done,
            Err(code) => return code,
        }
    }
    if failed {
        return 1;
    }
    remover.tool.print("resource(s) deleted\n");
    0
}

pub fn run(tool: &mut Tool, args: &[OsString]) -> u8 {
    use std::os::unix::ffi::OsStrExt;
    if args.is_empty() {
        return 0;
    }
    let mut remover = Remover {
        tool,
        verbose: false,
        errno: Errno::ENOENT,
    };
    if let Some(kind) = kind_of(args[0].as_bytes()) {
        return legacy(&mut remover, kind, &args[1..]);
    }
    match run_options(&mut remover, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_options(remover: &mut Remover, args: &[OsString]) -> Result<u8, u8> {
    let mut failures = 0usize;
    let mut remove_all: Option<Vec<Kind>> = None;
    let mut getopt = Getopt::new(args, "q:m:s:Q:M:S:a::vhV", LONGS);
    while let Some(item) = getopt.next_item() {
        let (letter, value) = match item {
            Item::Opt(letter, value) => (letter, value),
            Item::Error(text) => return Err(remover.tool.getopt_error(&text)),
        };
        let posix_kind = match letter {
            OPT_PSHM => Some(Kind::Pshm),
            OPT_PMSG => Some(Kind::Mq),
            OPT_PSEM => Some(Kind::Psem),
            _ => None,
        };
        if let Some(kind) = posix_kind {
            let value = value.unwrap_or_default();
            // A lossy conversion would unlink another spelling of the name: refuse, as
            // ipcmk does, and go on like any failed removal.
            let Ok(name) = std::str::from_utf8(&value) else {
                let shown = String::from_utf8_lossy(&value);
                remover
                    .tool
                    .warn(&format!("{shown}: a POSIX name must be valid UTF-8"));
                failures += 1;
                continue;
            };
            failures += usize::from(!remover.remove_name(kind, name)?);
            continue;
        }
        let letter = u8::try_from(letter).unwrap_or(0);
        match letter {
            b'M' | b'Q' | b'S' | b'm' | b'q' | b's' => {
                let kind = match letter.to_ascii_lowercase() {
                    b'm' => Kind::Shm,
                    b'q' => Kind::Msg,
                    _ => Kind::Sem,
                };
                let by_key = letter.is_ascii_uppercase();
                let value = value.unwrap_or_default();
                let id = if by_key {
                    remover.key_to_id(kind, &value)?
                } else {
                    match strtos32_or_err(&value, "failed to parse argument") {
                        Ok(id) => Some(id),
                        Err(text) => {
                            remover.tool.warn(&text);
                            return Err(1);
                        }
                    }
                };
                let done = match id {
                    Some(id) => remover.remove(kind, by_key, id)?,
                    None => false,
                };
                failures += usize::from(!done);
            }
            b'a' => {
                let kinds = match value {
                    None => Kind::SYSV.to_vec(),
                    Some(word) => match all_kind_of(&word) {
                        Some(kind) => vec![kind],
                        None => {
                            let word = word.strip_prefix(b"=").unwrap_or(&word);
                            remover.tool.warn(&format!(
                                "unknown argument: {}",
                                String::from_utf8_lossy(word)
                            ));
                            return Err(1);
                        }
                    },
                };
                remove_all = Some(kinds);
            }
            b'v' => remover.verbose = true,
            b'h' => return Ok(remover.tool.help(USAGE)),
            b'V' => return Ok(remover.tool.version()),
            _ => return Err(remover.tool.try_help()),
        }
    }
    if let Some(kinds) = remove_all {
        failures += usize::from(!remover.remove_all(&kinds)?);
    }
    if let Some(extra) = getopt.operands().first() {
        remover.tool.warn(&format!(
            "unknown argument: {}",
            String::from_utf8_lossy(extra)
        ));
        return Err(remover.tool.try_help());
    }
    Ok(u8::from(failures > 0))
}
