"""Campaigns: issues, stances, forecasts, the approach plan, its meetings and the trades
to offer.

May use: the domain, the analysis, the ports, and the network, influence and keep
packages.
"""
