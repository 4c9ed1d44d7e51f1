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
    const OPEN: &[u8] = "«".as_bytes();
    const CLOSE: &[u8] = "»".as_bytes();
    let mut out = Vec::with_capacity(html.len() + html.len() / 50);
    let mut copied = 0;
    let mut in_tag = false;
    // Only `<`, `>` and spaces matter: jump from one to the next, copy the rest in slices.
    for i in memchr::memchr3_iter(b'<', b'>', b' ', html) {
        match html[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if in_tag => {}
            _ => {
                let next = &html[i + 1..];
                let space = if next.starts_with(b":")
                    || next.starts_with(CLOSE)
                    || html[..i].ends_with(OPEN)
                {
                    NBSP
                } else if next.starts_with(b";") || next.starts_with(b"!") || next.starts_with(b"?")
                {
                    NNBSP
                } else {
                    continue;
                };
                out.extend_from_slice(&html[copied..i]);
                out.extend_from_slice(space);
                copied = i + 1;
            }
        }
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
    }
}
