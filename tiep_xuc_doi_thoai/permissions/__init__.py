"""Who sees what: the one place for the app's permission hooks (hooks.py ``has_permission``
and ``permission_query_conditions``).

- ``scope``: unit scope. Frappe's User Permissions on *Dialogue Unit* close other units'
  records; the app adds what Frappe's non-strict mode leaves open (a record with no unit yet,
  the coordinating units of an assignment).
- ``identity``: the one decision "may the current user see a denouncer's identity" (the
  Role Permission *read* on Petition Identity, nothing else) and the one mask every channel
  prints instead.
- ``confidential``: the files, comments, communications and versions of a petition whose
  identity is secret (and the uploaded import file that carried one) follow that decision.

Hooks here only ever deny (return False) or abstain (None): granting stays with Frappe's Role
Permissions, so an administrator's settings are never widened by code.
"""
