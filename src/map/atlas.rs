//! The world's countries, decoded once from the TopoJSON file kept in `data/world-atlas/`
//! (Natural Earth 1:110m), each with its ISO 3166-1 numeric code, which [`crate::iso3166`]
//! joins to the alpha-3 code of a state file.
//!
//! TopoJSON stores shared borders once, as quantized, delta-encoded arcs; a ring is a list of
//! arc indices (`!i` for arc `i` reversed). Decoding it is a few lines, so no crate is pulled in.

use super::projection::{angle, centroid, unit, LonLat};
use crate::iso3166;
use serde::Deserialize;
use std::sync::OnceLock;

const TOPOLOGY: &str = include_str!("../../data/world-atlas/countries-110m.json");

/// A polygon: its outer ring, then its holes.
pub type Polygon = Vec<Vec<LonLat>>;

#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 numeric code; Natural Earth leaves a few disputed areas without one.
    pub numeric: Option<u16>,
    pub shapes: Vec<Shape>,
}

/// One polygon, with the circle that holds it, so that a view can skip what it cannot show
/// without projecting it.
#[derive(Debug)]
pub struct Shape {
    pub rings: Polygon,
    /// Its centre, on the unit sphere.
    pub centre: [f64; 3],
    /// The angle (radians) from the centre to its farthest point.
    pub radius: f64,
    /// Its area, in square degrees at its latitude.
    pub area: f64,
}

impl Shape {
    fn new(rings: Polygon) -> Shape {
        let centre = unit(centroid(&rings[0]));
        let radius = rings[0]
            .iter()
            .map(|&p| angle(centre, unit(p)))
            .fold(0.0, f64::max);
        let area = area(&rings[0]);
        Shape {
            rings,
            centre,
            radius,
            area,
        }
    }
}

impl Country {
    /// The polygon with the largest area, which stands for the country when it is framed or
    /// placed (the mainland, not its far islands).
    pub fn main_shape(&self) -> Option<&Shape> {
        self.shapes.iter().max_by(|a, b| a.area.total_cmp(&b.area))
    }
}

/// Why a TopoJSON topology could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum AtlasError {
    #[error("the topology is not TopoJSON as expected")]
    Json(#[from] serde_json::Error),
    #[error("a ring of country {} refers to arc {arc}, which does not exist", .country.as_deref().unwrap_or("without an id"))]
    MissingArc { country: Option<String>, arc: i64 },
}

pub struct Atlas {
    pub countries: Vec<Country>,
}

impl Atlas {
    /// The atlas, decoded on first use and shared by every page and every rebuild.
    pub fn get() -> &'static Atlas {
        static ATLAS: OnceLock<Atlas> = OnceLock::new();
        ATLAS.get_or_init(|| Atlas::decode(TOPOLOGY).expect("the embedded atlas is valid TopoJSON"))
    }

    pub fn decode(topology: &str) -> Result<Atlas, AtlasError> {
        let topo: Topology = serde_json::from_str(topology)?;
        let arcs = absolute_arcs(&topo);
        let countries = topo
            .objects
            .countries
            .geometries
            .into_iter()
            .map(|g| country(&arcs, g))
            .collect::<Result<_, _>>()?;
        Ok(Atlas { countries })
    }

    /// The country with this ISO alpha-3 code, if it is drawn at this scale.
    pub fn country(&self, alpha3: &str) -> Option<&Country> {
        let n = iso3166::numeric(alpha3)?;
        self.countries.iter().find(|c| c.numeric == Some(n))
    }
}

/// The arcs in degrees: each point of an arc is stored as the quantized step from the one
/// before it.
fn absolute_arcs(topo: &Topology) -> Vec<Vec<LonLat>> {
    let t = &topo.transform;
    topo.arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|d| {
                    x += d[0];
                    y += d[1];
                    (
                        x as f64 * t.scale[0] + t.translate[0],
                        y as f64 * t.scale[1] + t.translate[1],
                    )
                })
                .collect()
        })
        .collect()
}

