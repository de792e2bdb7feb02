"""Who moves the decision: influence rankings, warm paths, confidants, brokers and
communities, each explained by its evidence.

May use: the domain, the analysis, the ports, and :mod:`allies.services.network.structure`.
"""
