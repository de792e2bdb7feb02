"""The network's JSON shapes: people, organisations, units, ties, observations, notes and the map.

May use: the domain's words only (pydantic models).
"""
