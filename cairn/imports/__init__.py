"""Imports owns turning a council's old papers (text, Word, PDF, Excel, CSV) into records, checked by a person first."""
