"""Cairn: track what a council agreed to do until it is done."""
