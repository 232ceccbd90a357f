"""The PySide6 desktop interface (imports star_desktop and checks; never the reverse)."""
