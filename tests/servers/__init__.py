"""Real servers the tests start on free ports under a temporary folder, and their data."""
