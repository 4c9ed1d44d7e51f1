//! SVG path data from projected polygons: culled to the view, cut at its edges, rounded, and
//! written with relative steps, so a map of a continent stays a few tens of kilobytes.

use super::atlas::Country;
use super::projection::{angle, bounds, View};
use std::fmt::Write;

/// Appends the SVG path data of the country's polygons that fall in the view, rounded to
/// `precision` units (0.1 or 1).
pub fn path(view: &View, country: &Country, precision: f64, d: &mut String) {
    let reach = view.reach();
    let centre = view.projection.centre();
    'shapes: for shape in &country.shapes {
        if angle(centre, shape.centre) - shape.radius > reach {
            continue;
        }
        let mut rings: Vec<Vec<(f64, f64)>> = Vec::with_capacity(shape.rings.len());
        for ring in &shape.rings {
            let mut points = Vec::with_capacity(ring.len());
            for &p in ring {
                match view.point(p) {
                    Some(q) => points.push(q),
                    // Part of it is behind the globe: leave the polygon out.
                    None => continue 'shapes,
                }
            }
            rings.push(points);
        }
        let Some((x0, y0, x1, y1)) = bounds(rings[0].iter().copied()) else {
            continue;
        };
        if x1 < 0.0 || y1 < 0.0 || x0 > view.width || y0 > view.height {
            continue;
        }
        // Cut at a margin around the view: what lies beyond is never seen, and would only
        // weigh on every page that carries the map.
        let margin = 4.0;
        let window = (-margin, -margin, view.width + margin, view.height + margin);
        for ring in &rings {
            write_ring(&clip(ring, window), precision, d);
        }
    }
}

/// The part of a ring inside an axis-aligned window (Sutherland–Hodgman: one pass per edge of
/// the window). Exact for filling; the cut runs along the window's edges, outside the view.
fn clip(ring: &[(f64, f64)], (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    type Inside = fn((f64, f64), f64) -> bool;
    type Cross = fn((f64, f64), (f64, f64), f64) -> (f64, f64);
    let at_x: Cross = |a, b, x| (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0));
    let at_y: Cross = |a, b, y| (a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1), y);
    let edges: [(Inside, Cross, f64); 4] = [
        (|p, v| p.0 >= v, at_x, x0),
        (|p, v| p.0 <= v, at_x, x1),
        (|p, v| p.1 >= v, at_y, y0),
        (|p, v| p.1 <= v, at_y, y1),
    ];
    let mut points = ring.to_vec();
    for (inside, cross, v) in edges {
        if points.is_empty() {
            break;
        }
        let mut out = Vec::with_capacity(points.len() + 4);
        let mut prev = *points.last().unwrap_or(&(0.0, 0.0));
        for &p in &points {
            match (inside(p, v), inside(prev, v)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(cross(prev, p, v));
                    out.push(p);
                }
                (false, true) => out.push(cross(prev, p, v)),
                (false, false) => {}
            }
            prev = p;
        }
        points = out;
    }
    points
}

/// One closed subpath, rounded to `precision` (0.1 or 1 unit); points less than three
/// steps from the last one kept are dropped, which is invisible at that size.
fn write_ring(ring: &[(f64, f64)], precision: f64, d: &mut String) {
    let mut last: Option<(i64, i64)> = None;
    let mut count = 0;
    let start = d.len();
    let tenths_per_step = (precision * 10.0).round() as i64;
    for &(x, y) in ring {
        let q = (
            (x / precision).round() as i64 * tenths_per_step,
            (y / precision).round() as i64 * tenths_per_step,
        );
        if let Some(l) = last {
            if (q.0 - l.0).abs() + (q.1 - l.1).abs() < 3 * tenths_per_step {
                continue;
            }
        }
        // Absolute first point, then relative steps: shorter numbers. A minus sign needs no
        // separator before it.
        match last {
            None => {
                d.push('M');
                tenths(q.0, d);
                d.push(' ');
                tenths(q.1, d);
                d.push('l');
            }
            Some(l) => {
                if count > 1 && q.0 - l.0 >= 0 {
                    d.push(' ');
                }
                tenths(q.0 - l.0, d);
                if q.1 - l.1 >= 0 {
                    d.push(' ');
                }
                tenths(q.1 - l.1, d);
            }
        }
        last = Some(q);
        count += 1;
    }
    if count < 3 {
        d.truncate(start);
    } else {
        d.push('Z');
    }
}

/// Writes `v / 10` with at most one decimal.
fn tenths(v: i64, d: &mut String) {
    if v < 0 {
        d.push('-');
    }
    let a = v.unsigned_abs();
    let _ = write!(d, "{}", a / 10);
    if !a.is_multiple_of(10) {
        let _ = write!(d, ".{}", a % 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_are_cut_at_the_window() {
        let square = [
            (-5.0, -5.0),
            (5.0, -5.0),
            (5.0, 5.0),
            (-5.0, 5.0),
            (-5.0, -5.0),
        ];
        let cut = clip(&square, (0.0, 0.0, 10.0, 10.0));
        let mut corners: Vec<(i64, i64)> = cut.iter().map(|p| (p.0 as i64, p.1 as i64)).collect();
        corners.sort();
        corners.dedup();
        assert_eq!(corners, vec![(0, 0), (0, 5), (5, 0), (5, 5)]);
        assert!(clip(&square, (20.0, 20.0, 30.0, 30.0)).is_empty());
    }

    #[test]
    fn coordinates_are_written_in_tenths() {
        let mut d = String::new();
        write_ring(
            &[(0.0, 0.0), (10.04, -0.55), (3.0, 4.0), (0.0, 0.0)],
            0.1,
            &mut d,
        );
        assert_eq!(d, "M0 0l10-0.6-7 4.6-3-4Z");
        d.clear();
        write_ring(
            &[
                (0.0, 0.0),
                (10.4, -0.55),
                (11.0, 0.0),
                (3.0, 4.2),
                (0.0, 0.0),
            ],
            1.0,
            &mut d,
        );
        assert_eq!(
            d, "M0 0l10-1-7 5-3-4Z",
            "points within three units are dropped"
        );
    }
}
