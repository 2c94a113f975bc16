"""Reviews owns committees, reviews, recommendations and their action plans, reporting rounds and progress updates."""
