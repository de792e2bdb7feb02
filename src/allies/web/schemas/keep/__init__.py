"""The keeping routine's JSON shapes: interactions, favours, promises, cadences, check-ins and
health.

May use: the domain's words only (pydantic models).
"""
