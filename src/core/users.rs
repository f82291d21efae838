//! User and group names, each looked up once per run.
//!
//! ipcx is linked statically (.cargo/config.toml), and a static glibc must not load the
//! system's NSS modules: libnss_systemd and its kind are linked against the shared libc and
//! crash inside a static process. So a lookup does what NSS's `files` source does — reads
//! /etc/passwd or /etc/group — and asks the system's `getent`, a dynamically linked program
//! that runs the machine's whole nsswitch.conf (systemd, sss, ldap, ...), only for an id or
//! a name that the files do not have, and only where nsswitch.conf names other sources.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::rc::Rc;

/// One of the two databases.
#[derive(Clone, Copy)]
enum Db {
    Passwd,
    Group,
}

impl Db {
    fn file(self) -> &'static str {
        match self {
            Db::Passwd => "/etc/passwd",
            Db::Group => "/etc/group",
        }
    }

    fn getent_name(self) -> &'static str {
        match self {
            Db::Passwd => "passwd",
            Db::Group => "group",
        }
    }
}

/// What is looked up: an entry by its id, or by its name.
#[derive(Clone, Copy)]
enum Key<'a> {
    Id(u32),
    Name(&'a str),
}

/// The name and id of one `name:password:id:...` line; None for comments, NIS `+`/`-`
/// markers and malformed lines, which glibc's files source skips too.
fn entry(line: &str) -> Option<(&str, u32)> {
    if line.starts_with(['#', '+', '-']) {
        return None;
    }
    let mut fields = line.split(':');
    let name = fields.next().filter(|name| !name.is_empty())?;
    let id = fields.nth(1)?.parse().ok()?;
    Some((name, id))
}

/// The first entry of `text` that matches `key`, as glibc's files source answers.
fn find(text: &str, key: Key) -> Option<(String, u32)> {
    text.lines()
        .filter_map(entry)
        .find(|&(name, id)| match key {
            Key::Id(wanted) => id == wanted,
            Key::Name(wanted) => name == wanted,
        })
        .map(|(name, id)| (name.to_string(), id))
}

/// Where getent is looked for: never through PATH, as ipcs and ipcrm run as root from
/// scripts, and a `getent` first on a user's PATH must not run in their place.
const GETENT: [&str; 2] = ["/usr/bin/getent", "/bin/getent"];

/// The system's name service configuration (nsswitch.conf(5)).
const NSSWITCH: &str = "/etc/nsswitch.conf";

/// Whether nsswitch.conf gives `db` the files source alone: then getent would read the same
/// file again, and is not asked. Without the file, or with other sources, it is.
fn files_only(db: Db, nsswitch: &str) -> bool {
    let sources = nsswitch.lines().find_map(|line| {
        let line = line.split('#').next().unwrap_or_default();
        let (name, sources) = line.split_once(':')?;
        (name.trim() == db.getent_name()).then_some(sources)
    });
    sources.is_some_and(|sources| {
        let mut names = sources.split_whitespace().filter(|s| !s.starts_with('['));
        names.clone().next().is_some() && names.all(|source| source == "files")
    })
}

/// Asks `getent DB KEY`; None when it is missing, fails or knows nothing.
fn ask_getent(db: Db, key: Key) -> Option<(String, u32)> {
    let nsswitch = std::fs::read(NSSWITCH).unwrap_or_default();
    if files_only(db, &String::from_utf8_lossy(&nsswitch)) {
        return None;
    }
    let text = match key {
        Key::Id(id) => id.to_string(),
        Key::Name(name) => name.to_string(),
    };
    let out = GETENT.iter().find_map(|program| {
        Command::new(program)
            .args([db.getent_name(), "--", &text])
            .env_clear()
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()
    })?;
    if !out.status.success() {
        return None;
    }
    find(&String::from_utf8_lossy(&out.stdout), key)
}

/// Looks `key` up in `files` (the text of the database's file), then through getent.
fn lookup(db: Db, files: &str, key: Key) -> Option<(String, u32)> {
    find(files, key).or_else(|| ask_getent(db, key))
}

