"""Links that open a place in Amap (高德地图) and Baidu Maps (百度地图), the two map apps Chinese
visitors use, built from stored coordinates and an address: no API key, no remote script.

Coordinates are GCJ-02 ("Mars" coordinates, what Amap's coordinate picker and most Chinese
maps show); Baidu is told so (``coord_type=gcj02``) and converts them itself."""

from dataclasses import dataclass
from urllib.parse import urlencode

AMAP_MARKER_URL = "https://uri.amap.com/marker"
BAIDU_MARKER_URL = "https://api.map.baidu.com/marker"
# Both services ask callers to name themselves; any stable string will do.
SOURCE = "guoping-testing-website"


@dataclass(frozen=True)
class Place:
    name: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def amap_url(self):
        if not self.has_coordinates:
            return ""
        query = {
            "position": f"{self.longitude:.6f},{self.latitude:.6f}",
            "name": self.name or self.address,
            "src": SOURCE,
            "coordinate": "gaode",
            "callnative": "0",
        }
        return f"{AMAP_MARKER_URL}?{urlencode(query)}"

    @property
    def baidu_url(self):
        if not self.has_coordinates:
            return ""
        query = {
            "location": f"{self.latitude:.6f},{self.longitude:.6f}",
            "title": self.name or self.address,
            "content": self.address or self.name,
            "output": "html",
            "coord_type": "gcj02",
            "src": f"webapp.{SOURCE}",
        }
        return f"{BAIDU_MARKER_URL}?{urlencode(query)}"


def _number(value):
    return None if value in (None, "") else float(value)


def company_place(company, name="", address="", latitude=None, longitude=None):
    """A place from the given values, each falling back to the company profile's."""
    latitude, longitude = _number(latitude), _number(longitude)
    if latitude is None or longitude is None:
        latitude = _number(getattr(company, "latitude", None))
        longitude = _number(getattr(company, "longitude", None))
    return Place(
        name=name or getattr(company, "name", "") or "",
        address=address or getattr(company, "address", "") or "",
        latitude=latitude,
        longitude=longitude,
    )
