"""Alliances and the five-day programme that builds one: partners, responsibilities,
milestones, conflicts and their health.

May use: the domain, the analysis, the ports, and the network and keep packages.
"""