/// A database file's text (a byte that is not UTF-8, in a GECOS field say, is replaced
/// and spoils only its own line); empty when it cannot be read, so that getent answers.
fn read(db: Db) -> String {
    let bytes = std::fs::read(db.file()).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[derive(Default)]
pub struct Names {
    users: HashMap<u32, Rc<str>>,
    groups: HashMap<u32, Rc<str>>,
    /// /etc/passwd and /etc/group, each read at its first lookup.
    passwd: Option<String>,
    group: Option<String>,
}

impl Names {
    /// The user name of `uid`, or the number when it has none (as ipcs and lsipc fall back).
    pub fn user(&mut self, uid: u32) -> Rc<str> {
        let files = &mut self.passwd;
        self.users
            .entry(uid)
            .or_insert_with(|| name_of(Db::Passwd, files, uid))
            .clone()
    }

    /// The group name of `gid`, or the number when it has none.
    pub fn group(&mut self, gid: u32) -> Rc<str> {
        let files = &mut self.group;
        self.groups
            .entry(gid)
            .or_insert_with(|| name_of(Db::Group, files, gid))
            .clone()
    }
}

/// The name of `id` in `db`, or the number; `files` caches the database file's text.
fn name_of(db: Db, files: &mut Option<String>, id: u32) -> Rc<str> {
    let files = files.get_or_insert_with(|| read(db));
    match lookup(db, files, Key::Id(id)) {
        Some((name, _)) => name.into(),
        None => id.to_string().into(),
    }
}

/// A user given on the command line, as a name or a number, resolved to its uid.
pub fn uid_of(text: &str) -> Result<u32, String> {
    if let Ok(uid) = text.parse::<u32>() {
        return Ok(uid);
    }
    match lookup(Db::Passwd, &read(Db::Passwd), Key::Name(text)) {
        Some((_, uid)) => Ok(uid),
        None => Err(format!(
            "no user named '{text}' (give a name from the passwd database or a uid)"
        )),
    }
}

/// A group given on the command line, as a name or a number, resolved to its gid.
pub fn gid_of(text: &str) -> Result<u32, String> {
    if let Ok(gid) = text.parse::<u32>() {
        return Ok(gid);
    }
    match lookup(Db::Group, &read(Db::Group), Key::Name(text)) {
        Some((_, gid)) => Ok(gid),
        None => Err(format!(
            "no group named '{text}' (give a name from the group database or a gid)"
        )),
    }
}

/// `USER` or `USER:GROUP`, as chown(1) takes them, resolved to a uid and maybe a gid.
pub fn owner_of(text: &str) -> Result<(u32, Option<u32>), String> {
    match text.split_once(':') {
        None => Ok((uid_of(text)?, None)),
        Some((user, group)) if !user.is_empty() && !group.is_empty() => {
            Ok((uid_of(user)?, Some(gid_of(group)?)))
        }
        Some(_) => Err(format!(
            "'{text}' is not USER or USER:GROUP (for the group alone, use --group)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "\
# a comment:x:7:7
root:x:0:0:root:/root:/bin/bash
+nis:x:9:9::/:/bin/sh
bad:x:notanumber:1::/:/bin/sh
alice:x:1000:1000::/home/alice:/bin/sh
alias:x:1000:1000::/home/alias:/bin/sh
:x:5:5::/:/bin/sh
";

    #[test]
    fn getent_is_skipped_only_where_files_alone_answer() {
        let conf =
            "# comment\npasswd:  files   # local only\ngroup: files [SUCCESS=merge] systemd\n";
        assert!(files_only(Db::Passwd, conf));
        assert!(!files_only(Db::Group, conf));
        assert!(!files_only(Db::Passwd, "passwd: compat\n"));
        assert!(!files_only(Db::Passwd, "passwd:\n"));
        assert!(!files_only(Db::Passwd, ""));
    }

    #[test]
    fn the_first_matching_line_answers() {
        assert_eq!(find(PASSWD, Key::Id(0)), Some(("root".into(), 0)));
        assert_eq!(find(PASSWD, Key::Id(1000)), Some(("alice".into(), 1000)));
        assert_eq!(
            find(PASSWD, Key::Name("alias")),
            Some(("alias".into(), 1000))
        );
    }

    #[test]
    fn comments_nis_markers_and_malformed_lines_are_skipped() {
        assert_eq!(find(PASSWD, Key::Id(7)), None);
        assert_eq!(find(PASSWD, Key::Id(9)), None);
        assert_eq!(find(PASSWD, Key::Name("bad")), None);
        assert_eq!(find(PASSWD, Key::Id(5)), None);
        assert_eq!(find("root:x", Key::Name("root")), None);
    }
}
