//! Names with types: a language code, an entry's slug, its section, an entry's key, a page's
//! key. Each is a string on
//! the wire and in URLs, but a `Lang` cannot be passed where a `Slug` is meant. They borrow as
//! `str`, so maps keyed by them are looked up with a plain `&str`.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

macro_rules! name {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(s: impl Into<String>) -> $name {
                $name(s.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                $name(s.to_string())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> $name {
                $name(s)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

name!(
    /// A language code declared in the site config (`fr`, `en`).
    Lang
);

name!(
    /// The name of an entry's files and the last segment of its URL (`almaty-act-2002`).
    Slug
);

/// The kinds of entry, each a folder under `content/` and a segment of URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    Documents,
    Cbms,
    States,
    /// Themes of the texts, each a list of the paragraphs that treat it.
    Topics,
    /// Texts the published texts cite but the site does not publish.
    References,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Documents,
        Section::Cbms,
        Section::States,
        Section::Topics,
        Section::References,
    ];

    /// The folder under `content/` and the URL segment.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Documents => "documents",
            Section::Cbms => "cbms",
            Section::States => "states",
            Section::Topics => "topics",
            Section::References => "references",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.dir() == dir)
    }
}

/// One entry of the site: a document, a measure or a state.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey {
    pub section: Section,
    pub slug: Slug,
}

impl EntryKey {
    pub fn new(section: Section, slug: impl Into<Slug>) -> EntryKey {
        EntryKey {
            section,
            slug: slug.into(),
        }
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.section.dir(), self.slug)
    }
}

/// One entry's page in one language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageKey {
    pub lang: Lang,
    pub entry: EntryKey,
}

impl PageKey {
    pub fn new(lang: impl Into<Lang>, section: Section, slug: impl Into<Slug>) -> PageKey {
        PageKey {
            lang: lang.into(),
            entry: EntryKey::new(section, slug),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn names_are_looked_up_with_plain_strings_and_shown_as_written() {
        let mut m = BTreeMap::new();
        m.insert(Slug::from("almaty-act-2002"), 1);
        assert_eq!(m.get("almaty-act-2002"), Some(&1));
        assert_eq!(Lang::from("fr").to_string(), "fr");
        assert_eq!(serde_json::to_string(&Lang::from("en")).unwrap(), "\"en\"");
        let key = EntryKey::new(Section::Cbms, "economy-2");
        assert_eq!(key.to_string(), "cbms/economy-2");
    }
}
