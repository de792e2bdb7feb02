"""Commands of account sync: ``allies account ...`` and ``allies sync``."""
