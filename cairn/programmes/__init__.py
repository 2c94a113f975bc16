"""Programmes owns transformation programmes, their projects, phase plans, milestones, indicators, budgets and risks."""
