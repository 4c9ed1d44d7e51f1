//! Maps drawn at build time as inline SVG: the membership map of the states index and the
//! locator map of each state page. No tiles, no script: paths projected from Natural Earth
//! boundaries (`atlas`) with an equal-area projection (`projection`), styled by the theme's CSS
//! classes so that light and dark modes apply.
//!
//! A state is placed by its ISO code alone: a new state file with `iso = "…"` is shaded with no
//! other step.

pub mod atlas;
mod draw;
mod projection;

use atlas::{Atlas, Country, Shape};
use draw::path;
use projection::{angle, bounds, centroid, Azimuthal, View};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// The region the membership map frames (degrees): Asia and its neighbours, from the eastern
/// Mediterranean to Japan and from Siberia to Indonesia.
const FRAME: Frame = Frame {
    west: 20.0,
    south: -12.0,
    east: 150.0,
    north: 60.0,
};
const MAP_WIDTH: f64 = 1000.0;
/// The boxes of the states that lie outside the frame (the United States, say).
const INSET: (f64, f64) = (180.0, 120.0);
const LOCATOR: (f64, f64) = (320.0, 200.0);
/// Smallest span a locator shows (degrees), so that a small state is seen among neighbours.
const LOCATOR_SPAN: f64 = 16.0;
/// Islands farther than this (degrees) from a state's mainland do not widen its frame.
const FAR_ISLANDS: f64 = 25.0;

struct Frame {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    Member,
    Observer,
}

impl Shade {
    fn class(self) -> &'static str {
        match self {
            Shade::Member => "map-member",
            Shade::Observer => "map-observer",
        }
    }
}

/// A state to shade on the membership map.
#[derive(Debug, Clone)]
pub struct Place {
    pub iso: String,
    pub url: String,
    /// Its name, written next to an inset.
    pub name: String,
    /// The link's accessible name (name and status).
    pub label: String,
    pub shade: Shade,
}

pub struct MembershipMap {
    pub svg: String,
    /// The places with no boundary at this scale (a microstate, or an unknown code), by index.
    pub undrawn: Vec<usize>,
}

/// The membership map: every country of the frame, the places shaded and linked; places that
/// lie outside the frame get an inset of their own.
pub fn membership(places: &[Place], aria_label: &str) -> MembershipMap {
    let atlas = Atlas::get();
    let (view, drawn) = frame();
    let view = *view;
    let mut undrawn = Vec::new();
    let mut shaded: Vec<(usize, &Country)> = Vec::new();
    for (i, place) in places.iter().enumerate() {
        match atlas.country(&place.iso) {
            Some(c) => shaded.push((i, c)),
            None => undrawn.push(i),
        }
    }
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        r#"<svg class="map" viewBox="0 0 {w} {h}" role="group" aria-label="{label}"><defs>{hatch}</defs><rect class="map-sea" width="{w}" height="{h}"/>"#,
        w = MAP_WIDTH,
        h = view.height,
        label = escape(aria_label),
        hatch = HATCH,
    );
    let others = unshaded(atlas, drawn, &shaded);
    let _ = write!(svg, r#"<path class="map-other" d="{others}"/>"#);
    let mut outside = Vec::new();
    for &(i, country) in &shaded {
        let place = &places[i];
        if in_frame(&view, country) {
            let i = atlas
                .countries
                .iter()
                .position(|c| std::ptr::eq(c, country))
                .unwrap_or_default();
            link(&mut svg, place, &drawn[i]);
        } else {
            outside.push((place, country));
        }
    }
    // Insets from the bottom right corner leftwards.
    for (n, (place, country)) in outside.into_iter().enumerate() {
        inset(&mut svg, n, view.height, place, country);
    }
    svg.push_str("</svg>");
    MembershipMap { svg, undrawn }
}

/// The joined paths of the countries of the frame that are not shaded.
fn unshaded(atlas: &Atlas, drawn: &[String], shaded: &[(usize, &Country)]) -> String {
    let shaded_numbers: Vec<Option<u16>> = shaded.iter().map(|(_, c)| c.numeric).collect();
    let mut others = String::new();
    for (c, d) in atlas.countries.iter().zip(drawn) {
        if c.numeric.is_none() || !shaded_numbers.contains(&c.numeric) {
            others.push_str(d);
        }
    }
    others
}

