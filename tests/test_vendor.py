"""Vendored JavaScript and bundled world geometry: present, unmodified, described."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "nonaligned" / "report" / "vendor"
WORLD = ROOT / "nonaligned" / "web" / "data" / "countries-110m.json"


def _table() -> dict[str, str]:
    text = (VENDOR / "VENDOR.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| (\S+\.js) \|.*\| ([0-9a-f]{64}) \|$", text, flags=re.M))


def test_vendor_table_names_every_script() -> None:
    table = _table()
    on_disk = {p.name for p in VENDOR.glob("*.js")}
    assert table and set(table) == on_disk


@pytest.mark.parametrize("name", sorted(_table()))
def test_vendored_script_is_the_registry_file(name: str) -> None:
    data = (VENDOR / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == _table()[name]
    version = re.search(r"-(\d+\.\d+\.\d+)\.min\.js$", name)
    assert version is not None, "the file name must carry the version"
    if name.startswith("vega-") and not name.startswith(("vega-lite", "vega-embed")):
        assert f'version="{version.group(1)}"'.encode() in data


def test_world_geometry_shape() -> None:
    topo = json.loads(WORLD.read_text(encoding="utf-8"))
    assert topo["type"] == "Topology"
    geoms = topo["objects"]["countries"]["geometries"]
    assert len(geoms) == 177
    ids = [g["id"] for g in geoms if "id" in g]
    assert len(ids) == 174 and all(re.fullmatch(r"\d{3}", i) for i in ids)
    assert {"031", "643", "840", "156", "792"} <= set(ids)  # AZE, RUS, USA, CHN, TUR
