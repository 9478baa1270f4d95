// Care settings, professions and service topics: wards, theatres, intensive care, community, workforce, safety.
import { parseConcepts } from "./parse-concepts.ts";

export const careAndServices = parseConcepts(`
nursing
  nurse researcher; nurse specialist; clinical nurse specialist; specialist nurse; staff nurse; ward nurse
  ward nurses; nurse consultant; nurse practitioner; advanced nurse practitioner; district nurse; district nurses
  community nurses; health visitor; health visitors; sister; charge nurse; nursing practice; nursing care
  fundamentals of care; bedside care; nursing homes staff; care assistants; support workers; student nurses
acute-care
  intensive care medicine; intensive care unit; intensivist; itu; hdu; high dependency; critical care outreach
  critically ill patients; mechanical ventilation; ventilated patients; on the unit; organ support; ecmo
  emergency department; emergency medicine consultant; urgent care; triage; crowding
  ed crowding; trauma; major trauma; pre-hospital; prehospital; ambulance service; out of hours; acute medicine
surgery
  surgical outcomes; surgical trials; general surgery; colorectal surgeon; upper gi; bariatric surgery
  day surgery; theatre; surgical nursing; surgical wards; surgical patients; enhanced recovery; eras
  post-operative; postoperative; complications after surgery; keyhole surgery; laparoscopic; robotic surgery
  robotic prostatectomy; robotic hysterectomy; robotic-assisted; robot-assisted; robotic assisted; robot assisted
anaesthesia
  anaesthetist; anaesthesiology; perioperative medicine; preoperative assessment; pre-op; airway
primary-care
  general practitioners; gp practice; gp practices; gp surgery; primary care network
  pcn; community pharmacy; practice nurses; practice managers; out of hospital
community-care = community and social care
  community health; community services; community care teams; social care; social workers; social work
  care homes staff; home care; domiciliary care; carers at home; at home; in their homes; housebound
  voluntary sector; charities; charity; third sector; local authority; council services
rehabilitation
  physiotherapists; physiotherapy research; occupational therapists; ot; speech and language therapy
  speech therapist; allied health professionals; ahp; ahps; rehab; rehab classes; exercise classes
  exercise programme; exercise programmes; exercise therapy; strength and balance; get moving; moving again
  back to work; return to work; vocational rehabilitation; prosthetics; stroke rehabilitation
workforce
  staff wellbeing; staff well-being; nurse staffing; nursing workforce; workload; working conditions; shifts
  night shifts; staff shortages; recruitment and retention of staff; leaving the profession; stress at work
  team working; leadership; compassion fatigue; moral injury
patient-safety
  safety incidents; falls incidents; deterioration; missed diagnoses; diagnostic error; safety culture
  root cause analysis; serious incidents; medication safety; safer care; things go wrong; going wrong
public-health
  health equity; social determinants; deprived areas; disadvantaged; low income; ethnic groups; racism
  migrants; refugees; homeless; homelessness; travellers; marginalised; vulnerable groups; inclusion health
  health behaviours; population level; local population; prevention programmes; health visiting
global-health = global health
  global health; low- and middle-income countries; lmic; lmics; low income countries; developing countries
  africa; asia; international development; tropical medicine; humanitarian
health-services
  health systems; health care delivery; integrated care; ics; commissioning; commissioners; nhs england
  policy makers; policy; service users experience; organisational; organisation of care
`);
