"""The algorithms, on numpy and scipy arrays: influence, warm paths, brokers and
communities, relationship health, forecasts of collective decisions and the cascades of
an approach plan. One family per module, deterministic given a ``seed``; nothing here
knows the store or the faces.
"""
