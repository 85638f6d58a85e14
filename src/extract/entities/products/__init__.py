"""Rules that type names as products (PRODUCT): devices, software, services, vehicles, aircraft, ships."""
