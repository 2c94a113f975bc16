"""Core owns what every app shares: the tenant base model, request.organisation, layout templates, home page."""
