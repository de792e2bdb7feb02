"""A realistic demo network to explore allies with, and the use case that loads it.

May use: the domain, the ports, and the shared plumbing.
"""
