//! `ipcx sem init|p|v|get` as clap definitions: the set or named semaphore, the index and
//! count, how long to wait, and the command run while holding it.

use std::ffi::OsString;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::core::posix::sem::SEM_VALUE_MAX;
use crate::core::semaphore::Op;
use crate::core::sysv::sem::SEMVMX;
use crate::core::target::Target;

/// Create, take, give and inspect System V semaphore sets and POSIX named semaphores.
///
/// `sem p TARGET -- CMD ARGS...` is a counting, crash-safe flock(1): it takes the semaphore
/// with SEM_UNDO and then becomes CMD, so the slot is held exactly as long as CMD lives,
/// even if CMD is killed with SIGKILL.
///
/// A TARGET beginning with `/` is a POSIX named semaphore (sem_open, /dev/shm/sem.NAME): a
/// single semaphore, so -n is 0 and `init` takes one VALUE. POSIX semaphores have no undo:
/// `sem p /NAME -- CMD` stays as a supervisor that gives the slot back when CMD ends.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem init 0x4d2 2                      # a semaphore of 2: two slots
  ipcx sem p 0x4d2 -- make -j1 job           # at most two jobs at once
  ipcx sem p 0x4d2 --timeout 5s -- backup.sh
  ipcx sem get 0x4d2 --json
  ipcx sem init /jobs 2 && ipcx sem p /jobs -- ./job.sh   # POSIX")]
pub struct SemArgs {
    #[command(subcommand)]
    pub command: SemCommand,
}

#[derive(Debug, Subcommand)]
pub enum SemCommand {
    Init(SemInitArgs),
    P(SemPArgs),
    V(SemVArgs),
    Get(SemGetArgs),
    Op(SemOpArgs),
    Set(SemSetArgs),
}

/// Create a semaphore set with one semaphore per VALUE.
///
/// Safe against a second `init` racing it: the set is created with IPC_CREAT|IPC_EXCL and
/// initialised with SETALL, then marked as initialised by a semop (sem_otime); the loser of
/// the race waits for that mark before it reports that the set exists. An existing set is
/// an error unless --force, which sets its values (their number must match).
///
/// A POSIX semaphore (`/NAME`) is created with its value in one step (sem_open with
/// O_CREAT|O_EXCL). POSIX cannot set the value of an existing one: --force moves it to
/// VALUE by posts and non-blocking waits, which is not atomic — a P or V by others
/// meanwhile is counted as it happens.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem init 0x4d2 1            # a mutex
  ipcx sem init 0x4d2 2 0 5 -m 660
  ipcx sem init 0x4d2 1 --force    # reset an existing set")]
pub struct SemInitArgs {
    /// The set: KEY, id:N (with --force), ftok:PATH[:PROJ], private, or /NAME (POSIX).
    pub target: Target,
    /// The initial values, one per semaphore (0 to 32767; for POSIX one, 0 to 2147483647).
    #[arg(required = true, value_name = "VALUE", value_parser = parse_init_value)]
    pub values: Vec<u32>,
    /// The permission bits of the new set (octal).
    #[arg(short, long, default_value = "600", value_name = "MODE", value_parser = crate::core::parse::mode)]
    pub mode: u32,
    /// If the set exists, set its values instead of failing.
    #[arg(long)]
    pub force: bool,
    /// An existing set or semaphore is an error (status 1) and is not touched
    /// (IPC_EXCL / O_EXCL): what `init` does without --force, said explicitly, as
    /// `msg send` and `shm write` say it with --create.
    #[arg(long, conflicts_with = "force")]
    pub exclusive: bool,
}

/// Take (P): decrement a semaphore, waiting while it is too small.
///
/// Alone, the token is taken for good (no SEM_UNDO): give it back with `sem v`. With
/// `-- CMD ARGS...` it is taken with SEM_UNDO and ipcx becomes CMD, so the kernel gives it
/// back when CMD ends, however it ends; the status is CMD's own (126 or 127 when it cannot
/// be run).
///
/// On a POSIX semaphore (`/NAME`) -c COUNT is COUNT waits (what a wait cut short took is
/// given back). With `-- CMD`, there being no undo, ipcx stays as a small supervisor: it runs
/// CMD as its child (signals ignored by the caller stay ignored), forwards SIGINT, SIGTERM
/// and SIGHUP to it, and posts the semaphore when CMD ends, however it ends; the status is
/// CMD's (128+N if signal N ended it). A supervisor killed with SIGKILL cannot give the slot
/// back — a System V target can, as the kernel undoes it.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem p 0x4d2                         # take one, keep it
  ipcx sem p 0x4d2 -n 1 -c 2 --nowait      # two from semaphore 1, or status 3 at once
  ipcx sem p 0x4d2 --timeout 10s -- ./critical-section.sh")]
