"""Criterion judgement: what a criterion asks, what a sentence claims, and the verdict.

The sentences are real public wording where there is some (board biographies published
by NHS bodies and government departments, from benchmarks/data/ned_real), the rest in
the style of CVs the service receives.
"""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.real_data import load
from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile
from nedmatch.matching.criteria import MET, NOT_EVIDENCED, POSSIBLE

from .conftest import AUDIT_CHAIR, POOL

CASES = [
    # Alternatives in brackets and lists: one item is enough.
    ("A registered clinician (doctor, nurse or midwife)",
     "She is a registered general nurse and a former director of nursing.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "She has worked as a hospital doctor and as a public health doctor.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "I am a registered midwife and led maternity services.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "I am a chartered accountant.", NOT_EVIDENCED),
    # Role nouns and qualifications, not topic words.
    ("A qualified lawyer", "We get legal advice on every contract.", NOT_EVIDENCED),
    ("A qualified lawyer", "I am a solicitor specialising in employment law.", MET),
    ("A qualified lawyer", "I worked closely with solicitors on the merger.", NOT_EVIDENCED),
    ("A professionally qualified accountant",
     "I reported to the PRA and the FCA on capital adequacy.", NOT_EVIDENCED),
    ("A professionally qualified accountant",
     "He is an Associate of the Institute of Chartered Accountants in England and Wales.", MET),
    ("A professionally qualified accountant", "ACCA-qualified finance director.", MET),
    ("A professionally qualified accountant",
     "I led a team of twelve accountants in the finance function.", POSSIBLE),
    # The sentence's own verb.
    ("Experience of chairing an audit committee",
     "As chief financial officer I reported to the audit committee every quarter.",
     NOT_EVIDENCED),
    ("Experience of chairing an audit committee",
     "He has in these roles variously chaired Audit, Risk and Remuneration Committees.", MET),
    ("Experience of chairing an audit committee",
     "I was a member of the audit committee for six years.", POSSIBLE),
    ("Experience of chairing an audit committee",
     "I presented the annual accounts to a committee chaired by the senior independent "
     "director.", NOT_EVIDENCED),
    # Chairing a committee is not chairing a board.
    ("Experience of chairing a board", "I chaired the remuneration committee.", POSSIBLE),
    ("Experience of chairing a board", "He has been Chairman of the SEHSCT since October 2008.",
     MET),
    ("Experience of chairing a board",
     "Andrew served as the Chair of NHS Improvement between October 2021 and June 2022.", MET),
    ("Experience of chairing a board", "I chair the regional digital programme board.", POSSIBLE),
    # Job titles against activities.
    ("Experience of EPR implementation", "Chief Information Security Officer", NOT_EVIDENCED),
    ("Experience of EPR implementation",
     "I led the implementation of an electronic patient record across four hospitals.", MET),
    ("Experience of EPR implementation",
     "I attended the steering group for the electronic patient record.", POSSIBLE),
    # A skill area is met by a post that runs it: "Accountancy" by the finance function,
    # not by money words elsewhere.
    ("Accountancy", "Mr Jon Fundrey, Chief Operating Officer and Director of Finance, MHRA.",
     MET),
    ("Accountancy",
     "Lee brings over 20 years' experience as a Finance Manager in a local Health Trust.", MET),
    ("Accountancy", "He is a former treasurer and trustee of the World Heart Federation.",
     NOT_EVIDENCED),
    ("Accountancy", "I presented the budget to the director of finance every month.",
     NOT_EVIDENCED),
    ("A professionally qualified accountant", "I was finance manager of a district council.",
     POSSIBLE),
    # Fields of experience: led or held, not only named.
    ("Recent and relevant financial experience",
     "I was finance director of a building society for nine years.", MET),
    ("Senior leadership in the VCSE sector", "I am chief executive of a regional charity.", MET),
    # Board experience shown by a sentence, not only by the form's answer.
    ("NHS board experience",
     "I am a non-executive director of an NHS foundation trust.", MET),
    # A seat on another board is board experience outside the NHS: a panel checks it.
    ("NHS board experience",
     "I am a non-executive director of a housing association.", POSSIBLE),
    # Working in or with a body: a seat on its board, not advice taken from it.
    ("Experience of working in or with a health regulator",
     "I sat on the board of Monitor, the regulator of foundation trusts.", MET),
    ("Experience of working in or with a health regulator",
     "We took advice on what the regulator expects of trusts.", POSSIBLE),
    # Posts that lead a field.
    ("Experience of leading health research",
     "Professor of Epidemiology at a university medical school.", MET),
    ("Experience of leading health research",
     "I have an interest in health research.", POSSIBLE),
    # A slash offers alternatives; experience named before the word.
    ("Business / Commercial", "I spent ten years in private equity as a managing partner.", MET),
    ("IT / Digital",
     "She has a wide range of digital health experience from a software perspective.", MET),
    # A sector named in the criterion: the field alone is something to check.
    ("Knowledge of public sector finance",
     "I built a financial recovery plan for a national retailer.", POSSIBLE),
    ("Knowledge of public sector finance",
     "Director of finance at a county council, where I built a financial recovery plan.", MET),
    ("Knowledge of public sector finance",
     "I was director of finance of an NHS foundation trust for six years.", MET),
    ("Knowledge of public sector finance",
     "Chartered accountant (CIPFA) with 21 years in financial leadership.", MET),
    ("Experience of NHS finance",
     "I was finance director of a metropolitan borough council.", POSSIBLE),
    ("Financial experience in the private sector",
     "I was chief financial officer of a FTSE 250 company.", MET),
    ("Financial experience in the private sector",
     "I was director of finance of an NHS foundation trust for six years.", POSSIBLE),
    # A criterion that names only a sector asks for work in it, not words about it.
    ("Demonstrate a strong personal commitment to the NHS",
     "He has been Chairman of the SEHSCT since October 2008.", MET),
    ("Demonstrate a strong personal commitment to the NHS", "I am passionate about the NHS.",
     POSSIBLE),
    ("Demonstrate a strong personal commitment to the NHS",
     "I was chief executive of a housing association.", NOT_EVIDENCED),
    ("Experience in the private sector",
     "I was chief financial officer of a FTSE 250 company.", MET),
    ("Have a strong personal commitment to the National Health Service",
     "He worked for the NHS for 40 years as a general practitioner.", MET),
    ("Be interested in the Health Service",
     "She was Chair of the Oxford University Hospitals NHS Trust for ten years.", MET),
    # Leading a whole organisation: its head, not a senior post in it.
    ("Experience of leading an organisation with a significant budget",
     "He was Chief Executive of King's College Hospital NHS Foundation Trust from 2008.", MET),
    ("Experience of leading an organisation with a significant budget",
     "I was director of finance of a county council.", POSSIBLE),
    # A short list of field names is a skill area: any one of them will do.
    ("Sector: Finance and Audit",
     "Julian Kelly is Deputy Chief Executive and Chief Financial Officer of NHS England.", MET),
    ("Experience of leading an organisation with a significant budget",
     "I am a principal consultant and a vice president of a software company.", POSSIBLE),
    # "Including" gives examples: one of them is enough.
    ("Governance skills including strategic planning, financial management and risk "
     "management", "He led the financial management of a large teaching hospital.", MET),
    # A list of sectors asks for none of them.
    ("Management experience at a senior or board-equivalent level in the voluntary, public "
     "or private sectors", "I was finance director of a building society for nine years.", MET),
    # The wider health sector: work in health care, wherever it was done.
    ("An interest in healthcare issues",
     "She chaired the board of a children's hospital for eight years.", MET),
    ("An interest in healthcare issues",
     "He has worked as a practice nurse in Leeds since 2004.", MET),
    ("An interest in healthcare issues", "I am very interested in healthcare.", POSSIBLE),
    ("An interest in healthcare issues",
     "I was chief executive of a building society for nine years.", NOT_EVIDENCED),
    # Local government and the local community's services.
    ("Commitment to the needs of the local community",
     "She was appointed Director of Adult Social Services at a county council in 2012.", MET),
    ("Has served the local community in local government or in some other capacity",
     "I have been a borough councillor since 2015.", MET),
    ("Commitment to the needs of the local community",
     "I was chief financial officer of a FTSE 250 company.", NOT_EVIDENCED),
    ("Commitment to the needs of the local community",
     "He has written widely on local government law.", NOT_EVIDENCED),
    # Specialist skills in no named field: a profession or a specialism of one's own.
    ("Relevant specialist skills or knowledge",
     "She is a consultant radiologist who specialises in breast imaging.", MET),
    ("Relevant specialist skills or knowledge", "He is a chartered surveyor.", MET),
    ("Relevant specialist skills or knowledge",
     "I was promoted to Director of Operations in 2019.", POSSIBLE),
    ("Relevant specialist skills or knowledge", "I enjoy walking and reading.", NOT_EVIDENCED),
    # A trustee's seat is voluntary-sector work; a pension trustee's is not.
    ("Experience of the voluntary sector",
     "She is a trustee of a hospice in Devon.", MET),
    ("Experience of the voluntary sector",
     "He is a trustee of the company's pension scheme.", NOT_EVIDENCED),
    # Northern Ireland's trusts by their short names are the NHS of that nation.
    ("Demonstrate a strong personal commitment to the NHS",
     "She was appointed Chair of the Western Trust in 2019.", MET),
    # Serving where one lives is serving the local community.
    ("Commitment to the needs of the local community",
     "For ten years I have been a governor of the hospital in the town where I live.", MET),
    # "Public service values" ask for values, not for a post in the public sector.
    ("Committed to the public service value of accountability",
     "I led the accountability review of a building society's board.", MET),
    # A senior post in a company is business experience.
    ("Business / Commercial",
     "He is a non-executive director of Harbour Medical Corporation.", MET),
    ("Business / Commercial", "He is a non-executive director of a county council.",
     NOT_EVIDENCED),
    # Operations are run by a chief executive, a general manager or an operating officer.
    ("Experience of NHS operational delivery",
     "He was Chief Executive of a hospital trust in Surrey from 1991 to 2018.", MET),
    ("Experience of NHS operational delivery",
     "I was chief operating officer of a logistics company.", POSSIBLE),
    ("Experience of operational management", "I reported to the chief operating officer.",
     NOT_EVIDENCED),
    ("Experience of operational management",
     "I was director of finance of a county council.", POSSIBLE),
    # Skills are asked as skills: service development held is enough.
    ("Organisational skills including service development and performance management",
     "He was director of performance at a mental health trust for five years.", MET),
    # Standing in one's field: an honour for services, a ranking, a royal college's
    # presidency, being called respected; a senior post alone is worth a check.
    ("A considerable reputation within their field",
     "She was made a CBE in 2019 for services to midwifery.", MET),
    ("A considerable reputation within their field",
     "He was named by a trade magazine as one of the ten most influential finance directors "
     "in the country.", MET),
    ("A considerable reputation within their field",
     "She served as President of the Royal College of Radiologists.", MET),
    ("A considerable reputation within their field",
     "I was finance director of a housing association.", POSSIBLE),
    ("A considerable reputation within their field",
     "I enjoy reading about the history of medicine.", NOT_EVIDENCED),
    # Health policy in government: a post in health in government, or in health policy.
    ("An understanding of, and interest in, government health policies",
     "She was a deputy director in the Department of Health for six years.", MET),
    ("An understanding of, and interest in, government health policies",
     "He advised ministers on NHS workforce planning as a senior civil servant.", MET),
    ("An understanding of, and interest in, government health policies",
     "I ran a software company whose customers included the government and the NHS.",
     POSSIBLE),
    ("An understanding of, and interest in, government health policies",
     "I am interested in government health policies.", NOT_EVIDENCED),
    # A post at a charity named as one is voluntary-sector work; the word "mind" is not one.
    ("Experience of the voluntary sector",
     "She was director of fundraising at Macmillan Cancer Support.", MET),
    ("Experience of the voluntary sector",
     "He chairs the Severn Valley Hospice.", MET),
    ("Experience of the voluntary sector",
     "I keep an open mind and lead with a sense of scope.", NOT_EVIDENCED),
    # Community radio and social work serve the local community.
    ("Commitment to the needs of the local community",
     "He is a director of a community radio station in Derry.", MET),
    ("A considerable reputation within their field",
     "I worked for a well known retailer.", NOT_EVIDENCED),
    # A patient focus: work with patients or for those a service serves; a clinician's
    # post is worth a check; an interest is not evidence.
    ("Patient focus and a commitment to patients and carers",
     "As a practice nurse I have worked with patients in a deprived area for twelve years.",
     MET),
    ("Patient focus and a commitment to patients and carers",
     "She led the redesign of stroke services for older people across the county.", MET),
    ("Patient focus and a commitment to patients and carers",
     "He is a consultant anaesthetist.", POSSIBLE),
    ("Patient focus and a commitment to patients and carers",
     "I am interested in patient safety.", NOT_EVIDENCED),
    # Councillors who criticised a decision are others; a national department is not local.
    ("Commitment to the needs of the local community",
     "The decision was criticised by local councillors at a council meeting in May.",
     POSSIBLE),
    ("Has served the local community in local government or in some other capacity",
     "He was permanent secretary of the Department for Communities and Local Government.",
     NOT_EVIDENCED),
    # A post not yet held is not experience of it; a non-executive chair chairs a board.
    ("Experience of chairing a board",
     "It was announced in May that she would become the chair of the Dales Housing Trust.",
     NOT_EVIDENCED),
    ("Experience of chairing a board",
     "He is the preferred candidate for Chair of the Northern Ambulance Trust.", NOT_EVIDENCED),
    ("Experience of chairing a board",
     "She was appointed the HSCB Non-Executive Chair in 2015.", MET),
    # A director of a named body sits on its board.
    ("Board experience", "He became a director of Wessex Water Services in 2004.", MET),
    # A charitable foundation is a charity; joining a government is a post in it.
    ("Experience of the voluntary sector",
     "She is a director of the Ashworth Charitable Foundation.", MET),
    ("An understanding of, and interest in, government health policies",
     "A former hospital pharmacist, he joined the Welsh Government in 2016 as deputy "
     "director of health protection.", MET),
    ("Patient focus and a commitment to patients and carers",
     "She led the trust's patient and public involvement work for six years.", MET),
    # A managing partner runs a firm: business experience.
    ("Business / Commercial", "She is the managing partner of a law firm in Leeds.", MET),
    # Seats asked by name are posts held, not the words (criteria/seats.py).
    ("Non-executive director experience",
     "She has held a number of non-executive positions on public boards.", MET),
    ("Non-executive director experience",
     "I was Chairman of the Royal Free Hospital Trust in Hampstead.", MET),
    ("Non-executive director experience",
     "More than 300 applications were received for the non-executive director posts.",
     NOT_EVIDENCED),
    ("Non-executive director experience",
     "The commission is charged with improving the effectiveness of chairs and "
     "non-executive directors on NHS boards.", NOT_EVIDENCED),
    ("NHS board experience", "She was a non-executive director of an NHS foundation trust.",
     MET),
    ("Experience in housing or local government",
     "She is Co-Leader of Aberdeenshire Council and a local councillor.", MET),
    ("Experience in housing or local government",
     "He was chief executive of a housing association for ten years.", MET),
    ("Experience in housing or local government",
     "He has published widely on local government law.", NOT_EVIDENCED),
    # Announcements and agreements to serve are posts not yet held.
    ("Experience of chairing a board",
     "The Cabinet Secretary today announced the appointment of the new Chair of Grampian "
     "NHS Board.", NOT_EVIDENCED),
    ("Experience of chairing a board",
     "He has agreed to serve as the chairman of the new authority when it is set up.",
     NOT_EVIDENCED),
    # An intention, a relative's post and a law officer's title are not one's profession:
    # the field is named, for the panel to check.
    ("A registered clinician (doctor, nurse or midwife)",
     "She decided to become a nurse after a placement on a children's ward.", POSSIBLE),
    ("A registered clinician (doctor, nurse or midwife)",
     "She decided to become a nurse and has been a ward sister since 2015.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "She grew up in Leeds, where her father was a GP.", POSSIBLE),
    ("A qualified lawyer (solicitor or barrister)",
     "He was Solicitor General for two years.", POSSIBLE),
    # An honour alone names no field; one for services to it does.
    ("A considerable reputation within their field",
     "He was knighted in 2004.", NOT_EVIDENCED),
    ("A considerable reputation within their field",
     "He was knighted in 2004 for services to nursing.", MET),
    # A general secretary heads the union or college; a ward sister leads clinical work; a
    # founder led what they founded.
    ("Experience of leading an organisation",
     "She was general secretary of a national nursing union for ten years.", MET),
    ("Clinical leadership experience",
     "She has been a ward sister on an acute medical ward since 2016.", MET),
    ("Clinical leadership experience",
     "She worked as a staff nurse on an acute medical ward.", NOT_EVIDENCED),
    ("Senior leadership experience in the private sector",
     "He founded a software company in 1998 and sold it in 2010.", MET),
    # A mayor heads a local authority; a chief officer or chief inspector of a named
    # service heads it; "its chair" after a named board is that board's chair; a club's
    # chair is not a board's; a consultant in a medical specialty is a doctor.
    ("Experience in housing or local government",
     "She was Mayor of Hackney for eight years.", MET),
    ("Experience in housing or local government",
     "He became the first directly elected mayor in the county.", MET),
    ("Experience of leading an organisation",
     "He was Chief Officer of the Westshire Probation Service for nine years.", MET),
    ("Experience of chairing a board",
     "She joined the Board of Governors in 2010 and has been its chair since 2015.", MET),
    ("Experience of chairing a board",
     "He was chair of the University Rowing Club.", POSSIBLE),
    ("A registered clinician (doctor, nurse or midwife)",
     "She is a consultant in respiratory medicine.", MET),
    # A named professorship is not a board's chair; a devolution deal that brings in an
    # elected mayor is not a post in local government; a fellowship conferred, and being
    # recognised internationally, are standing.
    ("Experience of chairing a board",
     "He is a surgeon and holds the Wolfson Chair of Surgery at a London university.",
     NOT_EVIDENCED),
    ("Experience in housing or local government",
     "He negotiated a devolution deal that led to the introduction of an elected mayor.",
     NOT_EVIDENCED),
    ("A considerable reputation within their field",
     "In 2019 she was made a Fellow of the Royal College of Nursing.", MET),
    ("A considerable reputation within their field",
     "He is recognised internationally as an advocate for patient safety.", MET),
    # A relative's post, and a doctorate, are not one's own.
    ("Senior academic leadership in a university",
     "She credits her father, a surgeon who was the dean of a London medical school, as her "
     "inspiration.", NOT_EVIDENCED),
    ("A registered clinician (doctor, nurse or midwife)",
     "She was awarded a Doctor of Medicine degree in 1992.", POSSIBLE),
    ("Non-executive director experience",
     "As non-executives we were told that we would be liable to a personal surcharge.", MET),
    ("Experience of chairing a board",
     "Congratulations on securing the nomination to be chair of Monitor.", NOT_EVIDENCED),
    ("Experience of adult social care",
     "I am the Director of Social Services for the same area.", MET),
    # Unpaid is not the voluntary sector.
    ("Experience of the voluntary sector",
     "I am employed by the NHS, sometimes in a voluntary capacity, sometimes paid.",
     NOT_EVIDENCED),
    # A law degree is a legal qualification, not a qualified lawyer.
    ("A legal qualification", "She read law at Leeds (LLB, 1998) before joining the council.",
     MET),
    ("A qualified lawyer", "She read law at Leeds (LLB, 1998) before joining the council.",
     POSSIBLE),
    # A health regulator: regulators of other fields are worth a check, not "Met".
    ("Experience of working in or with a health regulator",
     "He chaired the financial services regulator for six years.", POSSIBLE),
    ("Experience of working in or with a health regulator",
     "She sat on the Nursing and Midwifery Council for four years.", MET),
    # A partner of a named firm holds a senior post in the private sector.
    ("Senior leadership experience in the private sector",
     "He was a partner at Grant Thornton for twelve years.", MET),
    # The senior post of a charity is senior leadership in the voluntary sector.
    ("Senior leadership in the voluntary sector",
     "She was chair of the charity Carers Together from 2015 to 2021.", MET),
    # A board described is nobody's seat.
    ("Non-executive director experience",
     "The board consists of a non-executive chair, six non-executive directors and the "
     "executive team.", NOT_EVIDENCED),
    ("Non-executive director experience",
     "In 2012 the non-executive directors of the trust opposed the merger.", NOT_EVIDENCED),
    ("Non-executive director experience",
     "I was one of the non-executive directors of the trust from 2012.", MET),
    # A clinical post does not say its holder is registered; practice beside it does.
    ("A registered clinician (doctor, nurse or midwife)",
     "She was medical director of a community trust for five years.", POSSIBLE),
    ("A clinician (doctor, nurse or midwife)",
     "She was medical director of a community trust for five years.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "After ten years in practice she became director of nursing at the trust.", MET),
    # Leading a field's work is leading its transformation; a future post is not.
    ("Experience of leading digital transformation",
     "She led the trust's IT programmes, replacing every clinical system.", MET),
    ("Experience of leading digital transformation",
     "He joins a leading software firm, where he will lead its digital programme.",
     POSSIBLE),
    # Awards for the work are standing in the field.
    ("A considerable reputation within their field",
     "Her work on stroke services has been recognised with several national awards.", MET),
    ("Experience of leading major organisational change",
     "As chief executive he was credited with turning round the council's finances.", MET),
    # Academic leadership is a dean's or a vice-chancellor's post; a professor is to check,
    # and a lay chair of a university's council is governance.
    ("Senior academic leadership in a university",
     "She was dean of the faculty of health sciences at a university for six years.", MET),
    ("Senior academic leadership in a university",
     "He is professor of public health at a Scottish university.", POSSIBLE),
    ("Senior academic leadership in a university",
     "I chair the council of a university medical school.", NOT_EVIDENCED),
    # Working with a professor is not leading research.
    ("Experience of leading health research",
     "He spent three years as a research assistant, working with Professor Amir on "
     "dementia care.", POSSIBLE),
    # "Vice chair of X and acting chair": the acting chair is of X.
    ("Experience of chairing a board",
     "She was vice chair of the regional health authority and acting chair for a year.", MET),
    # A council seat is local government; a clinical commissioning group has a board.
    ("Experience in housing or local government",
     "She has been a member of Leeds City Council for the Headingley ward since 2010.", MET),
    ("Experience of chairing a board",
     "He chaired Bradford Clinical Commissioning Group for five years.", MET),
    # The largest firms are private companies by name; a name made in a field is standing.
    ("Senior leadership experience in the private sector",
     "She was head of audit at Deloitte for ten years.", MET),
    ("A considerable reputation within their field",
     "She made her name as a campaigning public health doctor.", MET),
    # A senior civil service grade is senior management.
    ("Management experience at a senior or board-equivalent level",
     "I am a former Under Secretary in the Department for Education.", MET),
    # A relative's post is not the candidate's: at most a field to check.
    ("A qualified accountant",
     "She is the daughter of a farmer and a chartered accountant from Leeds.", POSSIBLE),
    # A qualification gained while studying, and a call to the Bar, are held.
    ("A legal qualification",
     "He studied law at Leeds, graduating with a Bachelor of Laws in 1990.", MET),
    ("A qualified lawyer (solicitor or barrister)",
     "She studied history at Durham, and was called to the Bar in 1995.", MET),
    # A legal post names the function, not a qualification.
    ("A qualified lawyer (solicitor or barrister)",
     "She was head of legal services for a national retailer.", POSSIBLE),
    # A partner of a law firm is senior in the private sector.
    ("Senior leadership experience in the private sector",
     "He joined a law firm in Ipswich and was made a partner in 1985.", MET),
    # Working with patients, whatever the ward.
    ("Patient and community focus, with a commitment to patients and carers",
     "She worked with stroke and elderly care patients for ten years.", MET),
    ("A considerable reputation within their field",
     "He has been at the forefront of research on childhood asthma.", MET),
    # An announcement is a post not yet held; a reappointment is one held already.
    ("Experience of chairing a board",
     "She has been appointed as the new chair of the county's hospice.", NOT_EVIDENCED),
    ("Experience of chairing a board",
     "He has been re-appointed as chair of the hospice board for a second term.", MET),
    # A council's leader heads it; its cabinet is not a board.
    ("Experience of leading an organisation",
     "She is a local councillor and Leader of Kirklees Council.", MET),
    ("Experience of chairing a board",
     "He became Leader of the Council and Chair of Cabinet in 2010.", POSSIBLE),
    # A trustee's seat later in a list than "a member of" is held.
    ("Experience of the voluntary sector",
     "She is a member of the regional advisory panel, a trustee of a hospice and a school "
     "governor.", MET),
    # A minister's title and services sold to councils are not local government: at most
    # worth a check.
    ("Experience in housing or local government",
     "The appointment was announced by the Local Government Secretary.", POSSIBLE),
    ("Experience in housing or local government",
     "Her firm provides consulting services to local government.", POSSIBLE),
    ("Experience in housing or local government",
     "He was appointed OBE for services to local government in 2015.", MET),
    # Modernising reforms are organisational change.
    ("Experience of leading major organisational change",
     "As chief executive she introduced modernising reforms across the council.", MET),
    # A trust's chief executive sits on its board; a membership body is not an NHS board;
    # a deputy chief executive does not head the trust.
    ("NHS board experience",
     "She was chief executive of a district general hospital NHS trust for six years.", MET),
    ("NHS board experience", "He is chief executive of the NHS Confederation.", POSSIBLE),
    ("Experience of leading an organisation",
     "She became deputy chief executive and director of operations at the trust.", POSSIBLE),
    ("Experience of leading an organisation",
     "He is head of the National Audit Office.", MET),
    # "Non-exec" is non-executive.
    ("Non-executive director experience",
     "I served as a lead non-exec for a government department for five years.", MET),
    # A theatre sister is a nurse; a psychiatry consultant is a doctor.
    ("A registered clinician (doctor, nurse or midwife)",
     "She became a theatre sister at a district hospital.", MET),
    ("A clinical background (doctor, nurse or allied health professional)",
     "He is a retired psychiatry consultant.", MET),
    # An audit and advisory firm is private.
    ("Senior leadership experience in the private sector",
     "I am head of public services at an audit and advisory firm.", MET),
    # What follows "will lead" is to come as well.
    ("Experience of leading major organisational change",
     "The new director will lead the merger by implementing the review's recommendations.",
     POSSIBLE),
    # A chair whose recommendation is reported is another's.
    ("Experience of chairing a board",
     "On the recommendation of the Chair of the Board, she was appointed a trustee.",
     NOT_EVIDENCED),
    # A qualification in medicine is a clinical background, not a registration held now.
    ("A clinical background (doctor, nurse or allied health professional)",
     "He qualified in medicine at Bristol in 1985.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "He qualified in medicine at Bristol in 1985.", POSSIBLE),
    # Taking part in national health policy shows an interest in it, without a post in it.
    ("An understanding of, and interest in, government health policies",
     "She has given advice to the Scottish Government on nursing workforce planning.", MET),
    ("An understanding of, and interest in, government health policies",
     "He represented the councils in the formulation of the national dementia strategy "
     "for health and care.", MET),
    ("An understanding of, and interest in, government health policies",
     "She is interested in health and enjoys hill walking.", NOT_EVIDENCED),
    # "Would chair" is a post to come; a sub-dean deputises for the dean.
    ("Experience of chairing a board",
     "It was announced that she would chair the new health board from April.", NOT_EVIDENCED),
    ("Senior academic leadership in a university",
     "He was sub-dean of the medical school for three years.", NOT_EVIDENCED),
    # An executive chair is an executive; a company's chair may be either (check); the
    # chair of an NHS trust, a health board, a charity or a public commission is its
    # senior non-executive.
    ("Non-executive director experience",
     "She became executive chairman of a logistics company in 2015.", POSSIBLE),
    ("Non-executive director experience",
     "She is chairman of a listed logistics company.", POSSIBLE),
    ("Non-executive director experience",
     "She is chair of the county's mental health trust.", MET),
    ("Non-executive director experience",
     "He chaired a regional housing charity for six years.", MET),
    # A first in one's field, or being remembered for one's work, is standing; studying
    # medicine and graduating is a doctor's background.
    ("A considerable reputation within their field",
     "She was the first woman to lead the national audit body.", MET),
    ("A considerable reputation within their field",
     "He is remembered for founding the country's first hospice.", MET),
    ("A clinical background (doctor, nurse or allied health professional)",
     "She studied medicine in Bristol, graduating in 2001.", MET),
    # Clinical leadership is a senior post of a clinician, or over clinical work; a senior
    # post in another field is worth a check.
    ("Clinical leadership experience",
     "He was clinical director for cardiology at a teaching hospital.", MET),
    ("Clinical leadership experience",
     "She was chief nursing officer of a mental health trust.", MET),
    ("Clinical leadership experience",
     "He was head of research at a university science park.", POSSIBLE),
    ("Non-executive director experience",
     "He is Non\u2013Executive Director of a health and social care trust.", MET),
    # A medical degree, or training, says what was studied, not a registration or a
    # qualification held now.
    ("A registered clinician (doctor, nurse or midwife)",
     "He graduated MBBS from a London medical school in 1990.", POSSIBLE),
    ("A registered clinician (doctor, nurse or midwife)",
     "She qualified as a doctor in Leeds in 1979.", POSSIBLE),
    ("A clinical background (doctor, nurse or allied health professional)",
     "She qualified as a doctor in Leeds in 1979.", MET),
    ("A qualified accountant",
     "He trained as an accountant before moving into retail management.", POSSIBLE),
    # A department's name is not work in its field; the head of a research body leads
    # research.
    ("Experience of adult social care",
     "She was a policy adviser at the Department of Health and Social Care.", NOT_EVIDENCED),
    ("Experience of leading health research",
     "He was Director of Research and Development for a national health department.", MET),
    # A London borough is a council; a council leader leads it; senior managerial posts
    # are senior management.
    ("Experience in housing or local government",
     "She worked as a planning officer at the London Borough of Camden.", MET),
    ("Experience in housing or local government",
     "He was made a life peer, of Hampstead in the London Borough of Camden.", NOT_EVIDENCED),
    ("Experience of leading an organisation",
     "He was council leader for six years.", MET),
    ("Management experience at a senior or board-equivalent level in the voluntary, "
     "public or private sectors",
     "She held senior managerial positions in the energy industry for a decade.", MET),
    # A post described, with no one in the sentence, is nobody's post.
    ("Non-executive director experience",
     "Non-executive members are independent figures who bring challenge to the board.",
     NOT_EVIDENCED),
    ("Experience of adult social care",
     "The Director of Adult Social Care works closely with the county's care providers.",
     POSSIBLE),
    ("Experience of adult social care",
     "The role involved leading adult social care services across the county.", MET),
    # A post still to come: designate, elect, the next, an announcement (the field named
    # is worth a check).
    ("Experience of leading an organisation",
     "He is now Chief Executive Designate of the Northern Water Agency.", NOT_EVIDENCED),
    ("Experience of leading an organisation",
     "The board named her as the next Chief Executive of the college.", NOT_EVIDENCED),
    ("Experience of adult social care",
     "Sam Patel has been confirmed as Director of Adult Social Care for the region.",
     POSSIBLE),
    ("Clinical leadership experience",
     "I am delighted to be appointed as the trust's first Chief Nurse.", NOT_EVIDENCED),
    # Taking up a post is holding it; a profession's chief is a senior post.
    ("Experience of adult social care",
     "She took up her post as Chief Social Worker for Adults in 2015.", MET),
    ("Management experience at a senior or board-equivalent level in the voluntary, "
     "public or private sectors",
     "He joined the city council in 1990, rising to director of resources.", MET),
    # The director of a named body heads it; of a function, does not.
    ("Experience of leading an organisation",
     "She was Director of the Marlow Historical Trust for nine years.", MET),
    ("Experience of leading an organisation",
     "She was director of corporate services for nine years.", POSSIBLE),
    # A medical degree, or a medical royal college's membership, is a doctor's
    # background, not a registration held now; studying medicine is not enough.
    ("A clinical background (doctor, nurse or allied health professional)",
     "He holds a Bachelor of Medicine and a Bachelor of Surgery from Leeds.", MET),
    ("A clinical background (doctor, nurse or allied health professional)",
     "She is a member of the Royal College of Physicians.", MET),
    ("A registered clinician (doctor, nurse or midwife)",
     "She is a member of the Royal College of Physicians.", POSSIBLE),
    ("A clinical background (doctor, nurse or allied health professional)",
     "He studied medicine in Dundee from 1990 to 1995.", NOT_EVIDENCED),
    # "Professor" before a name is a title; a professorship is a post.
    ("Experience of leading health research",
     "The panel's choice is Professor Ada Green, a well-regarded nutritionist.",
     NOT_EVIDENCED),
    ("Experience of leading health research",
     "He is Professor of Public Health at a northern university.", MET),
    # An honour alone names no field; a leading expert has standing in one.
    ("A considerable reputation within their field",
     "He was appointed Officer of the Order of the British Empire (OBE).", NOT_EVIDENCED),
    ("A considerable reputation within their field",
     "She was made a CBE in 2019 for services to nursing.", MET),
    ("A considerable reputation within their field",
     "He is a leading adviser on hospital building programmes.", MET),
    # Boards chaired in the plural; an ombudsman is not a council (the words are worth a
    # check); a peer's title names places, a post at a London borough is a council.
    ("Experience of chairing a board",
     "She has years of experience serving on and chairing boards.", MET),
    ("Experience in housing or local government",
     "He was named the new Local Government Ombudsman in 2017.", POSSIBLE),
    ("Experience in housing or local government",
     "She was assistant director of housing in the London Borough of Hackney.", MET),
    ("Experience in housing or local government",
     "He was chief executive of the Housing Corporation.", MET),
    # Announced, recruited or to come: not held ("has today been confirmed as", "to take
    # up post as", "will begin as"); a post recruited to is another's (its field is named).
    ("Experience of chairing a board",
     "Ms Rowe has today been confirmed as Chair of the Western Water Authority.",
     NOT_EVIDENCED),
    ("Experience of chairing a board",
     "He will leave the county council to take up post as Chair of the college in May.",
     NOT_EVIDENCED),
    ("Experience of leading an organisation",
     "I will begin as chief executive next month, after a handover.", NOT_EVIDENCED),
    ("Recent and relevant financial experience",
     "We have completed the recruitment of our Director of Finance and Estates.",
     POSSIBLE),
    # The body named before "Chair": a trust's or the NHS's chair is its board's.
    ("Experience of chairing a board",
     "Her ten years as an NHS trust chair shaped her view of governance.", MET),
    # Fields in an ombudsman's name are named (worth a check), not worked in.
    ("Experience of adult social care",
     "She moved from the Local Government and Social Care Ombudsman to the charity.",
     POSSIBLE),
    ("Experience in housing or local government",
     "She moved from the Local Government and Social Care Ombudsman to the charity.",
     NOT_EVIDENCED),
    # An ombudsman heads the ombudsman's service.
    ("Experience of leading an organisation",
     "He took over as interim Pensions Ombudsman for a year in 2019.", MET),
    ("Experience of leading an organisation",
     "The complaint was referred to the Pensions Ombudsman in 2019.", NOT_EVIDENCED),
    # A class of post described: no one in the sentence holds one.
    ("Non-executive director experience",
     "Chairs and non-executive members of the boards are appointed for their skills.",
     NOT_EVIDENCED),
    ("Non-executive director experience",
     "Non-executive appointments to the boards are made by the Minister.", NOT_EVIDENCED),
    # Training for a profession is not being in it (its field is named: worth a check).
    ("A qualified accountant",
     "He sat his accountancy exams while a trainee accountant at a district council.",
     POSSIBLE),
    ("A registered clinician (doctor, nurse or midwife)",
     "She worked nights as a student nurse on a surgical ward.", POSSIBLE),
    # The Charity Commission regulates charities; it is not one.
    ("Experience of the voluntary sector",
     "He was a board member of the Charity Commission for six years.", NOT_EVIDENCED),
    ("Experience of the voluntary sector",
     "He was a trustee of a local charity for six years.", MET),
    # Homelessness and rough sleeping are housing need.
    ("Experience in housing or local government",
     "She ran the city's rough sleeping team and its homelessness service.", MET),
    # Children's services are not adult social care.
    ("Experience of adult social care",
     "He worked as a social worker in children's services for ten years.", POSSIBLE),
    ("Experience of adult social care",
     "He worked as a social worker in adult services for ten years.", MET),
    # What is asked of candidates, or how posts are to be filled: nobody's post.
    ("A commitment to the needs of the local community",
     "Candidates should live locally and show a commitment to the local community.",
     NOT_EVIDENCED),
    ("Non-executive director experience",
     "The new criteria for choosing who should serve as non-executive directors are published.",
     NOT_EVIDENCED),
    ("Experience of chairing a board",
     "The scheme provides that the Minister should designate a commissioner as the Chair.",
     NOT_EVIDENCED),
    ("Experience of chairing a board",
     "I advised that the trust should appoint a deputy, and I chaired the trust board meanwhile.",
     MET),
]  # fmt: skip


@pytest.fixture(scope="module")
def judged() -> dict[tuple[str, str], str]:
    """Every case as the service judges it: the sentence is a CV, the criterion an
    essential criterion of a vacancy, ranked in one fitted pool."""
    texts = sorted({text for _, text, _ in CASES})
    ids = {text: f"s{i}" for i, text in enumerate(texts)}
    ranker = Ranker().fit(
        [CandidateProfile(id=ids[t], career_summary=t) for t in texts]
        + [dataclasses.replace(c) for c in POOL]
    )
    out = {}
    for i, (criterion, text, _) in enumerate(CASES):
        vacancy = VacancyProfile(id=f"v{i}", title="NED", essential_criteria=[criterion])
        [match] = ranker.rank(vacancy, top_k=1, candidate_ids=[ids[text]])
        [result] = match.criteria
        assert result.met == (result.verdict == MET)
        assert match.meets_essentials == (result.verdict == MET)
        out[(criterion, text)] = result.verdict
    return out


@pytest.mark.parametrize(("criterion", "text", "verdict"), CASES)
def test_a_criterion_is_judged_on_what_the_sentence_claims(
    judged: dict[tuple[str, str], str], criterion: str, text: str, verdict: str
) -> None:
    assert judged[(criterion, text)] == verdict


def test_the_quote_is_the_sentence_that_met_the_criterion(ranker: Ranker) -> None:
    [match] = ranker.rank(AUDIT_CHAIR, top_k=1, candidate_ids=["acct"])
    by_text = {c.criterion: c for c in match.criteria}
    chairing = by_text["Experience of chairing an audit committee"]
    assert chairing.verdict == MET
    assert "chaired the audit committee" in (chairing.evidence or "")
    accountant = by_text[AUDIT_CHAIR.essential_criteria[0]]
    assert "ACCA-qualified accountant" in (accountant.evidence or "")


def test_the_quote_names_the_candidates_own_post_over_others_words() -> None:
    """Two sentences speak to the local community: the one with the candidate's post is
    quoted, not the one where councillors criticised an appointment."""
    text = (
        "The appointment was criticised by local councillors at a council meeting, as its "
        "scrutiny committee had not been told of it. "
        "She was promoted to Director of Social Services in Wigan in 1995."
    )
    pool = [CandidateProfile(id="c", career_summary=text), *map(dataclasses.replace, POOL)]
    ranker = Ranker().fit(pool)
    vacancy = VacancyProfile(
        id="v", title="NED", essential_criteria=["Commitment to the needs of the local community"]
    )
    [match] = ranker.rank(vacancy, top_k=1, candidate_ids=["c"])
    [result] = match.criteria
    assert result.verdict == MET
    assert "Director of Social Services" in (result.evidence or "")


def test_reporting_to_an_audit_committee_is_not_chairing_one(ranker: Ranker) -> None:
    [match] = ranker.rank(AUDIT_CHAIR, top_k=1, candidate_ids=["cfo"])
    # A chief financial officer may well be a qualified accountant: a panel checks.
    assert [c.verdict for c in match.criteria] == [POSSIBLE, NOT_EVIDENCED]
    assert not match.meets_essentials


def _answered(cid: str, board_experience: str) -> CandidateProfile:
    """A candidate whose text shows no board: only the form's answer can."""
    return CandidateProfile(
        id=cid,
        current_role="Retired solicitor",
        career_summary="Thirty years in practice; now I give my time to local charities.",
        board_experience=board_experience,
    )


def test_a_board_chair_answer_is_credited_and_quoted() -> None:
    """A candidate who answered "Chair of a board" meets "experience of chairing a board",
    and the evidence shown is their answer."""
    answered = _answered("answered", "chair")
    unanswered = _answered("unanswered", "other-board")
    ranker = Ranker().fit([answered, unanswered, *POOL])
    vacancy = VacancyProfile(id="chair", essential_criteria=["Experience of chairing a board"])
    matches = {m.candidate_id: m for m in ranker.rank(vacancy, top_k=10)}
    [credited] = matches["answered"].criteria
    assert credited.verdict == MET
    assert credited.evidence == "Board experience: Chair of a board"
    assert credited.field == "board experience"
    assert matches["answered"].meets_essentials
    assert matches["unanswered"].criteria[0].verdict == NOT_EVIDENCED


def test_board_answers_meet_the_seats_they_are_and_are_quoted() -> None:
    """ "Board member of an NHS organisation" meets "NHS board experience"; "Chair of a
    board" meets "non-executive director experience" (a chair is the senior
    non-executive). Each is quoted as the answer."""
    ranker = Ranker().fit(
        [
            _answered("nhs", "nhs-board"),
            _answered("chair", "chair"),
            _answered("other", "other-board"),
        ]
        + POOL
    )
    for criterion, who, answer in (
        ("NHS board experience", "nhs", "Board member of an NHS organisation"),
        ("Non-executive director experience", "chair", "Chair of a board"),
    ):
        vacancy = VacancyProfile(id="v", essential_criteria=[criterion])
        matches = {m.candidate_id: m for m in ranker.rank(vacancy, top_k=10)}
        [credited] = matches[who].criteria
        assert credited.verdict == MET, criterion
        assert credited.evidence == f"Board experience: {answer}"
        assert matches["other"].criteria[0].verdict != MET


def test_a_criterion_met_across_two_sentences_quotes_both() -> None:
    """A criterion met by finance in one sentence and local government in another
    ("public sector finance"): the panel is shown both, each a sentence the candidate
    wrote."""
    finance = "I led the finance function through two mergers and a recovery plan."
    sector = "I have worked in local government since 2004."
    candidate = CandidateProfile(id="two", career_summary=f"{finance} {sector}")
    ranker = Ranker().fit([candidate, *POOL])
    vacancy = VacancyProfile(id="psf", essential_criteria=["Knowledge of public sector finance"])
    [match] = ranker.rank(vacancy, top_k=1, candidate_ids=["two"])
    [result] = match.criteria
    assert result.verdict == MET
    assert result.evidence == finance
    assert result.also == ((sector, "career summary"),)


def test_a_ticked_skill_area_is_a_claim_to_check_not_evidence() -> None:
    ticked = CandidateProfile(id="ticked", current_role="Consultant", skill_areas=["legal"])
    ranker = Ranker().fit([ticked, *POOL])
    vacancy = VacancyProfile(id="legal", essential_criteria=["Experience of legal matters"])
    [match] = ranker.rank(vacancy, top_k=1, candidate_ids=["ticked"])
    assert match.criteria[0].verdict == POSSIBLE
    assert match.criteria[0].evidence == "Skill areas: Legal"
    assert not match.meets_essentials


def test_on_real_criterion_cases_precision_and_recall_hold() -> None:
    """The 101 cases of real public sentences (benchmarks/data/ned_real), judged as the
    benchmark judges them. A regression floor, set a little under the measured figures
    (precision 1.00, recall 0.875: 42 of 48 met, none wrongly)."""
    data = load()
    texts = sorted({c.text for c in data.cases})
    ids = {t: f"case-{i}" for i, t in enumerate(texts)}
    ranker = Ranker().fit([CandidateProfile.from_text(ids[t], t) for t in texts])
    tp = fp = fn = 0
    for i, case in enumerate(data.cases):
        advert = f"Criterion case {i}\nEssential criteria\n- {case.criterion}"
        vacancy = VacancyProfile.from_text(f"v{i}", advert)
        [match] = ranker.rank(vacancy, top_k=1, candidate_ids=[ids[case.text]])
        met = match.criteria[0].verdict == MET
        tp += met and case.expected_met
        fp += met and not case.expected_met
        fn += (not met) and case.expected_met
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.85


def test_inferred_answers_are_never_quoted_or_credited_as_answers() -> None:
    """A profile read from a CV has skill areas and board experience inferred from its text.
    They are not the candidate's answers: no verdict rests on them and no quote shows them;
    the text's own sentences are the evidence."""
    data = load()
    pool = [CandidateProfile.from_text(bid, text) for bid, text in data.bios.items()]
    assert any(p.board_experience != "none" for p in pool) and not any(p.typed for p in pool)
    ranker = Ranker().fit(pool)
    checked = 0
    for advert in data.adverts:
        vacancy = VacancyProfile.from_text(advert.id, advert.pasted_text())
        for match in ranker.rank(vacancy, top_k=len(pool)):
            for result in match.criteria:
                checked += 1
                assert result.field not in ("board experience", "skill areas"), result
    assert checked > 100

    # The same sentence with the same answers typed on the form: the answer is quoted.
    typed = dataclasses.replace(pool[0], id="typed", typed=True, board_experience="chair")
    answered = Ranker().fit([typed, *pool[1:]])
    vacancy = VacancyProfile(
        id="v", title="Chair", essential_criteria=["Experience of chairing a board"]
    )
    [match] = answered.rank(vacancy, top_k=1, candidate_ids=["typed"])
    assert match.criteria[0].verdict == MET
