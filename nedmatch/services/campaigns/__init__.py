"""Campaigns: organisations and their vacancies, opened and closed by the team."""
