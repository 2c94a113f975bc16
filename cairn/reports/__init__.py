"""Reports owns the documents Cairn produces: committee papers (Word, PDF) and exports (Excel, CSV, JSON)."""
