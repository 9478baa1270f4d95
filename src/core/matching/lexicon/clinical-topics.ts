// Clinical specialties and conditions: the clinical names, the sub-topics a specialist lists, and the lay words.
import { parseConcepts } from "./parse-concepts.ts";

export const clinicalTopics = parseConcepts(`
oncology
  medical oncology; clinical oncology; oncology nurse; cancer nurse; macmillan; cancer care; cancer services
  cancer survivorship; survivorship; survivors of cancer; after cancer; cancer treatment; cancer patients
  immunotherapy; targeted therapy; metastatic; metastases; solid tumours; tumour board; mdt; two week wait
breast-cancer > oncology = breast cancer
  breast cancer; breast cancers; breast; mastectomy; breast screening; breast clinic
lung-cancer > oncology respiratory = lung cancer
  lung cancer; lung cancers; lung nodules; nodules in the lung; lung nodule; mesothelioma
colorectal-cancer > oncology gastroenterology = bowel cancer
  colorectal cancer; bowel cancer; colon cancer; rectal cancer; bowel screening
prostate-cancer > oncology urology = prostate cancer
  prostate cancer; prostate; psa
skin-cancer > oncology dermatology = skin cancer
  skin cancer; melanoma; skin lesions; moles; mole; suspicious moles
cardiology
  cardiac care; heart disease; heart problems; heart condition; heart conditions; heart patients; heart clinic
  heart rhythm problems; irregular heartbeat; irregular heart beat; af; cardiac devices; implantable cardioverter
  defibrillator; defibrillators; pacemakers; cardiac arrest; myocardial infarction; mi; angina; angioplasty
  congenital heart disease; heart surgery; cardiac surgery; cardiothoracic; vascular; vascular surgery
heart-failure > cardiology = heart failure
  heart failure; cardiac failure; failing heart; heart is failing; weak heart; fluid on the lungs
stroke > neurology = stroke
  stroke; strokes; stroke medicine; stroke physician; thrombolysis; thrombectomy; tia; mini-stroke; mini stroke
  stroke unit; stroke survivors; after a stroke; had a stroke; brain attack
dementia > neurology older-people = dementia
  dementia; alzheimers; alzheimer's disease; cognitive impairment; memory clinic; memory problems; memory loss
  forgetful; forgetting; confused; cognitive decline; cognition; cognitive
delirium > older-people acute-care = delirium
  delirium; acute confusion; confusion; confused patients; suddenly confused; muddled
neurology
  neurological; neuroscience; neurodegenerative; parkinsons; parkinson's disease; ms; motor neurone disease; mnd
  epilepsy; seizures; brain injury; head injury; traumatic brain injury; spinal cord injury; neurosurgery
  neurosurgeon; headache; migraines; nerve damage; neuropathy
mental-health
  mental illness; severe mental illness; mental health services; psychiatric; mental health nurse; cpn
  bipolar; personality disorder; eating disorder; anorexia; obsessive compulsive; ocd; adhd; autism; autistic
  neurodevelopmental; substance misuse; addiction; alcohol; drugs misuse; self harm; suicide prevention
  psychotherapy; talking therapy; therapy sessions; iapt; mood; low mood; feeling down; sad; sadness; nerves
  panic; panic attacks; worried; worry; anxious; fears; fear; phobia; wellbeing; well-being; mental wellbeing
  postnatal depression; perinatal mental health; old age psychiatry; old age psychiatrist; child psychiatry
respiratory
  respiratory medicine; chest physician; chest medicine; chest; chesty; wheeze; wheezy; wheezing; asthma attacks
  bronchiectasis; cystic fibrosis; pulmonary rehabilitation; pneumonia; chest infection; chest infections
  breathing problems; short of breath; shortness of breath; inhaler technique; spirometry; lung function
diabetes
  type 1 diabetes; type 2 diabetes; t1d; t2d; gestational diabetes; diabetes remission; prediabetes
  blood glucose; glucose monitoring; continuous glucose monitoring; cgm; diabetic foot; foot ulcers; sugars
  high sugar; sugar level; endocrine; thyroid; obesity medicine; weight management
renal
  chronic kidney disease; ckd; acute kidney injury; aki; kidney transplant; kidney failure; kidney patients
gastroenterology
  gastro; bowel; bowels; gut; stomach; crohns; crohn's disease; ulcerative colitis; coeliac; irritable bowel
  ibs; liver disease; fatty liver; hepatitis; cirrhosis; colonoscopy; digestive
infection
  infectious diseases; infections control; infection prevention; infection prevention and control; ipc
  healthcare-associated infections; hospital-acquired infections; hospital infections; mrsa; clostridium difficile; c-diff
  antimicrobial stewardship; antibiotic stewardship; antibiotic prescribing; antibiotic use; prescribe antibiotics
  fewer antibiotics; antibiotic resistance; drug resistance; microbiologist; virology; vaccinology; immunisations; hepatitis c
  surveillance of infections; outbreaks; hand washing; hand-washing; germs
sepsis > infection acute-care = sepsis
  sepsis; septic; septic shock; blood poisoning; deteriorating patients; deteriorating patient
haematology
  blood disorders; anaemia; sickle cell; thalassaemia; transfusion; blood transfusion; clotting; thrombosis
  anticoagulation; blood thinners; bleeding disorders; haemophilia
musculoskeletal
  orthopaedic surgery; orthopaedic surgeon; trauma and orthopaedics; joint replacement; hip replacement
  knee replacement; hip fracture; hip fractures; broken hip; broken bones; rheumatology; rheumatologist
  rheumatoid arthritis; osteoarthritis; sports medicine; sports injuries; spine; spinal surgery; joint pain
dermatology
  teledermatology; skin conditions; skin problems; skin disease; acne; itching; itchy skin; dermoscopy
ophthalmology
  eye disease; eye clinic; diabetic retinopathy; macular degeneration; amd; optometry; optometrist; blindness
  visual impairment; sight loss; eye scans
ent = ear, nose and throat
  ent; ear nose and throat; otolaryngology; hearing; hearing loss; deaf; deafness; tinnitus; audiology; ears
urology
  urology; urologist; bladder; incontinence; continence; urinary; urinary tract infections; uti; catheters
  catheter; prostate problems; kidney stones
womens-health = women's health
  women's health; gynaecology; gynecology; gynaecologist; menopause; endometriosis; contraception; fertility
  ivf; polycystic ovary; pcos; menstrual; heavy periods; pelvic floor
maternity
  midwives; consultant midwife; maternity unit; maternity services; labour ward; pregnant women; pregnancies
  new mums; new mothers; mums; birth outcomes; stillbirth; miscarriage; breastfeeding; infant feeding; postnatal
  preterm birth; premature babies; caesarean; antenatal care; perinatal care; maternity cohort
paediatrics
  children's hospital; childrens; kids; young children; school children; schoolchildren; teenagers; teens
  young person; little ones; babies; newborn babies; nicu; neonatal unit; child development; paediatric nurse
  children's nurse; camhs; child and adolescent; adolescent health; youngsters
older-people
  geriatric medicine; geriatrician; care of the elderly; elderly care wards; older person; older persons; aged care
  old people; elderly people; pensioners; later life; comprehensive geriatric assessment; frail elderly
falls > older-people = falls
  falls; falls prevention; falls risk; fall prevention; falling; fell; fall over; falls over; falls clinic
  balance problems; unsteady; hip protectors; falls on the ward; patients who fall; fallen; fall detection
sleep = sleep
  sleep; sleep medicine; insomnia; sleep apnoea; obstructive sleep apnoea; sleeping; tiredness; fatigue
pain
  pain relief; pain clinic; persistent pain; musculoskeletal pain; opioids; opioid; analgesics; hurts; hurting
palliative-care
  palliative medicine; supportive care; last days of life; terminal illness; terminally ill; dying patients
  death and dying; end of life care; hospice care; bereaved; grief; advance care plans
wound-care
  tissue viability nurse; leg ulcers; ulcers; diabetic foot ulcers; dressings; wound healing; surgical wounds
  surgical site infection; skin tears
nutrition
  dietetics; dietitians; dieticians; feeding; tube feeding; enteral; malnourished; undernutrition; weight
  weight gain; healthy eating; eating habits; diet programme; low-calorie diet; calories; meals; eat
`);

