"""The JSON shapes of the REST API, kept apart from domain objects and tables."""
