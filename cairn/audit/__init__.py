"""Audit owns the append-only trail of every change: who, when, what, before and after."""
