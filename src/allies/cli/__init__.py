"""The command-line face of ``allies`` (Typer + Rich)."""
