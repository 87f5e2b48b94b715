"""Public health and community careers for the synthetic pool."""

from __future__ import annotations

from typing import Final

from nedmatch.matching.synthetic.records import Specialism

# fmt: off
PUBLIC_HEALTH: Final = Specialism(
    "public-health", "community", ("public-health", "research-innovation"),
    ("Director of public health", "Epidemiologist", "Health protection consultant",
     "Professor of population health"),
    ("I was director of public health for a county council.",
     "As an epidemiologist I studied the causes of heart disease.",
     "I led health protection during the pandemic.",
     "I ran screening and immunisation programmes.",
     "I lead research on health inequalities at a university.",
     "I advised on prevention and population health management.",
     "I led a programme on obesity and physical activity.",
     "I worked for the UK Health Security Agency on outbreaks.",
     "I led a smoking cessation service across a city.",
     "I published work on deprivation and life expectancy.",
     "I led a suicide prevention partnership.",
     "I commissioned sexual health and drug treatment services."),
    ("I run a local parkrun.",
     "I try to eat healthily."),
    (("Non-executive director: population health",
      "We seek a non-executive director with a public health background to help the "
      "board tackle health inequalities.",
      ("Senior experience in public health or population health",),
      ("Research experience",)),
     ("Non-executive director with public health expertise",
      "The board wants expertise in prevention and reducing inequalities.",
      ("Professional public health experience",),
      ("Experience of partnership working with local government",))),
)

COMMUNITY: Final = Specialism(
    "community", "community", ("community-voluntary", "consumer-advocacy"),
    ("Charity chief executive", "Community organiser", "Volunteer coordinator",
     "Head of a community foundation"),
    ("I run a charity supporting refugees and asylum seekers.",
     "I founded a food bank that now serves three towns.",
     "I lead a community foundation that funds grassroots groups.",
     "I organised tenants to improve conditions on their estate.",
     "I coordinate volunteers for a hospice.",
     "I chair Healthwatch in my borough.",
     "I led a carers' network giving families a voice.",
     "I worked with faith and community groups on vaccine uptake.",
     "I built a social enterprise employing people leaving prison.",
     "I ran advocacy services for people with learning disabilities.",
     "I lead a voluntary sector alliance for my area.",
     "I campaigned for better mental health services for young people."),
    ("I like to help neighbours when I can.",
     "I buy from local shops."),
    (("Non-executive director: community and partnerships",
      "We seek a non-executive director with strong links to voluntary and community "
      "organisations to help the board build trust with local communities.",
      ("Senior experience in the voluntary, community or social enterprise sector",),
      ("Experience of patient or public advocacy",)),
     ("Non-executive director with voluntary sector experience",
      "The board wants a non-executive who can bring the voice of communities.",
      ("Leadership experience in a charity or community organisation",),
      ("Experience of co-production",))),
)
# fmt: on