/// A country from its geometry, leaving out degenerate polygons.
fn country(arcs: &[Vec<LonLat>], g: Geometry) -> Result<Country, AtlasError> {
    let (id, polygons) = match g {
        Geometry::Polygon { id, arcs: rings } => {
            let polygon = polygon(arcs, &rings, &id)?;
            (id, vec![polygon])
        }
        Geometry::MultiPolygon { id, arcs: polygons } => {
            let polygons = polygons
                .iter()
                .map(|p| polygon(arcs, p, &id))
                .collect::<Result<_, _>>()?;
            (id, polygons)
        }
    };
    Ok(Country {
        numeric: id.and_then(|i| i.parse().ok()),
        shapes: polygons
            .into_iter()
            .filter(|p: &Polygon| p.first().is_some_and(|r| r.len() > 2))
            .map(Shape::new)
            .collect(),
    })
}

fn polygon(
    arcs: &[Vec<LonLat>],
    rings: &[Vec<i64>],
    country: &Option<String>,
) -> Result<Polygon, AtlasError> {
    rings.iter().map(|r| ring(arcs, r, country)).collect()
}

/// A ring from its arc indices, `!i` standing for arc `i` reversed.
fn ring(
    arcs: &[Vec<LonLat>],
    indices: &[i64],
    country: &Option<String>,
) -> Result<Vec<LonLat>, AtlasError> {
    let mut points: Vec<LonLat> = Vec::new();
    for &i in indices {
        let (index, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = arcs
            .get(index as usize)
            .ok_or_else(|| AtlasError::MissingArc {
                country: country.clone(),
                arc: index,
            })?;
        let mut part: Vec<LonLat> = arc.clone();
        if reversed {
            part.reverse();
        }
        // Consecutive arcs share their end point.
        let skip = usize::from(!points.is_empty());
        points.extend(part.into_iter().skip(skip));
    }
    Ok(points)
}

/// Planar area of a ring in square degrees, shrunk by the cosine of its latitude: enough to
/// tell a mainland from its islands.
fn area(ring: &[LonLat]) -> f64 {
    let mut sum = 0.0;
    for w in ring.windows(2) {
        sum += (w[0].0 * w[1].1) - (w[1].0 * w[0].1);
    }
    let lat = ring.iter().map(|p| p.1).sum::<f64>() / ring.len().max(1) as f64;
    (sum / 2.0).abs() * lat.to_radians().cos()
}

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        id: Option<String>,
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        id: Option<String>,
        arcs: Vec<Vec<Vec<i64>>>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_atlas_has_every_country_at_its_place() {
        let atlas = Atlas::get();
        assert_eq!(atlas.countries.len(), 177);
        let kaz = atlas.country("KAZ").expect("Kazakhstan is drawn");
        let ring = &kaz.main_shape().unwrap().rings[0];
        // Kazakhstan lies between about 46°E and 88°E, 40°N and 56°N.
        assert!(ring
            .iter()
            .all(|&(lon, lat)| (46.0..88.0).contains(&lon) && (40.0..56.0).contains(&lat)));
        assert_eq!(ring.first(), ring.last(), "rings are closed");
        assert!(iso3166::is_code("SGP") && atlas.country("SGP").is_none());
        assert!(atlas.country("XYZ").is_none());
    }

    #[test]
    fn reversed_arcs_and_shared_ends_are_decoded() {
        let topo = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
            "arcs":[[[0,0],[2,0],[0,2]],[[2,2],[-2,0],[0,-2]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","id":"398","arcs":[[0,1]]},
              {"type":"Polygon","id":"417","arcs":[[-2,-1]]}]}}}"#;
        let atlas = Atlas::decode(topo).unwrap();
        let ring = &atlas.country("KAZ").unwrap().shapes[0].rings[0];
        assert_eq!(
            ring,
            &vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
        );
        let reversed = &atlas.country("KGZ").unwrap().shapes[0].rings[0];
        assert_eq!(
            reversed,
            &vec![(0.0, 0.0), (0.0, 2.0), (2.0, 2.0), (2.0, 0.0), (0.0, 0.0)]
        );
    }

    #[test]
    fn a_broken_topology_says_what_is_wrong() {
        let missing = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
            "arcs":[[[0,0],[2,0],[0,2]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","id":"398","arcs":[[0,-3]]}]}}}"#;
        let e = Atlas::decode(missing).err().unwrap();
        assert!(matches!(e, AtlasError::MissingArc { arc: 2, .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "a ring of country 398 refers to arc 2, which does not exist"
        );
        let e = Atlas::decode("{").err().unwrap();
        assert!(
            std::error::Error::source(&e).is_some(),
            "the JSON error is kept"
        );
    }
}
