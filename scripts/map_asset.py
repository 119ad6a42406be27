"""Builds data/map/countries-110m.txt, the country shapes of the map, from Natural Earth 1:110m
admin-0 as packaged in the npm package world-atlas@2.0.2 (countries-110m.json, TopoJSON).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/map_asset.py package/countries-110m.json data/map/countries-110m.txt

One line per country: ISO 3166-1 numeric code, a tab, then its polygons' outer rings separated by
";", each ring "lon,lat lon,lat ..." in degrees rounded to 0.1 (enough at a report's size).
Longitudes are unwrapped along each ring, so a ring crossing the antimeridian stays whole (it may
then reach past ±180). Antarctica is left out, as most world maps of survey results do. The three
features without an ISO code are drawn as part of the code that covers them in ISO 3166
(Kosovo: the user-assigned XK, numeric 900 here).
"""
import json
import sys

NO_ID = {"N. Cyprus": "196", "Somaliland": "706", "Kosovo": "900"}
ANTARCTICA = "010"


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    # Unwrap longitudes so that no step jumps across the antimeridian.
    out = [pts[0]]
    for lon, lat in pts[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def main(src, dst):
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    lines = []
    for g in topo["objects"]["countries"]["geometries"]:
        code = g.get("id") or NO_ID[g["properties"]["name"]]
        if code == ANTARCTICA:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for poly in polys:
            outer = ring(arcs, poly[0])
            rings.append(" ".join(f"{lon:.1f},{lat:.1f}" for lon, lat in outer))
        lines.append(f"{int(code)}\t" + ";".join(rings))
    lines.sort(key=lambda l: int(l.split("\t")[0]))
    with open(dst, "w") as f:
        f.write("# Natural Earth 1:110m admin-0 countries (public domain), via world-atlas@2.0.2 (ISC).\n")
        f.write("# Built by scripts/map_asset.py; see data/map/README.md.\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
