"""Where I stand: the power base, goals and their plans, and the political-skill
self-assessment.

May use: the domain, the analysis, the ports, and the network, influence, keep and
campaigns packages.
"""