export const moreClinicalTopics = parseConcepts(`
cardiology
  statins; statin; lipids; cholesterol; lipid management; aortic aneurysm; aneurysm; peripheral arterial disease
haematology
  venous thromboembolism; vte; deep vein thrombosis; dvt; pulmonary embolism; blood clots
rehabilitation
  aphasia; dysphagia; swallowing; swallowing problems; speech problems; communication difficulties after stroke
gastroenterology
  liver transplant; liver transplantation
sexual-health = sexual and reproductive health
  sexual health; sexual and reproductive health; reproductive health; sexually transmitted infections; stis; hiv prevention
  prep; contraception services; sexual health clinic
public-health
  environmental health; air pollution; air quality; pollution; climate change and health; occupational health
  workplace health; prison health; prisoners; military health; veterans; armed forces
lab-science
  biomaterials; stem cells; stem cell; biochemistry; biochemist; mass spectrometry; cell therapy; gene therapy
medical-devices
  biomechanics; biomechanical; orthoses
dental = oral health and dentistry
  oral health; dentistry; dental; dentist; dentists; teeth; tooth decay; gum disease; orthodontics
learning-disability = learning disability
  learning disabilities; learning disability; intellectual disability; intellectual disabilities; down syndrome
digital-health
  clinical decision support; decision support; decision support tool; alerts in the record
acute-care
  rapid response team; rapid response teams; outreach team; critical care outreach team; medical emergency team
`);
