"""webcompose: screenshot, instruction or resume to a working webpage."""
__version__ = "0.1.0"
