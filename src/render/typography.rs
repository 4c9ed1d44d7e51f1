//! French typography: a non-breaking space before `: ; ! ?` and inside « », where the text
//! has a plain space. Applied to whole French pages, so titles and interface strings get it
//! too; it only turns existing spaces into non-breaking ones, never adds or removes words.

/// U+00A0 before a colon and inside guillemets, U+202F (narrow) before ; ! ?, as the
/// Imprimerie nationale sets them.
pub fn french(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut chars = html.chars().peekable();
    let mut in_tag = false;
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        if !in_tag && c == ' ' {
            match chars.peek() {
                Some(':') | Some('»') => {
                    out.push('\u{a0}');
                    prev = '\u{a0}';
                    continue;
                }
                Some(';') | Some('!') | Some('?') => {
                    out.push('\u{202f}');
                    prev = '\u{202f}';
                    continue;
                }
                _ => {}
            }
            if prev == '«' {
                out.push('\u{a0}');
                prev = '\u{a0}';
                continue;
            }
        }
        out.push(c);
        prev = c;
    }
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
    }
}
