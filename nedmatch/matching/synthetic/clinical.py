"""Clinical careers for the synthetic pool: doctors, nurses, allied health professionals."""

from __future__ import annotations

from typing import Final

from nedmatch.matching.synthetic.records import Specialism

# fmt: off
DOCTOR: Final = Specialism(
    "doctor", "clinical", ("clinical-medicine", "quality-safety"),
    ("Consultant physician", "General practitioner", "Medical director",
     "Consultant surgeon"),
    ("I practised as a consultant cardiologist for twenty years.",
     "As a GP partner I looked after a list of twelve thousand patients.",
     "I was medical director of a district general hospital.",
     "I trained in anaesthetics and led the critical care unit.",
     "I am a Fellow of the Royal College of Physicians and a former clinical director.",
     "As a consultant psychiatrist I led community mental health teams.",
     "I was responsible for revalidation and appraisal of hospital doctors.",
     "I worked as a paediatrician and chaired the trust's medicines committee.",
     "I led mortality reviews as associate medical director.",
     "As an oncologist I ran clinical trials in breast cancer.",
     "Consultant surgeon with a special interest in colorectal surgery.",
     "I hold the MRCGP and led a primary care network as clinical director."),
    ("My doctor encouraged me to take up cycling.",
     "I have read a great deal about the history of medicine."),
    (("Clinical non-executive director (medical)",
      "We seek a non-executive director with a medical background to bring clinical "
      "insight to the quality committee.",
      ("A registered medical practitioner with senior clinical leadership experience",),
      ("Experience of clinical governance",)),
     ("Non-executive director with a clinical (medical) background",
      "The board wants a doctor's perspective on quality and safety of care.",
      ("A medically qualified clinician with recent senior experience",),
      ("Research or academic medicine experience",))),
)

NURSE: Final = Specialism(
    "nurse", "clinical", ("clinical-nursing", "quality-safety"),
    ("Chief nurse", "Director of nursing", "Matron", "Midwife"),
    ("I was chief nurse of a teaching hospital and led nursing across four sites.",
     "As director of nursing I was responsible for safe staffing and safeguarding.",
     "I started as a staff nurse and became a matron in emergency care.",
     "I am a registered midwife and led a maternity unit through an inspection.",
     "I worked as a district nurse and then led community nursing services.",
     "As a health visitor I supported families across a deprived borough.",
     "I led the nursing workforce plan and the recruitment of overseas nurses.",
     "I was deputy chief nurse with responsibility for infection prevention.",
     "I have been on the NMC register for thirty years.",
     "I led ward accreditation and nursing quality standards.",
     "As head of nursing I introduced safer staffing tools.",
     "I teach nursing students at a university after a career on the wards."),
    ("As a patient I have seen how nurses hold the wards together.",
     "My family relied on district nurses during a hard year."),
    (("Clinical non-executive director (nursing)",
      "We seek a non-executive with a nursing or midwifery background to strengthen "
      "clinical scrutiny at board level.",
      ("A registered nurse or midwife with senior professional leadership experience",),
      ("Experience of safeguarding",)),
     ("Non-executive director with a nursing background",
      "The board needs a registered nurse's view on care quality and staffing.",
      ("Senior nursing or midwifery leadership experience",),
      ("Experience of community services",))),
)

ALLIED: Final = Specialism(
    "allied", "clinical", ("clinical-allied-health",),
    ("Physiotherapist", "Consultant pharmacist", "Paramedic", "Occupational therapist"),
    ("I practised as a physiotherapist and led musculoskeletal services.",
     "I was chief pharmacist of an acute trust.",
     "I worked as a paramedic before leading an ambulance service's clinical hub.",
     "As an occupational therapist I led rehabilitation services.",
     "I am a radiographer and managed a diagnostic imaging department.",
     "I registered with the HCPC as a speech and language therapist.",
     "I led a team of dietitians in a children's hospital.",
     "As a clinical psychologist I set up talking therapies.",
     "I was the chief allied health professional for a community trust.",
     "I ran a podiatry service across several clinics.",
     "As a pharmacist I led medicines optimisation in primary care.",
     "I lead the allied health professions council for my region."),
    ("I see a physiotherapist for an old running injury.",
     "I collect prescriptions for a neighbour."),
    (("Clinical non-executive director (allied health professions)",
      "We are seeking a non-executive from the allied health professions.",
      ("A registered allied health professional with senior leadership experience",),
      ("Experience of rehabilitation or community services",)),
     ("Non-executive director: allied health professional background",
      "A board role for a registered therapist, pharmacist or paramedic.",
      ("Professional registration as an allied health professional or pharmacist",),
      ("Service leadership in a clinical setting",))),
)
# fmt: on
