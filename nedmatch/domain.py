"""The fixed vocabulary of the field (see shared/DOMAIN.md), shared by forms, models,
the matching model and reports, so that every part speaks of the same things.

Pure data: no Flask, no database.
"""

from __future__ import annotations

from typing import Final

# NHS England's seven regions: where organisations sit and candidates live.
REGIONS: Final[dict[str, str]] = {
    "east-of-england": "East of England",
    "london": "London",
    "midlands": "Midlands",
    "north-east-and-yorkshire": "North East and Yorkshire",
    "north-west": "North West",
    "south-east": "South East",
    "south-west": "South West",
}

ORGANISATION_TYPES: Final[dict[str, str]] = {
    "trust": "NHS trust",
    "foundation-trust": "NHS foundation trust",
    "icb": "Integrated care board",
}

ROLE_TYPES: Final[dict[str, str]] = {
    "chair": "Chair",
    "ned": "Non-executive director",
    "audit-chair": "Non-executive director (audit committee chair)",
    "clinical-ned": "Non-executive director (clinical)",
    "associate-ned": "Associate non-executive director",
}

# The NHS Leadership Competency Framework for board members (2024): six domains.
COMPETENCY_DOMAINS: Final[dict[str, str]] = {
    "outcomes": "Driving high quality and sustainable outcomes",
    "strategy": "Setting strategy and delivering long-term transformation",
    "equality": (
        "Promoting equality and inclusion, and reducing health and workforce inequalities"
    ),
    "governance": "Providing robust governance and assurance",
    "culture": "Creating a compassionate, just and positive culture",
    "partnerships": "Building a trusted relationship with partners and communities",
}

# Skill areas of the public appointments service, plus the NHS's own.
SKILL_AREAS: Final[dict[str, str]] = {
    "accountancy": "Accountancy",
    "audit-risk": "Audit and risk",
    "business": "Business",
    "change-management": "Change management",
    "commercial": "Commercial",
    "communications": "Communications and media",
    "marketing": "Marketing",
    "hr": "Human resources",
    "insurance": "Insurance",
    "international": "International",
    "digital": "Technology and digital",
    "cyber-security": "Cyber security",
    "legal": "Legal",
    "judicial": "Judicial",
    "major-projects": "Major projects",
    "procurement": "Procurement",
    "regulation": "Regulation",
    "retail": "Retail",
    "transformation": "Transformation",
    "consumer-advocacy": "Consumer advocacy",
    "casework": "Casework and complaints handling",
    "social-care": "Social care",
    "education": "Education",
    "clinical-medicine": "Clinical: medicine",
    "clinical-nursing": "Clinical: nursing",
    "clinical-allied-health": "Clinical: allied health professions",
    "public-health": "Public health",
    "quality-safety": "Quality and patient safety",
    "estates": "Estates",
    "finance": "Finance",
    "research-innovation": "Research and innovation",
    "community-voluntary": "Community and voluntary sector",
}

# How much time a candidate can give, in days a month; vacancies state the same.
AVAILABILITY: Final[dict[str, str]] = {
    "2-3": "2 to 3 days a month",
    "3-5": "3 to 5 days a month",
    "5-8": "5 to 8 days a month",
    "8-plus": "More than 8 days a month (for example, a chair's 3 days a week)",
}
AVAILABILITY_DAYS: Final[dict[str, float]] = {"2-3": 3.0, "3-5": 5.0, "5-8": 8.0, "8-plus": 13.0}

BOARD_EXPERIENCE: Final[dict[str, str]] = {
    "none": "No board experience yet",
    "other-board": "Board member of a non-NHS organisation (company, charity, public body)",
    "nhs-board": "Board member of an NHS organisation",
    "chair": "Chair of a board",
}
# Ordered for matching: a higher level meets a requirement for a lower one.
BOARD_EXPERIENCE_LEVEL: Final[dict[str, int]] = {
    "none": 0,
    "other-board": 1,
    "nhs-board": 2,
    "chair": 3,
}

LOCATION_REQUIREMENTS: Final[dict[str, str]] = {
    "none": "No location requirement",
    "region": "Must live in or have strong links to the region",
    "constituency": "Must be a member of the foundation trust's public constituency",
}


# Equality monitoring (optional; every question offers "Prefer not to say").
# Each question: slug -> (question text, {answer slug: answer label}).
# Answers are stored as slugs; "not declared" is the absence of an answer.
PREFER_NOT_TO_SAY: Final = "prefer-not-to-say"

