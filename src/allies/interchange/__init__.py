"""Readers and writers of the formats ``allies`` exchanges with other tools.

Each module handles one format and imports only its format library and the domain.
"""
