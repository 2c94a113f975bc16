"""The API's endpoints, one module per part of Cairn; each reaches records through that part's access.py."""
