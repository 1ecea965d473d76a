"""cuidado: see what your own social-media exports reveal about you, offline."""

__version__ = "0.1.0"
