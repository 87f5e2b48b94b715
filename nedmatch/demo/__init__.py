"""Demo data: a realistic pool, vacancies and campaigns for trying the service."""
