"""The signed-in home page: what needs attention in a council, for each role; it sits above every other app."""
