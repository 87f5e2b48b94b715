"""The development pipeline: programmes and their cohorts, the people in them, and the
offers made to those interviewed but not appointed."""
