"""A tiny hand-made pool whose right order a reader can check by eye."""

from __future__ import annotations

import pytest

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile

ACCOUNTANT = CandidateProfile(
    id="acct",
    current_role="Group financial controller",
    career_summary=(
        "ACCA-qualified accountant who led statutory reporting and the year-end audit for a "
        "listed insurer. I chaired the audit committee of a housing association."
    ),
    skill_areas=["accountancy", "finance", "audit-risk"],
    competency_evidence={
        "governance": "I chaired the audit committee and rebuilt the board assurance framework."
    },
    region="north-east-and-yorkshire",
    board_experience="other-board",
    availability="3-5",
    name="Ada Brook",
    email="ada.brook@example.org",
    phone="07700 900123",
    postcode="LS6 2AB",
)
FINANCE_NO_QUALIFICATION = CandidateProfile(
    id="cfo",
    current_role="Chief financial officer",
    career_summary=(
        "As chief financial officer I led financial planning, budgets and investment for a "
        "logistics group, and reported to its audit committee every quarter."
    ),
    skill_areas=["finance", "business"],
    region="north-east-and-yorkshire",
    board_experience="nhs-board",
    availability="3-5",
)
DOCTOR = CandidateProfile(
    id="doc",
    current_role="Consultant cardiologist",
    career_summary=(
        "Consultant physician and former medical director; I led clinical governance, "
        "mortality reviews and patient safety improvement."
    ),
    skill_areas=["clinical-medicine", "quality-safety"],
    region="south-west",
    board_experience="nhs-board",
    availability="3-5",
)
DIGITAL = CandidateProfile(
    id="cio",
    current_role="Chief information officer",
    career_summary=(
        "I led the rollout of an electronic patient record and moved a bank's systems to the "
        "cloud; I hold a cyber security certification."
    ),
    skill_areas=["digital", "cyber-security"],
    region="london",
    board_experience="other-board",
    availability="2-3",
)
COMMUNITY = CandidateProfile(
    id="vcse",
    current_role="Charity chief executive",
    career_summary=(
        "I run a food bank and a volunteer network; I chair Healthwatch in my borough and "
        "work with local authority partners."
    ),
    skill_areas=["community-voluntary", "consumer-advocacy"],
    region="midlands",
    board_experience="chair",
    availability="5-8",
)
POOL = [ACCOUNTANT, FINANCE_NO_QUALIFICATION, DOCTOR, DIGITAL, COMMUNITY]

AUDIT_CHAIR = VacancyProfile(
    id="audit",
    title="Non-executive director: chair of the audit and risk committee",
    role_type="audit-chair",
    description=(
        "The trust seeks a non-executive director to chair the audit and risk committee and "
        "give the board assurance on financial controls."
    ),
    essential_criteria=[
        "A professionally qualified accountant with recent and relevant financial experience"
    ],
    desirable_criteria=["Experience of chairing an audit committee"],
    domain_weights={"governance": 3.0},
    skill_areas=["accountancy", "audit-risk"],
    region="north-east-and-yorkshire",
    location_requirement="region",
    time_commitment_days=4.0,
)
CLINICAL = VacancyProfile(
    id="clinical",
    title="Clinical non-executive director (medical)",
    role_type="clinical-ned",
    description="A doctor's view on the quality and safety of care at board level.",
    essential_criteria=["A registered medical practitioner with senior clinical experience"],
    skill_areas=["clinical-medicine"],
)


@pytest.fixture(scope="session")
def ranker() -> Ranker:
    """Fitted once: fitting is deterministic and tests that change the pool use their own."""
    return Ranker(min_df=1, max_df=1.0).fit(POOL)


@pytest.fixture
def fresh_ranker() -> Ranker:
    return Ranker(min_df=1, max_df=1.0).fit(POOL)
