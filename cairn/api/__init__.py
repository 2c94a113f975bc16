"""The REST API (/api/v1/): tokens, read and write endpoints over the same access and operations code as the pages,
its OpenAPI description, and webhooks."""