ETHNIC_GROUPS: Final[dict[str, tuple[str, dict[str, str]]]] = {
    "asian": (
        "Asian, Asian British or Asian Welsh",
        {
            "bangladeshi": "Bangladeshi",
            "chinese": "Chinese",
            "indian": "Indian",
            "pakistani": "Pakistani",
            "other-asian": "Any other Asian background",
        },
    ),
    "black": (
        "Black, Black British, Black Welsh, Caribbean or African",
        {
            "african": "African",
            "caribbean": "Caribbean",
            "other-black": "Any other Black, Black British or Caribbean background",
        },
    ),
    "mixed": (
        "Mixed or Multiple ethnic groups",
        {
            "white-asian": "White and Asian",
            "white-black-african": "White and Black African",
            "white-black-caribbean": "White and Black Caribbean",
            "other-mixed": "Any other Mixed or Multiple ethnic background",
        },
    ),
    "white": (
        "White",
        {
            "white-british": "English, Welsh, Scottish, Northern Irish or British",
            "irish": "Irish",
            "gypsy-traveller": "Gypsy or Irish Traveller",
            "roma": "Roma",
            "other-white": "Any other White background",
        },
    ),
    "other": (
        "Other ethnic group",
        {
            "arab": "Arab",
            "any-other": "Any other ethnic group",
        },
    ),
}
ETHNICITY_TO_GROUP: Final[dict[str, str]] = {
    option: group for group, (_, options) in ETHNIC_GROUPS.items() for option in options
}

# The form asks ethnicity in two questions, as the GOV.UK equality information pattern does
# (ONS 2021 groups): the broad group, then the background within it. Only the background is
# a monitoring question (``ethnicity`` below), the one the reports count; the broad group
# and the optional description of an "Any other ..." background are kept beside it, under
# these keys, so the candidate sees their own answers again. A broad group without a
# background counts in the reports as the background's answer: "Prefer not to say" or "Not
# declared". The 5-group table is the sum of the 19 options (disclosure control relies on
# it), so it cannot count a group whose option nobody gave.
ETHNICITY_BROAD: Final = "ethnicity_broad"
ETHNICITY_DESCRIPTION: Final = "ethnicity_description"
ETHNICITY_DESCRIPTION_MAX: Final = 100
# The wording of the first question's answers (GOV.UK's, for England); reports keep the
# census's own labels above.
ETHNIC_GROUP_CHOICES: Final[dict[str, str]] = {
    "asian": "Asian or Asian British",
    "black": "Black, Black British, Caribbean or African",
    "mixed": "Mixed or multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
}
# The background within each group that asks the candidate to describe it.
ETHNIC_OTHER_BACKGROUND: Final[dict[str, str]] = {
    "asian": "other-asian",
    "black": "other-black",
    "mixed": "other-mixed",
    "white": "other-white",
    "other": "any-other",
}


def ethnic_background_question(group: str) -> str:
    """The second question, naming the group the candidate chose."""
    if group == "other":
        return "Which of the following best describes your background?"
    return f"Which of the following best describes your {ETHNIC_GROUP_CHOICES[group]} background?"


