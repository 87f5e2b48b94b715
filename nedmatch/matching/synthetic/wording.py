"""What a generated CV says besides its specialism: filler, board experience, home town."""

from __future__ import annotations

from typing import Final

FILLER_SENTENCES: Final[tuple[str, ...]] = (
    "I want to give something back to the health service that cared for my family.",
    "Outside work I enjoy hill walking and choral singing.",
    "I believe boards work best when challenge is constructive.",
    "I am curious, collaborative and committed to public service.",
    "I value openness and honesty in how organisations are run.",
    "I enjoy reading history and cooking for friends.",
    "I have mentored people early in their careers.",
    "I am keen to contribute to a board that serves its local communities.",
    "I bring a calm and inclusive style to meetings.",
    "I want to help the NHS improve care for patients.",
)
BOARD_SENTENCES: Final[dict[str, tuple[str, ...]]] = {
    "none": (
        "This would be my first board role.",
        "I have not held a board position before but have advised senior teams.",
    ),
    "other-board": (
        "I am a trustee of a housing charity.",
        "I have served on the board of a further education college as a governor.",
        "I sit as a non-executive on the board of a software company.",
    ),
    "nhs-board": (
        "I currently serve as a non-executive director of an NHS foundation trust.",
        "I have been an associate non-executive on a trust board for two years.",
        "I sat on the board of an integrated care board as a partner member.",
    ),
    "chair": (
        "I chair the board of a housing association.",
        "I was chair of the board of a regional charity for six years.",
    ),
}
TOWNS: Final[dict[str, tuple[str, ...]]] = {
    "east-of-england": ("Norwich", "Ipswich", "Cambridge", "Chelmsford"),
    "london": ("Hackney", "Croydon", "Islington", "Lewisham"),
    "midlands": ("Birmingham", "Nottingham", "Leicester", "Derby"),
    "north-east-and-yorkshire": ("Leeds", "Sheffield", "Newcastle", "York"),
    "north-west": ("Manchester", "Liverpool", "Preston", "Chester"),
    "south-east": ("Brighton", "Oxford", "Reading", "Southampton"),
    "south-west": ("Bristol", "Exeter", "Plymouth", "Taunton"),
}
HOME_PATTERNS: Final[tuple[str, ...]] = (
    "I live in {town}.",
    "Home is {town}, where I have lived for many years.",
    "I am based in {town}.",
)
