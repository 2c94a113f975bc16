"""Django-free helpers named by topic: UK dates and financial years, money."""