/// Whether the centre of a country's mainland falls inside the frame.
fn in_frame(view: &View, country: &Country) -> bool {
    country.main_shape().is_some_and(|s| {
        let (lon, lat) = centroid(&s.rings[0]);
        view.point((lon, lat)).is_some_and(|(x, y)| {
            (0.0..=view.width).contains(&x) && (0.0..=view.height).contains(&y)
        })
    })
}

/// The `n`th inset from the bottom right corner of a map `height` high: the place among its
/// neighbours, its name in a band above.
fn inset(svg: &mut String, n: usize, height: f64, place: &Place, country: &Country) {
    let (w, h) = INSET;
    let x = MAP_WIDTH - 8.0 - (n as f64 + 1.0) * (w + 8.0) + 8.0;
    let y = height - 8.0 - h;
    // A band at the top for the name, the map below it.
    let band = 20.0;
    let inset = focus_view(country, w, h - band);
    let (others, d) = focus_paths(&inset, country, 1.0);
    let _ = write!(
        svg,
        r#"<g class="map-inset"><rect class="map-inset-band" x="{x}" y="{y}" width="{w}" height="{band}"/><svg x="{x}" y="{my}" width="{w}" height="{mh}" viewBox="0 0 {w} {mh}"><rect class="map-sea" width="{w}" height="{mh}"/><path class="map-other" d="{others}"/>"#,
        my = y + band,
        mh = h - band,
    );
    link(svg, place, &d);
    let _ = write!(
        svg,
        r#"</svg><rect class="map-inset-frame" x="{x}" y="{y}" width="{w}" height="{h}"/><text class="map-inset-label" x="{tx}" y="{ty}" aria-hidden="true">{name}</text></g>"#,
        tx = x + 6.0,
        ty = y + 15.0,
        name = escape(&place.name),
    );
}

/// A small map of the state with this ISO code among its neighbours, or `None` if the atlas has
/// no boundary for it.
pub fn locator(iso: &str, aria_label: &str) -> Option<String> {
    // The drawing depends on the code alone: made once per process, whatever the language or
    // the number of rebuilds.
    type Cache = Mutex<HashMap<String, Option<Arc<(String, String)>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let cached = cache.lock().ok().and_then(|c| c.get(iso).cloned());
    let paths = match cached {
        Some(p) => p?,
        None => {
            let drawn = Atlas::get().country(iso).map(|country| {
                let view = focus_view(country, LOCATOR.0, LOCATOR.1);
                Arc::new(focus_paths(&view, country, 1.0))
            });
            if let Ok(mut c) = cache.lock() {
                c.insert(iso.to_string(), drawn.clone());
            }
            drawn?
        }
    };
    let (others, here) = (&paths.0, &paths.1);
    let (w, h) = LOCATOR;
    Some(format!(
        r#"<svg class="map locator" viewBox="0 0 {w} {h}" role="img" aria-label="{label}"><rect class="map-sea" width="{w}" height="{h}"/><path class="map-other" d="{others}"/><path class="map-here" d="{here}"/></svg>"#,
        label = escape(aria_label),
    ))
}

/// The hatching that marks observers, so that status is not told by colour alone.
const HATCH: &str = r#"<pattern id="map-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><rect class="map-hatch-bg" width="7" height="7"/><rect class="map-hatch-line" width="3" height="7"/></pattern>"#;

fn link(svg: &mut String, place: &Place, d: &str) {
    let label = escape(&place.label);
    let _ = write!(
        svg,
        r#"<a href="{url}" aria-label="{label}"><title>{label}</title><path class="{class}" d="{d}"/></a>"#,
        url = escape(&place.url),
        class = place.shade.class(),
    );
}

/// The paths of one country (`here`) and of the others in a view, at `precision` units.
fn focus_paths(view: &View, country: &Country, precision: f64) -> (String, String) {
    let mut others = String::new();
    let mut here = String::new();
    for c in &Atlas::get().countries {
        if std::ptr::eq(c, country) {
            path(view, c, precision, &mut here);
        } else {
            path(view, c, precision, &mut others);
        }
    }
    (others, here)
}

/// The view of the membership map and each country's path in it, computed once.
fn frame() -> &'static (View, Vec<String>) {
    static FRAME_PATHS: OnceLock<(View, Vec<String>)> = OnceLock::new();
    FRAME_PATHS.get_or_init(|| {
        let view = frame_view();
        let paths = Atlas::get()
            .countries
            .iter()
            .map(|c| {
                let mut d = String::new();
                path(&view, c, 0.5, &mut d);
                d
            })
            .collect();
        (view, paths)
    })
}

