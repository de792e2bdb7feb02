"""Accounts of a shared server: users, workspaces and roles, API tokens, logins, sessions,
and the audit trails.

May use: the domain, the ports. Used by the faces to say who is acting.
"""
