//! GNU getopt_long as util-linux's tools use it: clustered short options (`-qa`), attached
//! or separate arguments (`-i5`, `-i 5`, `--id=5`, `--id 5`), optional arguments only when
//! attached (`-ashm`, `--all=shm`), unambiguous abbreviations of long options, operands
//! anywhere (they are permuted to the end) unless POSIXLY_CORRECT is set, `--` ending the
//! options — and glibc's own wording for every mistake, which scripts and users see.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HasArg {
    No,
    Required,
    Optional,
}

/// One long option: its name, whether it takes an argument, and the short option it
/// stands for (or a private code above 255).
#[derive(Clone, Copy, Debug)]
pub struct LongOpt {
    pub name: &'static str,
    pub has_arg: HasArg,
    pub val: u32,
}

/// A long option answering as `val` (a short option's byte, or a number above 255 for a
/// long-only one), as an entry of getopt_long's table.
pub const fn opt(name: &'static str, has_arg: HasArg, val: u32) -> LongOpt {
    LongOpt { name, has_arg, val }
}

/// What the parser found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// An option (its short letter or private code) with its argument, if any.
    Opt(u32, Option<Vec<u8>>),
    /// A mistake: glibc's message (without the program name) for stderr.
    Error(String),
}

pub struct Getopt<'a> {
    args: &'a [OsString],
    shorts: &'a [u8],
    longs: &'a [LongOpt],
    /// Index of the next argument to look at.
    index: usize,
    /// Within a cluster of short options: the argument and the position in it.
    cluster: Option<(usize, usize)>,
    operands: Vec<Vec<u8>>,
    done: bool,
    posixly_correct: bool,
}

impl<'a> Getopt<'a> {
    /// `args` without the program name; `shorts` in getopt's notation (`"i:qa::"`; a
    /// leading `+` stops at the first operand, as POSIXLY_CORRECT does).
    pub fn new(args: &'a [OsString], shorts: &'a str, longs: &'a [LongOpt]) -> Getopt<'a> {
        let stop = shorts.starts_with('+');
        Getopt {
            args,
            shorts: shorts.trim_start_matches('+').as_bytes(),
            longs,
            index: 0,
            cluster: None,
            operands: Vec::new(),
            done: false,
            posixly_correct: stop || std::env::var_os("POSIXLY_CORRECT").is_some(),
        }
    }

    /// The operands: every argument that was not an option or an option's argument, in
    /// order. Complete once `next` has returned None.
    pub fn operands(&self) -> &[Vec<u8>] {
        &self.operands
    }

    fn arg(&self, i: usize) -> &'a [u8] {
        self.args[i].as_bytes()
    }

    /// How a short option letter is declared: None when it is not an option.
    fn short_spec(&self, letter: u8) -> Option<HasArg> {
        if letter == b':' {
            return None;
        }
        let at = self.shorts.iter().position(|&c| c == letter)?;
        let colons = self.shorts[at + 1..]
            .iter()
            .take(2)
            .take_while(|&&c| c == b':')
            .count();
        Some(match colons {
            0 => HasArg::No,
            1 => HasArg::Required,
            _ => HasArg::Optional,
        })
    }

    pub fn next_item(&mut self) -> Option<Item> {
        if let Some((arg, pos)) = self.cluster {
            return Some(self.short(arg, pos));
        }
        loop {
            if self.index >= self.args.len() {
                return None;
            }
            let arg = self.arg(self.index);
            if self.done {
                self.operands.push(arg.to_vec());
                self.index += 1;
                continue;
            }
            if arg == b"--" {
                self.done = true;
                self.index += 1;
                continue;
            }
            if arg.len() < 2 || arg[0] != b'-' {
                self.operands.push(arg.to_vec());
                self.index += 1;
                if self.posixly_correct {
                    self.done = true;
                }
                continue;
            }
            if arg.starts_with(b"--") {
                return Some(self.long());
            }
            return Some(self.short(self.index, 1));
        }
    }

    fn short(&mut self, arg_index: usize, pos: usize) -> Item {
        let arg = self.arg(arg_index);
        let letter = arg[pos];
        let rest = &arg[pos + 1..];
        self.cluster = None;
        let finish_cluster = |this: &mut Self| {
            if rest.is_empty() {
                this.index = arg_index + 1;
            } else {
                this.cluster = Some((arg_index, pos + 1));
            }
        };
        match self.short_spec(letter) {
            None => {
                finish_cluster(self);
                Item::Error(format!("invalid option -- '{}'", show_byte(letter)))
            }
            Some(HasArg::No) => {
                finish_cluster(self);
                Item::Opt(u32::from(letter), None)
            }
            Some(HasArg::Optional) => {
                self.index = arg_index + 1;
                let value = (!rest.is_empty()).then(|| rest.to_vec());
                Item::Opt(u32::from(letter), value)
            }
            Some(HasArg::Required) => {
                if !rest.is_empty() {
                    self.index = arg_index + 1;
                    Item::Opt(u32::from(letter), Some(rest.to_vec()))
                } else if arg_index + 1 < self.args.len() {
                    self.index = arg_index + 2;
                    Item::Opt(u32::from(letter), Some(self.arg(arg_index + 1).to_vec()))
                } else {
                    self.index = arg_index + 1;
                    Item::Error(format!(
                        "option requires an argument -- '{}'",
                        show_byte(letter)
                    ))
                }
            }
        }
    }

