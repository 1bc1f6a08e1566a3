"""The code location's resources: one warehouse and one landing folder, configured from the environment."""

from assets.resources import WRITER_POOL, LandingResource, WarehouseResource

RESOURCES = {"warehouse": WarehouseResource(), "landing": LandingResource()}

__all__ = ["RESOURCES", "WRITER_POOL", "LandingResource", "WarehouseResource"]
