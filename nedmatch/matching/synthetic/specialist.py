"""Digital, cyber, legal and regulation careers for the synthetic pool."""

from __future__ import annotations

from typing import Final

from nedmatch.matching.synthetic.records import Specialism

# fmt: off
DIGITAL: Final = Specialism(
    "digital", "digital", ("digital", "transformation"),
    ("Chief information officer", "Chief technology officer", "Head of data",
     "Digital director"),
    ("As chief information officer I replaced a bank's core systems.",
     "I led the rollout of an electronic patient record across three hospitals.",
     "I was CTO of a software company that built cloud platforms.",
     "I set up a data science team and an analytics platform for a retailer.",
     "I led the modernisation of legacy IT for a government department.",
     "I ran a programme moving council services online.",
     "I have twenty years in technology, most recently leading product engineering.",
     "As head of informatics I led interoperability between hospital systems.",
     "I built artificial intelligence tools for triage in a start-up.",
     "I led a team of software engineers delivering mobile apps.",
     "As digital director I introduced agile delivery and user research.",
     "I advised ministers on technology strategy and data standards."),
    ("I am an enthusiastic user of the NHS App.",
     "I taught myself to build websites as a hobby."),
    (("Non-executive director: digital and technology",
      "We seek a non-executive director with expertise in digital transformation to "
      "support the board's technology strategy.",
      ("Senior experience of leading digital or technology-enabled change",),
      ("Experience of data and analytics",)),
     ("Non-executive director with digital expertise",
      "The board wants a non-executive who can challenge and support its digital "
      "programme, including the electronic patient record.",
      ("Board or executive experience of technology and digital services",),
      ("Understanding of information governance",))),
)

CYBER: Final = Specialism(
    "cyber", "digital", ("cyber-security", "digital"),
    ("Chief information security officer", "Head of cyber security",
     "Security architect", "Cyber consultant"),
    ("As chief information security officer I built a bank's security operations centre.",
     "I led the response to a ransomware attack on a logistics firm.",
     "I ran penetration testing and threat intelligence for a defence contractor.",
     "I advised government on cyber resilience and incident response.",
     "I am a certified information security professional (CISSP).",
     "I set up the information security management system to ISO 27001.",
     "I led cyber assurance for critical national infrastructure.",
     "I was head of infosec for an online retailer handling card payments.",
     "I have spent my career defending networks against intrusion.",
     "I audited cyber controls for insurers as a consultant.",
     "I led the security architecture for a cloud migration.",
     "I chaired an industry group on cyber threat sharing."),
    ("I always use strong passwords and a password manager.",
     "I once reported a phishing email to my bank."),
    (("Non-executive director: cyber security",
      "We seek a non-executive with cyber security expertise to strengthen board "
      "assurance on information security and resilience.",
      ("Senior experience of cyber security or information security",),
      ("Experience of incident response",)),
     ("Non-executive director with cyber and information security expertise",
      "The board needs independent challenge on cyber risk.",
      ("Expert knowledge of cyber security risk and controls",),
      ("Experience in a regulated sector",))),
)

LEGAL: Final = Specialism(
    "legal", "assurance", ("legal", "regulation"),
    ("Solicitor", "Barrister", "General counsel", "Partner, law firm"),
    ("I am a solicitor and was a partner in a City firm's disputes practice.",
     "As general counsel I advised a FTSE company's board on governance.",
     "I practised at the Bar in employment and public law.",
     "I led litigation for a national retailer.",
     "I was head of legal services for a metropolitan council.",
     "I advised NHS bodies on procurement law and contracts.",
     "I sit as a tribunal judge in employment cases.",
     "I specialise in regulatory law and professional discipline.",
     "I qualified as a lawyer and led the legal team of a housing group.",
     "I was company secretary and legal director of a utility.",
     "I advise charities on governance and trustee duties.",
     "I am a King's Counsel practising in clinical negligence."),
    ("I enjoy legal dramas on television.",
     "I served on a jury once."),
    (("Non-executive director with legal expertise",
      "We seek a non-executive director with a legal background to bring rigour to "
      "board governance and decision-making.",
      ("A qualified lawyer (solicitor or barrister) with senior experience",),
      ("Experience of regulatory or public law",)),
     ("Non-executive director: legal and governance",
      "The board would benefit from independent legal insight.",
      ("Senior legal experience, for example as a solicitor, barrister or in-house counsel",),
      ("Experience of corporate governance",))),
)

QUALITY_REGULATION: Final = Specialism(
    "quality-regulation", "assurance", ("quality-safety", "regulation"),
    ("Inspector", "Head of regulation", "Patient safety lead", "Quality director"),
    ("I was a CQC inspector of hospitals for seven years.",
     "I led patient safety investigations and learning from serious incidents.",
     "As quality director I ran clinical audit and quality improvement.",
     "I worked for a regulator setting standards for care providers.",
     "I led Ofsted inspections of children's services.",
     "I introduced a just and learning approach to never events.",
     "I led compliance and enforcement at a financial regulator.",
     "I chaired a national patient safety programme.",
     "I ran quality assurance for a large care home group.",
     "I trained staff in human factors and safety science.",
     "I led the response to a maternity safety review.",
     "I was head of regulation at a professional standards body."),
    ("I read inspection reports for my local school.",
     "I care about safety on our local roads."),
    (("Non-executive director: quality and safety",
      "The trust seeks a non-executive director to chair the quality committee and "
      "provide assurance on patient safety.",
      ("Experience of quality improvement, patient safety or regulation",),
      ("Experience of clinical governance",)),
     ("Non-executive director: quality and regulation",
      "The board wants strong scrutiny of quality, safety and regulatory compliance.",
      ("Senior experience in regulation, inspection or patient safety",),
      ("Experience with the Care Quality Commission",))),
)
# fmt: on