    fn long(&mut self) -> Item {
        let arg = self.arg(self.index);
        let text = &arg[2..];
        let name_end = text.iter().position(|&b| b == b'=').unwrap_or(text.len());
        let name = &text[..name_end];
        let shown = String::from_utf8_lossy(text);
        self.index += 1;

        let mut found: Option<usize> = self.longs.iter().position(|o| o.name.as_bytes() == name);
        if found.is_none() {
            let mut ambiguous: Vec<bool> = vec![false; self.longs.len()];
            let mut any_ambiguous = false;
            for (i, option) in self.longs.iter().enumerate() {
                if !option.name.as_bytes().starts_with(name) {
                    continue;
                }
                match found {
                    None => found = Some(i),
                    Some(first) => {
                        let first = self.longs[first];
                        if first.has_arg != option.has_arg || first.val != option.val {
                            if let Some(f) = self.longs.iter().position(|o| o.name == first.name) {
                                ambiguous[f] = true;
                            }
                            ambiguous[i] = true;
                            any_ambiguous = true;
                        }
                    }
                }
            }
            if any_ambiguous {
                let mut message = format!("option '--{shown}' is ambiguous; possibilities:");
                for (option, _) in self.longs.iter().zip(&ambiguous).filter(|(_, &a)| a) {
                    message.push_str(&format!(" '--{}'", option.name));
                }
                return Item::Error(message);
            }
        }
        let Some(found) = found else {
            return Item::Error(format!("unrecognized option '--{shown}'"));
        };
        let option = self.longs[found];
        if name_end < text.len() {
            if option.has_arg == HasArg::No {
                return Item::Error(format!(
                    "option '--{}' doesn't allow an argument",
                    option.name
                ));
            }
            return Item::Opt(option.val, Some(text[name_end + 1..].to_vec()));
        }
        match option.has_arg {
            HasArg::Required => {
                if self.index < self.args.len() {
                    let value = self.arg(self.index).to_vec();
                    self.index += 1;
                    Item::Opt(option.val, Some(value))
                } else {
                    Item::Error(format!("option '--{}' requires an argument", option.name))
                }
            }
            _ => Item::Opt(option.val, None),
        }
    }
}

fn show_byte(b: u8) -> String {
    String::from_utf8_lossy(&[b]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONGS: &[LongOpt] = &[
        LongOpt {
            name: "id",
            has_arg: HasArg::Required,
            val: b'i' as u32,
        },
        LongOpt {
            name: "shmems",
            has_arg: HasArg::No,
            val: b'm' as u32,
        },
        LongOpt {
            name: "semaphores",
            has_arg: HasArg::No,
            val: b's' as u32,
        },
        LongOpt {
            name: "summary",
            has_arg: HasArg::No,
            val: b'u' as u32,
        },
        LongOpt {
            name: "all",
            has_arg: HasArg::Optional,
            val: b'a' as u32,
        },
    ];

    fn parse(args: &[&str]) -> (Vec<Item>, Vec<Vec<u8>>) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut g = Getopt::new(&args, "i:msua::", LONGS);
        let mut items = Vec::new();
        while let Some(item) = g.next_item() {
            items.push(item);
        }
        (items, g.operands().to_vec())
    }

    fn opt(c: u8, v: Option<&str>) -> Item {
        Item::Opt(u32::from(c), v.map(|s| s.as_bytes().to_vec()))
    }

    #[test]
    fn clusters_and_arguments() {
        let (items, ops) = parse(&[
            "-mi5", "x", "--id", "7", "--id=8", "-ashm", "-a", "--", "-m",
        ]);
        assert_eq!(
            items,
            vec![
                opt(b'm', None),
                opt(b'i', Some("5")),
                opt(b'i', Some("7")),
                opt(b'i', Some("8")),
                opt(b'a', Some("shm")),
                opt(b'a', None),
            ]
        );
        assert_eq!(ops, vec![b"x".to_vec(), b"-m".to_vec()]);
    }

    #[test]
    fn mistakes() {
        let (items, _) = parse(&["-z", "--s", "--sh", "--x", "--summary=1", "-i"]);
        assert_eq!(
            items,
            vec![
                Item::Error("invalid option -- 'z'".into()),
                Item::Error(
                    "option '--s' is ambiguous; possibilities: '--shmems' '--semaphores' '--summary'"
                        .into()
                ),
                opt(b'm', None),
                Item::Error("unrecognized option '--x'".into()),
                Item::Error("option '--summary' doesn't allow an argument".into()),
                Item::Error("option requires an argument -- 'i'".into()),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(args in proptest::collection::vec("-{0,2}[a-z=:]{0,6}", 0..6)) {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            let mut g = Getopt::new(&args, "i:msua::", LONGS);
            let mut steps = 0;
            while g.next_item().is_some() {
                steps += 1;
                proptest::prop_assert!(steps <= 64, "no progress");
            }
        }
    }
}
