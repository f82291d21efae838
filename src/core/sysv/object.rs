//! From a TARGET to a System V object: the key or id it names, and the object once found,
//! named in messages as `segment 0x000004d2 (id 3)`.

use std::fmt;

use anyhow::{anyhow, Result};
use nix::errno::Errno;

use super::{describe, Kind};
use crate::core::target::Target;

/// What a TARGET says about a System V object, before anything is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    Key(i32),
    Id(i32),
    /// IPC_PRIVATE: only a command that creates can use it.
    Private,
}

impl Address {
    /// The address of a TARGET; ftok is computed here. A `/NAME` is not System V.
    pub fn of(kind: Kind, target: &Target) -> Result<Address> {
        Ok(match target {
            Target::Key(key) => Address::Key(*key),
            Target::Id(id) => Address::Id(*id),
            Target::Private => Address::Private,
            Target::Ftok { path, proj } => {
                let key = crate::core::target::ftok(path, *proj).map_err(|err| {
                    let why = err
                        .downcast_ref::<std::io::Error>()
                        .map(crate::core::io_text)
                        .unwrap_or_default();
                    anyhow!("{} {target}: {err}: {why}", kind.noun())
                })?;
                Address::Key(key)
            }
            // Commands send /NAME to their POSIX backend before they get here.
            Target::Posix(name) => {
                return Err(anyhow!(
                    "{name} is a POSIX name; a System V {} is named by KEY, id:N or ftok:PATH[:PROJ]",
                    kind.noun()
                ));
            }
        })
    }

    /// Refuses `--exclusive` with an id, which names an object that exists (a usage error).
    pub fn check_exclusive(self, kind: Kind, exclusive: bool) -> Result<()> {
        match self {
            Address::Id(_) if exclusive => Err(crate::core::status::usage(format!(
                "--exclusive makes a new {}: give a KEY or ftok:PATH (id:N names one that exists)",
                kind.noun()
            ))),
            _ => Ok(()),
        }
    }

    /// The object as named before it is found: `segment 0x000004d2` or `segment id:3`.
    pub fn describe(self, kind: Kind) -> String {
        match self {
            Address::Key(key) => describe(kind, Some(key), None),
            Address::Id(id) => describe(kind, None, Some(id)),
            Address::Private => describe(kind, Some(0), None),
        }
    }
}

/// A System V object that exists: its kind, key and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Object {
    pub kind: Kind,
    pub key: i32,
    pub id: i32,
}

impl Object {
    /// Finds the existing object an address names: `lookup` is the kind's get(key, 0, 0),
    /// `key_of` reads the key of an id (IPC_STAT), which also proves the id exists.
    pub fn find(
        kind: Kind,
        address: Address,
        lookup: impl Fn(i32) -> Result<i32, Errno>,
        key_of: impl Fn(i32) -> Result<i32, Errno>,
    ) -> Result<Object> {
        let found = match address {
            Address::Key(key) => lookup(key).map(|id| Object { kind, key, id }),
            Address::Id(id) => key_of(id).map(|key| Object { kind, key, id }),
            Address::Private => {
                return Err(crate::core::status::usage(format!(
                    "'private' names no existing {}; give a KEY, id:N or ftok:PATH",
                    kind.noun()
                )))
            }
        };
        found.map_err(|errno| anyhow!("{}: {}", address.describe(kind), kind.why(errno)))
    }

    /// An error about this object: `segment 0x000004d2 (id 3): <why>`.
    pub fn error(&self, why: impl fmt::Display) -> anyhow::Error {
        anyhow!("{self}: {why}")
    }
}

impl fmt::Display for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe(self.kind, Some(self.key), Some(self.id)))
    }
}