pub struct SemPArgs {
    /// The set: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// Which semaphore of the set.
    #[arg(short = 'n', long, default_value = "0", value_name = "INDEX")]
    pub index: u16,
    /// How much to take.
    #[arg(short, long, default_value = "1", value_name = "COUNT", value_parser = parse_count)]
    pub count: u16,
    /// Do not wait: status 3 if the semaphore is too small now.
    #[arg(long, conflicts_with = "timeout")]
    pub nowait: bool,
    /// Wait at most this long (e.g. 500ms, 5s), then status 3.
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
    /// With CMD: take without SEM_UNDO (POSIX: without a supervisor), so the token stays
    /// taken after CMD ends.
    #[arg(long)]
    pub no_undo: bool,
    /// The command to run while holding the semaphore.
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

/// Give (V): increment a semaphore, waking those waiting for it.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem v 0x4d2
  ipcx sem v 0x4d2 -n 1 -c 2")]
pub struct SemVArgs {
    /// The set: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// Which semaphore of the set.
    #[arg(short = 'n', long, default_value = "0", value_name = "INDEX")]
    pub index: u16,
    /// How much to give.
    #[arg(short, long, default_value = "1", value_name = "COUNT", value_parser = parse_count)]
    pub count: u16,
}

/// Print the value of each semaphore of a set, one per line.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem get 0x4d2
  ipcx sem get 0x4d2 --json | jq '.semaphores[0].ncnt'")]
pub struct SemGetArgs {
    /// The set: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// Print JSON: the set's key and id (POSIX: its name), and value, ncnt, zcnt and pid per
    /// semaphore (null for POSIX, which does not record them).
    #[arg(long)]
    pub json: bool,
}

/// Apply several operations to a set in one semop(2): all of them happen, or none.
///
/// OP is INDEX-N (take N from semaphore INDEX), INDEX+N (give N) or INDEX=0 (wait until
/// it is zero). The kernel does them all at once: `sem op K 0-1 1-1` waits until it can
/// take from both, and never holds one while waiting for the other (the dining
/// philosophers' two forks). More OPs than semopm (/proc/sys/kernel/sem) is refused.
///
/// Alone, the change stays (no SEM_UNDO, unless --undo). With `-- CMD ARGS...` the OPs are
/// done with SEM_UNDO and ipcx becomes CMD, as `sem p -- CMD`: when CMD ends, however it
/// ends, the kernel undoes them; the status is CMD's own.
///
/// A POSIX semaphore (`/NAME`) takes a single OP on index 0 (sem_wait/sem_post), and
/// cannot wait for zero.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem op 0x4d2 0-1 1-1 -- ./eat.sh     # two forks at once, given back when it ends
  ipcx sem op 0x4d2 0=0                     # wait until semaphore 0 is zero
  ipcx sem op 0x4d2 0-1 1+1 --nowait        # move a token, or status 3 at once")]
pub struct SemOpArgs {
    /// The set: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// The operations: INDEX-N, INDEX+N or INDEX=0.
    #[arg(required = true, value_name = "OP", value_parser = Op::parse)]
    pub ops: Vec<Op>,
    /// Do them with SEM_UNDO: the kernel undoes them when this process ends (always so
    /// with CMD).
    #[arg(long)]
    pub undo: bool,
    /// Do not wait: status 3 if they cannot all be done now.
    #[arg(long, conflicts_with = "timeout")]
    pub nowait: bool,
    /// Wait at most this long (e.g. 500ms, 5s), then status 3.
    #[arg(long, value_name = "DUR", value_parser = crate::core::parse::duration)]
    pub timeout: Option<Duration>,
    /// The command to run once the OPs are done; they are undone when it ends.
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

/// Set one semaphore's value (SETVAL), leaving the others as they are.
///
/// Waiters are woken to look at the new value; every process's undo adjustment for that
/// semaphore is cleared (as the kernel does for SETVAL). On a POSIX semaphore (`/NAME`)
/// it is done as `sem init --force` does it: by posts and non-blocking waits, not atomic.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  ipcx sem set 0x4d2 5           # semaphore 0 to 5
  ipcx sem set 0x4d2 -n 2 0      # semaphore 2 to 0
  ipcx sem set /jobs 4")]
pub struct SemSetArgs {
    /// The set: KEY, id:N, ftok:PATH[:PROJ] or /NAME (POSIX).
    pub target: Target,
    /// Which semaphore of the set.
    #[arg(short = 'n', long, default_value = "0", value_name = "INDEX")]
    pub index: u16,
    /// The new value (0 to 32767; for POSIX to 2147483647).
    #[arg(value_name = "VALUE", value_parser = parse_init_value)]
    pub value: u32,
}

/// `sem op TARGET OP... [--undo] [--nowait]` parsed without clap, as `signal::fast_path`
/// does for `signal send`: building clap's definitions costs more than the one semop a
/// shell loop runs ipcx for. Anything else (another option, `--`, a value that does not
/// parse, help) is left to clap, which answers it as always.
pub fn fast_path(args: &[OsString]) -> Option<super::Command> {
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    if words.next()?? != "sem" || words.next()?? != "op" {
        return None;
    }
    let (mut target, mut ops) = (None, Vec::new());
    let (mut undo, mut nowait) = (false, false);
    for word in words {
        let flag = match word? {
            "--undo" => &mut undo,
            "--nowait" => &mut nowait,
            word if word.starts_with('-') => return None,
            word if target.is_none() => {
                target = Some(word.parse::<Target>().ok()?);
                continue;
            }
            word => {
                ops.push(Op::parse(word).ok()?);
                continue;
            }
        };
        // clap refuses a flag given twice.
        if std::mem::replace(flag, true) {
            return None;
        }
    }
    if ops.is_empty() {
        return None;
    }
    Some(super::Command::Sem(SemArgs {
        command: SemCommand::Op(SemOpArgs {
            target: target?,
            ops,
            undo,
            nowait,
            timeout: None,
            command: Vec::new(),
        }),
    }))
}

fn parse_value(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u64>() {
        Ok(value) if value <= u64::from(SEMVMX) => Ok(value as u16),
        Ok(value) => Err(format!(
            "{value} is more than semvmx {SEMVMX}, the largest value a semaphore holds"
        )),
        Err(_) => Err(format!("'{text}' is not a semaphore value (0 to {SEMVMX})")),
    }
}

/// A value for `init`: up to SEM_VALUE_MAX, which a POSIX semaphore holds; the command
/// holds a System V set to semvmx.
fn parse_init_value(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u64>() {
        Ok(value) if value <= u64::from(SEM_VALUE_MAX) => Ok(value as u32),
        Ok(value) => Err(format!(
            "{value} is more than SEM_VALUE_MAX {SEM_VALUE_MAX}, the largest value a POSIX semaphore holds (semvmx {SEMVMX} for System V)"
        )),
        Err(_) => Err(format!("'{text}' is not a semaphore value (0 to {SEMVMX}; POSIX to {SEM_VALUE_MAX})")),
    }
}

fn parse_count(text: &str) -> Result<u16, String> {
    match parse_value(text)? {
        0 => Err(
            "a count of 0 would wait for zero, which is `ipcx sem op TARGET INDEX=0`; give 1 or more"
                .into(),
        ),
        count => Ok(count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path answers exactly as clap does, or leaves the arguments to clap.
    #[test]
    fn the_fast_path_agrees_with_clap() {
        crate::cli::assert_fast_path_agrees(
            &["ipcx", "sem", "op"],
            fast_path,
            &[
                &["0x4d2", "0-1", "1+1"],
                &["id:3", "0=0", "--nowait"],
                &["--undo", "1234", "2-5"],
                &["/jobs", "0-1", "--undo", "--nowait"],
                &["ftok:/tmp:7", "0+32767"],
                &["private", "0-1"],
            ],
            &[
                &[],
                &["0x4d2"],
                &["0x4d2", "0=1"],
                &["x", "0-1"],
                &["0x4d2", "0-1", "--timeout", "1s"],
                &["0x4d2", "0-1", "--", "true"],
                &["0x4d2", "0-1", "--undo", "--undo"],
                &["0x4d2", "0-1", "-h"],
                &["0x4d2", "0-1", "--help"],
                &["0x4d2", "0-1", "--nowai"],
            ],
        );
        let other: Vec<OsString> = ["ipcx", "sem", "p", "0x4d2"].map(OsString::from).to_vec();
        assert!(fast_path(&other).is_none());
    }

    #[test]
    fn values_and_counts() {
        assert_eq!(parse_value("0"), Ok(0));
        assert_eq!(parse_value("32767"), Ok(32767));
        assert!(parse_value("32768").unwrap_err().contains("semvmx 32767"));
        assert!(parse_value("-1").is_err());
        assert_eq!(parse_init_value("2147483647"), Ok(2147483647));
        assert!(parse_init_value("2147483648")
            .unwrap_err()
            .contains("SEM_VALUE_MAX 2147483647"));
        assert!(parse_count("0").is_err());
        assert_eq!(parse_count("2"), Ok(2));
    }
}