/// The view of the whole frame.
fn frame_view() -> View {
    let f = &FRAME;
    let projection = Azimuthal::centred(((f.west + f.east) / 2.0, (f.south + f.north) / 2.0));
    let mut edge = Vec::new();
    let steps = 26;
    for i in 0..=steps {
        let t = i as f64 / steps as f64;
        let lon = f.west + t * (f.east - f.west);
        let lat = f.south + t * (f.north - f.south);
        edge.extend([(lon, f.south), (lon, f.north), (f.west, lat), (f.east, lat)]);
    }
    let b = bounds(edge.into_iter().filter_map(|p| projection.project(p)))
        .expect("the frame is in view of its own centre");
    View::fit(projection, b, MAP_WIDTH)
}

/// A view centred on one country: its mainland and nearby islands, with a margin, at least
/// `LOCATOR_SPAN` wide.
fn focus_view(country: &Country, width: f64, height: f64) -> View {
    let Some(main) = country.main_shape() else {
        return View::fit_aspect(
            Azimuthal::centred((0.0, 0.0)),
            (-1.0, -1.0, 1.0, 1.0),
            width,
            height,
        );
    };
    let (lon, lat) = centroid(&main.rings[0]);
    let projection = Azimuthal::centred((lon, lat));
    let near: Vec<&Shape> = country
        .shapes
        .iter()
        .filter(|s| angle(s.centre, main.centre) <= FAR_ISLANDS.to_radians())
        .collect();
    let (x0, y0, x1, y1) = bounds(
        near.iter()
            .flat_map(|s| s.rings[0].iter())
            .filter_map(|&p| projection.project(p)),
    )
    .unwrap_or((0.0, 0.0, 0.0, 0.0));
    let min = LOCATOR_SPAN.to_radians() / 2.0;
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (hw, hh) = (
        ((x1 - x0) / 2.0).max(min) * 1.2,
        ((y1 - y0) / 2.0).max(min) * 1.2,
    );
    View::fit_aspect(
        projection,
        (cx - hw, cy - hh, cx + hw, cy + hh),
        width,
        height,
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(iso: &str, shade: Shade) -> Place {
        Place {
            iso: iso.into(),
            url: format!("/en/states/{iso}/"),
            name: iso.into(),
            label: format!("{iso} — state"),
            shade,
        }
    }

    #[test]
    fn shaded_places_are_links_and_others_are_not() {
        let map = membership(
            &[place("KAZ", Shade::Member), place("JPN", Shade::Observer)],
            "Members",
        );
        assert!(map.undrawn.is_empty());
        assert_eq!(map.svg.matches("<a ").count(), 2);
        assert!(map.svg.contains(r#"<a href="/en/states/KAZ/" aria-label="KAZ — state"><title>KAZ — state</title><path class="map-member" d="M"#));
        assert!(map.svg.contains(r#"<path class="map-observer" d="M"#));
        assert!(!map.svg.contains("NaN"));
    }

    #[test]
    fn a_state_far_from_asia_gets_an_inset_and_a_microstate_is_reported() {
        let map = membership(
            &[place("USA", Shade::Observer), place("SGP", Shade::Member)],
            "Members",
        );
        assert_eq!(map.undrawn, vec![1]);
        assert_eq!(map.svg.matches(r#"class="map-inset""#).count(), 1);
        assert!(map.svg.contains(">USA</text>"));
        assert_eq!(map.svg.matches("<a ").count(), 1);
    }

    #[test]
    fn a_locator_shows_the_state_in_its_neighbourhood() {
        let svg = locator("ISR", "Israel on the map").unwrap();
        assert!(svg.contains(r#"role="img" aria-label="Israel on the map""#));
        let here = svg.split(r#"class="map-here" d=""#).nth(1).unwrap();
        assert!(here.starts_with('M') && here.contains('Z'));
        // Its neighbours are drawn too (Egypt, Jordan, Lebanon, Syria…).
        let others = svg.split(r#"class="map-other" d=""#).nth(1).unwrap();
        assert!(others.matches('M').count() >= 4);
        assert!(locator("SGP", "Singapore").is_none());
    }
}
