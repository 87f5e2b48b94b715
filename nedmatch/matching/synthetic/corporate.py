"""Finance, business, people and estates careers for the synthetic pool."""

from __future__ import annotations

from typing import Final

from nedmatch.matching.synthetic.records import Specialism

# fmt: off
AUDIT_ACCOUNTANT: Final = Specialism(
    "audit-accountant", "finance", ("accountancy", "audit-risk", "finance"),
    ("Audit partner", "Group financial controller", "Head of internal audit",
     "Chartered accountant"),
    ("I qualified with the ICAEW and spent fifteen years in a Big Four assurance practice.",
     "ACCA-qualified, I led year-end close and statutory reporting for a listed insurer.",
     "As head of internal audit I reported to the audit committee on controls and fraud.",
     "I am a CIPFA accountant and ran the external audit of several councils.",
     "I signed off group accounts under IFRS and managed the relationship with auditors.",
     "Fellow of the Institute of Chartered Accountants; previously a financial controller.",
     "I built the risk register and board assurance framework for a water utility.",
     "Chartered management accountant (CIMA) with a background in cost control.",
     "I chaired the audit panel of a charity, reviewing internal controls and reserves.",
     "Twenty years in audit, most recently as an audit partner for public sector clients.",
     "I oversaw counter fraud work and the annual governance statement for a university.",
     "I am a qualified accountant who led treasury and statutory accounts at a retailer."),
    ("I keep a careful eye on the accounts of my local allotment society.",
     "I sat on the audit committee of my golf club for a year."),
    (("Non-executive director: chair of the audit and risk committee",
      "The trust seeks a non-executive director to chair its audit and risk committee "
      "and provide assurance on financial controls and reporting.",
      ("A professionally qualified accountant (CCAB or CIPFA) with recent and relevant "
       "financial experience",),
      ("Experience of a regulated or public sector environment",)),
     ("Audit committee chair (non-executive)",
      "We are looking for an independent non-executive to lead our audit committee, "
      "overseeing internal and external audit, risk management and counter fraud.",
      ("A qualified accountant with recent and relevant experience of financial "
       "reporting and audit",),
      ("Knowledge of NHS finance",))),
)

FINANCE_LEADER: Final = Specialism(
    "finance-leader", "finance", ("finance", "business"),
    ("Chief financial officer", "Finance director", "Investment director", "Treasurer"),
    ("As chief financial officer I steered a logistics group through a refinancing.",
     "I spent my career in investment banking, advising on mergers and capital raising.",
     "I was finance director of a housing association with a large capital budget.",
     "I ran treasury and cash management for a multinational manufacturer.",
     "I led financial planning and budgeting for a large public body.",
     "As CFO I delivered a three-year cost improvement plan without cutting services.",
     "My background is in banking, where I managed a lending book of several billion.",
     "I turned around the finances of a loss-making bus company.",
     "I set the annual budget and medium-term financial plan for a county council.",
     "As treasurer of a national charity I rebuilt reserves after a deficit.",
     "I led pricing and investment appraisal for a private hospital group.",
     "I was finance director of a software firm, preparing it for sale."),
    ("I have always managed my own pension investments with interest.",
     "I follow the financial news closely."),
    (("Non-executive director with financial expertise",
      "The board seeks a non-executive director with senior financial leadership "
      "experience to chair the finance and performance committee.",
      ("Senior experience of financial management, financial planning or investment",),
      ("Experience of capital investment decisions",)),
     ("Non-executive director: finance and investment",
      "We need a non-executive who can scrutinise financial sustainability, capital "
      "plans and investment cases.",
      ("Board-level or senior financial leadership experience in a complex organisation",),
      ("Understanding of NHS financial regimes",))),
)

PEOPLE: Final = Specialism(
    "people", "people", ("hr", "change-management"),
    ("Chief people officer", "HR director", "Head of organisational development",
     "Workforce director"),
    ("As chief people officer I led a workforce of forty thousand.",
     "I was HR director of a supermarket chain.",
     "I led organisational development and leadership programmes.",
     "I negotiated pay and terms with trade unions.",
     "I ran employee relations and wellbeing for a police force.",
     "I am a Fellow of the CIPD.",
     "I led a culture change programme after a staff survey crisis.",
     "I introduced freedom to speak up guardians in a care company.",
     "I led talent management and succession planning for a bank.",
     "I ran recruitment and retention for a social care provider.",
     "I led the people strategy of a university.",
     "I chaired a remuneration committee for a housing association."),
    ("I enjoy coaching my daughter's football team.",
     "I have always got on well with colleagues."),
    (("Non-executive director: people and culture",
      "We seek a non-executive director to chair the people committee, with a focus on "
      "workforce, culture and staff wellbeing.",
      ("Senior human resources or workforce leadership experience",),
      ("Experience of culture change",)),
     ("Non-executive director with workforce expertise",
      "The board needs a non-executive who understands people, culture and leadership.",
      ("Board-level or senior experience of people management, HR or organisational "
       "development",),
      ("Experience of employee engagement",))),
)

ESTATES: Final = Specialism(
    "estates", "projects", ("estates", "major-projects"),
    ("Property director", "Programme director", "Chartered surveyor",
     "Head of capital projects"),
    ("I led a two billion pound rail infrastructure programme.",
     "As property director I managed an estate of four hundred buildings.",
     "I am a chartered surveyor (RICS) specialising in public buildings.",
     "I delivered a new hospital under a government programme.",
     "I ran capital projects for a university, including a science park.",
     "I led facilities management for an airport.",
     "I was programme director for a city regeneration scheme.",
     "I led the net zero plan for a council's buildings.",
     "I managed construction of schools across a county.",
     "I led the disposal and redevelopment of surplus land.",
     "As head of capital I oversaw project assurance and gateway reviews.",
     "I was construction director for a housebuilder."),
    ("I renovated an old farmhouse myself.",
     "I volunteer to maintain our village hall."),
    (("Non-executive director: estates and major projects",
      "We seek a non-executive director to provide challenge on the trust's capital "
      "programme and new hospital build.",
      ("Senior experience of major capital projects or estates management",),
      ("Experience of sustainability or net zero",)),
     ("Non-executive director with property and infrastructure expertise",
      "The board needs scrutiny of a large building programme.",
      ("Experience of leading large infrastructure or property programmes",),
      ("Knowledge of public sector capital rules",))),
)

COMMERCIAL: Final = Specialism(
    "commercial", "business", ("commercial", "procurement", "business"),
    ("Commercial director", "Procurement director", "Managing director",
     "Supply chain director"),
    ("As commercial director I negotiated contracts worth hundreds of millions.",
     "I led procurement for a national retailer.",
     "I ran a manufacturing business as managing director.",
     "I built a supply chain across Europe and Asia.",
     "I led sourcing and supplier management for a car maker.",
     "I founded and sold a consultancy.",
     "I grew revenue through joint ventures in energy.",
     "I led category management for a food business.",
     "I ran a division of a logistics company.",
     "I led outsourcing and contract management for a council.",
     "I negotiated partnerships for a pharmaceutical company.",
     "I led a private equity backed business through growth."),
    ("I enjoy a good bargain at the market.",
     "I have bought and sold a few cars."),
    (("Non-executive director: commercial expertise",
      "We seek a non-executive director with commercial and procurement experience to "
      "support the trust's commercial strategy.",
      ("Senior commercial, procurement or business leadership experience",),
      ("Experience of contract management",)),
     ("Non-executive director with commercial experience",
      "The board needs commercial challenge on contracts and income.",
      ("Experience of leading a business or commercial function",),
      ("Supply chain experience",))),
)
# fmt: on
