"""The daily agenda: today, the week, the campaign meetings due and the calendar feed.

May use: the domain, the analysis, the ports, and the network, keep and campaigns
packages.
"""
