//! Lambert's azimuthal equal-area projection, and the view that fits a part of it into an SVG
//! viewBox.
//!
//! Equal-area, so Kyrgyzstan is not dwarfed by a stretched Russia; azimuthal, so a map centred
//! on Asia (or a locator centred on one state) is least distorted where the reader looks.

/// A point in degrees: longitude, latitude.
pub type LonLat = (f64, f64);

/// Points farther than this from the centre are not projected: near the antipode the
/// projection tears a polygon apart.
const MAX_ANGLE: f64 = 110.0;

#[derive(Debug, Clone, Copy)]
pub struct Azimuthal {
    lon0: f64,
    sin0: f64,
    cos0: f64,
}

impl Azimuthal {
    pub fn centred((lon, lat): LonLat) -> Azimuthal {
        let phi = lat.to_radians();
        Azimuthal {
            lon0: lon.to_radians(),
            sin0: phi.sin(),
            cos0: phi.cos(),
        }
    }

    /// The projected point (x east, y south, in radii of the sphere), or `None` past
    /// `MAX_ANGLE` from the centre.
    pub fn project(&self, (lon, lat): LonLat) -> Option<(f64, f64)> {
        let (phi, dl) = (lat.to_radians(), lon.to_radians() - self.lon0);
        let (sin, cos) = (phi.sin(), phi.cos());
        let cos_c = self.sin0 * sin + self.cos0 * cos * dl.cos();
        if cos_c < MAX_ANGLE.to_radians().cos() {
            return None;
        }
        let k = (2.0 / (1.0 + cos_c)).sqrt();
        Some((
            k * cos * dl.sin(),
            -k * (self.cos0 * sin - self.sin0 * cos * dl.cos()),
        ))
    }

    /// The angle (radians) from the centre that a projected distance `r` stands for.
    pub fn angle_of(r: f64) -> f64 {
        2.0 * (r / 2.0).min(1.0).asin()
    }

    pub fn centre(&self) -> [f64; 3] {
        unit((
            self.lon0.to_degrees(),
            self.sin0.atan2(self.cos0).to_degrees(),
        ))
    }
}

/// A rectangle of the projected plane scaled to a viewBox of `width` × `height`.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub projection: Azimuthal,
    x0: f64,
    y0: f64,
    scale: f64,
    pub width: f64,
    pub height: f64,
}

impl View {
    /// The view of the projected box `[x0, x1] × [y0, y1]`, `width` units wide.
    pub fn fit(projection: Azimuthal, (x0, y0, x1, y1): Bounds, width: f64) -> View {
        let scale = width / (x1 - x0).max(f64::EPSILON);
        View {
            projection,
            x0,
            y0,
            scale,
            width,
            height: ((y1 - y0) * scale).round(),
        }
    }

    /// Like `fit`, but of a fixed `width` × `height`: the box is widened or heightened (about
    /// its centre) to that aspect ratio.
    pub fn fit_aspect(projection: Azimuthal, b: Bounds, width: f64, height: f64) -> View {
        let (cx, cy) = ((b.0 + b.2) / 2.0, (b.1 + b.3) / 2.0);
        let (mut w, mut h) = (b.2 - b.0, b.3 - b.1);
        if w / h > width / height {
            h = w * height / width;
        } else {
            w = h * width / height;
        }
        let mut view = View::fit(
            projection,
            (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0),
            width,
        );
        view.height = height;
        view
    }

    /// Where a point falls in the viewBox.
    pub fn point(&self, p: LonLat) -> Option<(f64, f64)> {
        let (x, y) = self.projection.project(p)?;
        Some(((x - self.x0) * self.scale, (y - self.y0) * self.scale))
    }

    /// The angle (radians) from the projection's centre beyond which nothing is in view.
    pub fn reach(&self) -> f64 {
        let corners = [
            (self.x0, self.y0),
            (self.x0 + self.width / self.scale, self.y0),
            (self.x0, self.y0 + self.height / self.scale),
            (
                self.x0 + self.width / self.scale,
                self.y0 + self.height / self.scale,
            ),
        ];
        corners
            .iter()
            .map(|(x, y)| Azimuthal::angle_of(x.hypot(*y)))
            .fold(0.0, f64::max)
    }
}

/// A box of the projected plane: min x, min y, max x, max y.
pub type Bounds = (f64, f64, f64, f64);

/// The bounds of some projected points (`None` if there are none).
pub fn bounds(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
    points.into_iter().fold(None, |b, (x, y)| {
        Some(match b {
            None => (x, y, x, y),
            Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
        })
    })
}

/// A point on the unit sphere.
pub fn unit((lon, lat): LonLat) -> [f64; 3] {
    let (l, p) = (lon.to_radians(), lat.to_radians());
    [p.cos() * l.cos(), p.cos() * l.sin(), p.sin()]
}

/// The angle (radians) between two points on the unit sphere.
pub fn angle(a: [f64; 3], b: [f64; 3]) -> f64 {
    (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
        .clamp(-1.0, 1.0)
        .acos()
}

/// The mean direction of some points, as longitude and latitude.
pub fn centroid(points: &[LonLat]) -> LonLat {
    let mut s = [0.0; 3];
    for &p in points {
        let u = unit(p);
        s = [s[0] + u[0], s[1] + u[1], s[2] + u[2]];
    }
    (
        s[1].atan2(s[0]).to_degrees(),
        s[2].atan2(s[0].hypot(s[1])).to_degrees(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_projects_to_the_origin_and_north_is_up() {
        let p = Azimuthal::centred((85.0, 24.0));
        let (x, y) = p.project((85.0, 24.0)).unwrap();
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        let (_, north) = p.project((85.0, 40.0)).unwrap();
        let (east, _) = p.project((100.0, 24.0)).unwrap();
        assert!(north < 0.0, "SVG y grows downwards, so north is negative");
        assert!(east > 0.0);
        assert!(
            p.project((-95.0, -24.0)).is_none(),
            "the antipode is not drawn"
        );
    }

    #[test]
    fn distances_from_the_centre_keep_their_angle() {
        // Equal-area azimuthal: a point at angle c from the centre lies at 2·sin(c/2).
        let p = Azimuthal::centred((0.0, 0.0));
        let (x, y) = p.project((60.0, 0.0)).unwrap();
        let r = x.hypot(y);
        assert!((Azimuthal::angle_of(r) - 60f64.to_radians()).abs() < 1e-9);
    }

    #[test]
    fn a_fixed_aspect_view_keeps_the_box_centred() {
        let p = Azimuthal::centred((0.0, 0.0));
        let v = View::fit_aspect(p, (-1.0, -0.25, 1.0, 0.25), 400.0, 300.0);
        assert_eq!((v.width, v.height), (400.0, 300.0));
        let (x, y) = v.point((0.0, 0.0)).unwrap();
        assert!((x - 200.0).abs() < 1e-9 && (y - 150.0).abs() < 1e-9);
    }

    #[test]
    fn the_centroid_of_points_around_the_antimeridian_stays_there() {
        let (lon, lat) = centroid(&[(179.0, 10.0), (-179.0, 10.0)]);
        assert!((lon.abs() - 180.0).abs() < 1e-6 && (lat - 10.0).abs() < 0.1);
    }
}
