"""Resolution: names to stable ids (resolver.py) and the seeded reference frame (seed.py)."""
