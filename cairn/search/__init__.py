"""One search box across a council's reviews, recommendations, projects, milestones, indicators and papers."""
