//! The mapping between the site's anchors and AKN `eId`s, both ways (docs/akn.md).

/// A site id as an AKN `eId`: `para-27` → `para_27`, `ii-para-1` → `part_II__para_1`.
///
/// The id's hyphen-separated tokens are grouped into components, joined by `__`: a component
/// is a run of words (tokens of two or more characters starting with a letter, kept joined by
/// `-`) followed by its numbers (tokens starting with a digit, or of one letter), each after a
/// `_`. A first token that is a lower-case Roman numeral is a part: `part_` and the numeral in
/// capitals, followed by its numbers.
pub fn eid(id: &str) -> String {
    let mut components: Vec<String> = Vec::new();
    let mut tokens = id.split('-').peekable();
    if let Some(first) = tokens.peek().copied() {
        if is_roman(first) {
            tokens.next();
            let mut c = format!("part_{}", first.to_ascii_uppercase());
            while let Some(t) = tokens.next_if(|t| is_number(t)) {
                c.push('_');
                c.push_str(t);
            }
            components.push(c);
        }
    }
    while tokens.peek().is_some() {
        let mut c = String::new();
        // The first token of a component is its head word, whatever it is; more words follow.
        if let Some(t) = tokens.next() {
            c.push_str(t);
        }
        while let Some(t) = tokens.next_if(|t| !is_number(t)) {
            c.push('-');
            c.push_str(t);
        }
        while let Some(t) = tokens.next_if(|t| is_number(t)) {
            c.push('_');
            c.push_str(t);
        }
        components.push(c);
    }
    components.join("__")
}

/// The site id of an AKN `eId` written by [`eid`] (the tests' check; docs/akn.md gives the rule): `part_II__para_1` → `ii-para-1`.
#[cfg(test)]
pub fn anchor_id(eid: &str) -> Option<String> {
    let mut tokens: Vec<String> = Vec::new();
    for (n, component) in eid.split("__").enumerate() {
        let mut parts = component.split('_');
        let head = parts.next().filter(|h| !h.is_empty())?;
        let mut numbers: Vec<&str> = parts.collect();
        if n == 0 && head == "part" && numbers.first().is_some_and(|r| is_upper_roman(r)) {
            tokens.push(numbers.remove(0).to_ascii_lowercase());
        } else {
            tokens.push(head.to_string());
        }
        tokens.extend(numbers.iter().map(|s| s.to_string()));
    }
    Some(tokens.join("-"))
}

/// A number of an id: it starts with a digit, or is one letter (`a` in `modalities-a`).
fn is_number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) || t.len() == 1
}

/// A lower-case Roman numeral in its usual form (`iv`, not `iiii`).
fn is_roman(t: &str) -> bool {
    !t.is_empty()
        && t.bytes().all(|b| b"ivxlcdm".contains(&b))
        && roman_value(t).is_some_and(|v| to_roman(v) == t)
}

#[cfg(test)]
fn is_upper_roman(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_uppercase()) && is_roman(&t.to_ascii_lowercase())
}

fn roman_value(t: &str) -> Option<u32> {
    let v = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        b'c' => 100,
        b'd' => 500,
        _ => 1000,
    };
    let b = t.as_bytes();
    let mut total = 0i64;
    for i in 0..b.len() {
        let here = v(b[i]);
        if b.get(i + 1).is_some_and(|&n| v(n) > here) {
            total -= here;
        } else {
            total += here;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0 && n < 4000)
}

fn to_roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_eids_map_both_ways() {
        for (id, e) in [
            ("para-27", "para_27"),
            ("ii-para-1", "part_II__para_1"),
            ("iv", "part_IV"),
            ("iv-4-1", "part_IV_4_1"),
            ("preamble", "preamble"),
            ("preamble-3", "preamble_3"),
            ("annex-1-para-2", "annex_1__para_2"),
            ("enclosure-annex-2-row-1", "enclosure-annex_2__row_1"),
            ("human-dimension-para-1", "human-dimension-para_1"),
            ("modalities-a", "modalities_a"),
            ("fn-1-1", "fn_1_1"),
            ("para-8-2", "para_8_2"),
            ("part-4", "part_4"),
            ("part-iv", "part-iv"),
            ("i-a", "part_I_a"),
            ("a", "a"),
            ("x2-3", "x2_3"),
        ] {
            assert_eq!(eid(id), e, "{id}");
            assert_eq!(anchor_id(e).as_deref(), Some(id), "{e}");
        }
    }

    #[test]
    fn romans_in_their_usual_form_only() {
        for r in ["i", "iv", "ix", "xl", "mcmxcix", "vi"] {
            assert!(is_roman(r), "{r}");
        }
        for r in ["iiii", "vx", "ic", "", "a", "civil"] {
            assert!(!is_roman(r), "{r}");
        }
    }
}
