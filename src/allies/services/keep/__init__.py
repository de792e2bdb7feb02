"""Keeping alliances alive: interactions, favours, promises, cadences and check-ins, and
relationship health.

May use: the domain, the analysis, the ports, and :mod:`allies.services.network.structure`.
"""
