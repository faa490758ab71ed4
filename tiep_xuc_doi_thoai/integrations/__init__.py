"""Links between levels' sites: outbox and transport (``outbox``, ``transport``), what is sent
(``payloads``), what is received (``receive``), and the petition's side of it (``petitions``).
The rules that need no site are in ``core/levels.py``."""
