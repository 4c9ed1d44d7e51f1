//! French typography: a non-breaking space before `: ; ! ?` and inside « », where the text
//! has a plain space. Applied to whole French pages, so titles and interface strings get it
//! too; it only turns existing spaces into non-breaking ones, never adds or removes words.

/// U+00A0 before a colon and inside guillemets, U+202F (narrow) before ; ! ?, as the
/// Imprimerie nationale sets them.
pub fn french(html: &str) -> String {
    String::from_utf8(french_bytes(html.as_bytes())).expect("spaces replaced by characters")
}

/// [`french`] on a page as the template engine writes it: bytes of UTF-8, checked by nobody
/// in between. Only ASCII bytes are looked at, and only spaces are replaced, so the output is
/// UTF-8 whenever the input is.
pub fn french_bytes(html: &[u8]) -> Vec<u8> {
    const NBSP: &[u8] = "\u{a0}".as_bytes();
    const NNBSP: &[u8] = "\u{202f}".as_bytes();
    // The spaces to replace, found from the punctuation around them (rare) rather than by
    // visiting every space of the page (thousands): (position, narrow?).
    let mut spaces: Vec<(usize, bool)> = Vec::new();
    let in_text = |i: usize| {
        // Text, not a tag: the last `<` or `>` before it is a `>` (or there is none).
        memchr::memrchr2(b'<', b'>', &html[..i]).is_none_or(|j| html[j] == b'>')
    };
    // `:` `;` `!` `?` and `»` (0xC2 0xBB) after a space; `«` (0xC2 0xAB) before one.
    let mut find = |i: usize, narrow: bool| {
        if in_text(i) {
            spaces.push((i, narrow));
        }
    };
    for i in memchr::memchr3_iter(b':', b';', b'!', html) {
        if i > 0 && html[i - 1] == b' ' {
            find(i - 1, html[i] != b':');
        }
    }
    for i in memchr::memchr2_iter(b'?', 0xC2, html) {
        match (html[i], html.get(i + 1)) {
            (b'?', _) if i > 0 && html[i - 1] == b' ' => find(i - 1, true),
            (0xC2, Some(0xBB)) if i > 0 && html[i - 1] == b' ' => find(i - 1, false),
            (0xC2, Some(0xAB)) if html.get(i + 2) == Some(&b' ') => find(i + 2, false),
            _ => {}
        }
    }
    if spaces.is_empty() {
        return html.to_vec();
    }
    // A space with both kinds of neighbour takes the wide one, as it always has.
    spaces.sort_unstable_by_key(|&(i, narrow)| (i, narrow));
    spaces.dedup_by_key(|&mut (i, _)| i);
    let mut out = Vec::with_capacity(html.len() + spaces.len() * 2);
    let mut copied = 0;
    for (i, narrow) in spaces {
        out.extend_from_slice(&html[copied..i]);
        out.extend_from_slice(if narrow { NNBSP } else { NBSP });
        copied = i + 1;
    }
    out.extend_from_slice(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_punctuation_and_inside_guillemets_do_not_break() {
        assert_eq!(
            french("Déclarons ce qui suit : « Texte » ; fin ! Vrai ?"),
            "Déclarons ce qui suit\u{a0}: «\u{a0}Texte\u{a0}»\u{202f}; fin\u{202f}! Vrai\u{202f}?"
        );
        // Tags and attributes are left alone; text without a space is left as written.
        assert_eq!(
            french("<a title=\"a : b\" href=\"/x?y\">suit:</a>"),
            "<a title=\"a : b\" href=\"/x?y\">suit:</a>"
        );
        assert_eq!(french("a  : «  b"), "a \u{a0}: «\u{a0} b");
        assert_eq!(french("« ; »"), "«\u{a0};\u{a0}»");
        assert_eq!(
            french("<p>a ?</p><a href=\"x ?y\">b !</a>"),
            "<p>a\u{202f}?</p><a href=\"x ?y\">b\u{202f}!</a>"
        );
    }

    /// The rule as first written: every space of the text visited in turn.
    fn by_every_space(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for (i, c) in html.char_indices() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                ' ' if !in_tag => {
                    let next = &html[i + 1..];
                    if next.starts_with([':', '»']) || html[..i].ends_with('«') {
                        out.push('\u{a0}');
                        continue;
                    } else if next.starts_with([';', '!', '?']) {
                        out.push('\u{202f}');
                        continue;
                    }
                }
                _ => {}
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn finding_spaces_from_punctuation_gives_what_visiting_every_space_gives() {
        let pieces = [
            " ", ":", ";", "!", "?", "«", "»", "<a b=\"", "\">", "</a>", "é", "x", "  ",
        ];
        // Every string of up to four pieces: 13^4 cases, each checked against the rule.
        let mut cases = vec![String::new()];
        for _ in 0..4 {
            cases = cases
                .iter()
                .flat_map(|c| pieces.iter().map(move |p| format!("{c}{p}")))
                .collect();
            for case in &cases {
                assert_eq!(french(case), by_every_space(case), "{case:?}");
            }
        }
    }
}
