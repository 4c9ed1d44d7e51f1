//! Text escaped for HTML: content and double-quoted attributes.

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    escape(s, true)
}

/// `s` with `&`, `<`, `>` and `"` (and `'` with `apostrophe`) written as entities, the text
/// between them copied in slices.
pub fn escape(s: &str, apostrophe: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&#39;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_writes_entities_and_copies_the_rest() {
        assert_eq!(
            esc("l'« A » & <b>\"x\""),
            "l&#39;« A » &amp; &lt;b&gt;&quot;x&quot;"
        );
        assert_eq!(escape("l'« A » & <b>", false), "l'« A » &amp; &lt;b&gt;");
        assert_eq!(esc("plain"), "plain");
    }
}
