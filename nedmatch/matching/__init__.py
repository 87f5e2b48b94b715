"""Rank candidates against a vacancy and explain every score.

Knows nothing of Flask or the database: it takes plain profiles and returns matches.
"""

from nedmatch.matching.explain import CriterionResult, Match, MatchedTerm
from nedmatch.matching.model import Assessment, Ranker
from nedmatch.matching.persistence import ModelLoadError, ModelVersionError, load, save
from nedmatch.matching.profiles import DEFAULT_PART_WEIGHTS, CandidateProfile, VacancyProfile

__all__ = [
    "Assessment",
    "DEFAULT_PART_WEIGHTS",
    "CandidateProfile",
    "CriterionResult",
    "Match",
    "MatchedTerm",
    "ModelLoadError",
    "ModelVersionError",
    "Ranker",
    "VacancyProfile",
    "load",
    "save",
]