MONITORING_QUESTIONS: Final[dict[str, tuple[str, dict[str, str]]]] = {
    "age_band": (
        "What is your age?",
        {
            "under-35": "Under 35",
            "35-44": "35 to 44",
            "45-54": "45 to 54",
            "55-64": "55 to 64",
            "65-plus": "65 or over",
        },
    ),
    "sex": ("What is your sex?", {"female": "Female", "male": "Male"}),
    "gender_same_as_birth": (
        "Is the gender you identify with the same as your sex registered at birth?",
        {"yes": "Yes", "no": "No"},
    ),
    "ethnicity": (
        "What is your ethnic group?",
        {opt: label for _, (_, opts) in ETHNIC_GROUPS.items() for opt, label in opts.items()},
    ),
    "disability": (
        "Do you have a physical or mental health condition or illness that has had, or is "
        "expected to have, a substantial and long-term (12 months or more) adverse effect on "
        "your ability to carry out day-to-day activities?",
        {"yes": "Yes", "no": "No"},
    ),
    "sexual_orientation": (
        "Which of the following best describes your sexual orientation?",
        {
            "straight": "Straight or heterosexual",
            "gay-lesbian": "Gay or lesbian",
            "bisexual": "Bisexual",
            "other": "Other sexual orientation",
        },
    ),
    "religion": (
        "What is your religion?",
        {
            "none": "No religion",
            "christian": "Christian",
            "buddhist": "Buddhist",
            "hindu": "Hindu",
            "jewish": "Jewish",
            "muslim": "Muslim",
            "sikh": "Sikh",
            "other": "Any other religion",
        },
    ),
    "marital_status": (
        "What is your legal marital or registered civil partnership status?",
        {
            "never": "Never married and never registered a civil partnership",
            "married": "Married",
            "civil-partnership": "In a registered civil partnership",
            "separated": "Separated, but still legally married or in a civil partnership",
            "divorced": "Divorced or civil partnership dissolved",
            "widowed": "Widowed or surviving civil partner",
        },
    ),
    "pregnancy": (
        "Are you pregnant, or have you been pregnant or on maternity leave in the last 26 weeks?",
        {"yes": "Yes", "no": "No"},
    ),
    "school_type": (
        "What type of school did you mainly attend between the ages of 11 and 16?",
        {
            "state-non-selective": "A state-run or state-funded school, non-selective",
            "state-selective": "A state-run or state-funded school, selective on academic "
            "or faith grounds",
            "independent": "Independent or fee-paying school",
            "independent-bursary": "Independent or fee-paying school, where I received a "
            "bursary covering 90% or more of my tuition",
            "outside-uk": "Attended school outside the UK",
            "dont-know": "I don't know",
        },
    ),
    "free_school_meals": (
        "If you finished school after 1980, were you eligible for free school meals at any "
        "point during your school years?",
        {
            "yes": "Yes",
            "no": "No",
            "not-applicable": "Not applicable (finished school before 1980 or went to "
            "school overseas)",
            "dont-know": "I don't know",
        },
    ),
    "parent_qualification": (
        "Did either of your parents attend university and gain a degree by the time you were 18?",
        {
            "yes": "Yes, one or both of my parents",
            "no": "No, neither of my parents",
            "dont-know": "I don't know",
        },
    ),
    "parent_occupation": (
        "Think back to when you were aged about 14. Which best describes the sort of work "
        "the main or highest income earner in your household did in their main job?",
        {
            "professional": "Modern or traditional professional occupations, or senior "
            "managers and administrators",
            "intermediate": "Clerical, intermediate, technical or middle or junior manager "
            "occupations",
            "small-business": "Small business owners who employed fewer than 25 people",
            "routine": "Routine, semi-routine or manual occupations",
            "unemployed": "Long-term unemployed",
            "dont-know": "I don't know",
            "not-applicable": "Not applicable",
        },
    ),
}
# Derived characteristic used in reports: the 5 census groups.
ETHNIC_GROUP_QUESTION: Final = "ethnic_group"
# The socio-economic reading of parental occupation (Social Mobility Commission).
SES_BACKGROUND: Final[dict[str, str]] = {
    "professional": "professional",
    "intermediate": "intermediate",
    "small-business": "intermediate",
    "routine": "working-class",
    "unemployed": "working-class",
}


# Disqualification and Fit and Proper Person Test declarations. A "yes" is flagged to the
# team for a conversation, never used to reject an application automatically.
ELIGIBILITY_ITEMS: Final[dict[str, str]] = {
    "prison": "I have received a prison sentence (including a suspended sentence) of 3 months "
    "or more in the last 5 years",
    "bankruptcy": "I am bankrupt, or have a debt relief order or an undischarged arrangement "
    "with my creditors",
    "dismissed": "I have been dismissed (other than for redundancy) by a health service body "
    "in the last 2 years",
    "removed": "I have been removed from the office of chair or non-executive director of an "
    "NHS organisation",
    "barred": "I am on a barred list, or have been struck off or suspended from a "
    "professional register",
    "employee": "I am an employee of the organisation I am applying to",
    "icb-conflict": "I hold a role in a local health or care organisation that would conflict "
    "with the chair of an integrated care board",
}
# What each item's "Tell us more" box asks about.
ELIGIBILITY_ITEM_SUBJECTS: Final[dict[str, str]] = {
    "prison": "the sentence",
    "bankruptcy": "the bankruptcy, order or arrangement",
    "dismissed": "the dismissal",
    "removed": "the removal from office",
    "barred": "the barring, striking off or suspension",
    "employee": "your job with the organisation",
    "icb-conflict": "the role and why it could conflict",
}
