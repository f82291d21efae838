//! User and group names, each looked up once per run.

use std::collections::HashMap;
use std::rc::Rc;

use nix::unistd::{Gid, Group, Uid, User};

#[derive(Default)]
pub struct Names {
    users: HashMap<u32, Rc<str>>,
    groups: HashMap<u32, Rc<str>>,
}

impl Names {
    /// The user name of `uid`, or the number when it has none (as ipcs and lsipc fall back).
    pub fn user(&mut self, uid: u32) -> Rc<str> {
        self.users
            .entry(uid)
            .or_insert_with(|| {
                let name = User::from_uid(Uid::from_raw(uid))
                    .ok()
                    .flatten()
                    .map(|u| u.name);
                name.unwrap_or_else(|| uid.to_string()).into()
            })
            .clone()
    }

    /// The group name of `gid`, or the number when it has none.
    pub fn group(&mut self, gid: u32) -> Rc<str> {
        self.groups
            .entry(gid)
            .or_insert_with(|| {
                let name = Group::from_gid(Gid::from_raw(gid))
                    .ok()
                    .flatten()
                    .map(|g| g.name);
                name.unwrap_or_else(|| gid.to_string()).into()
            })
            .clone()
    }
}

/// A user given on the command line, as a name or a number, resolved to its uid.
pub fn uid_of(text: &str) -> Result<u32, String> {
    if let Ok(uid) = text.parse::<u32>() {
        return Ok(uid);
    }
    match User::from_name(text) {
        Ok(Some(user)) => Ok(user.uid.as_raw()),
        _ => Err(format!(
            "no user named '{text}' (give a name from the passwd database or a uid)"
        )),
    }
}
