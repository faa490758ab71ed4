"""Pure-Python rules of the app: calendar, deadlines, numbering, Vietnamese text.

Nothing in this package imports frappe, so every rule is tested fast without a site
(tier 1) and the controllers only call into it.
"""
