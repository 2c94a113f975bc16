"""Accounts owns organisations (councils), users and the roles they hold, and who may do what."""
