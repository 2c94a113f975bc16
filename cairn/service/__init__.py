"""Running Cairn as a service: the production web server, its health check and logs, councils created from the
command line, backups and restores, verification of what was published, and the database roles (docs/operations.md).
"""
