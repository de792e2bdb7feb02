"""Forecasts of a campaign issue's outcome from stances and the network.

One model per module: :mod:`.compromise` (weighted mean), :mod:`.median`
(weighted median voter), :mod:`.friedkin_johnsen` (opinion dynamics over the
listens-to network), :mod:`.expected_utility` (Bueno de Mesquita's model as
specified by Scholz, Calbert and Smith 2011) and :mod:`.exchange` (the
Stokman-Van Oosten exchange model for several issues).
"""
