// Data science, computing, imaging, omics and devices: technical names and how clinicians ask for them.
import { parseConcepts } from "./parse-concepts.ts";

export const dataAndTechnology = parseConcepts(`
machine-learning
  machine-learning; supervised learning; unsupervised learning; reinforcement learning; random forest; random forests
  gradient boosting; xgboost; support vector machines; clustering; feature selection; explainable ai; xai
  federated learning; transformers; foundation models; generative ai; pytorch; tensorflow; scikit-learn; keras
  ai model; ai models; ai tools; ai tool; make ai; build ai; teach a computer; train a computer; computer learn
  computer to spot; computer to find; computer to read; computer to recognise; computer program; computer system
  software that learns; smart system; clever software; robot; robots; automatic detection; automatically detect
data-science
  data scientist; data analytics; analytics; big data; data mining; health informatics; informatics
  clinical informatics; informatician; data engineer; data engineering; data warehouse; data warehouses; sql
  make sense of the data; loads of data; lots of data; piles of data; mountains of data
image-analysis
  video analytics; video analysis; activity recognition; pose estimation; action recognition; object detection
  image classification; image processing; digital pathology; whole slide images; slide images; image registration; segmentation; radiomics; computer-aided detection
  spot on camera; on camera; on the cameras; ward cameras; spot on scans; spot on x-rays; read the scans
  read scans; read x-rays; look at pictures; look at photos; find on images; recognise pictures; nodules
imaging
  radiographer; radiography; interventional radiology; nuclear medicine; mammography screening; echocardiogram
  cardiac mri; chest x-ray; chest x-rays; cxr; brain scans; body scans; scan images; images; image; annotated scans
  image annotation; annotation; labelled images; label images; labelled scans; mark up the pictures; dermoscopy
  retinal photographs; fundus photographs; endoscopy images; x ray; cat scan; mri scans; scans of
nlp
  named entity recognition; information extraction; entity extraction; text classification; clinical nlp
  voice recognition; conversational agent; what doctors write; what doctors type; doctors write
  doctors type; doctors notes; nursing notes; notes doctors; read the notes; reading notes; read notes; typed notes
  written records; free-text records; referral letters; letters and notes; pull out from notes; search the notes
routine-data
  ehr data; notes; letters and notes; hospital notes; patient notes; electronic records; electronic patient record; epr; emis; systmone
  clinical records; health data; health datasets; datasets; data set; data sets; national datasets; audit data
  data extraction; extract data; hospital systems; computer records; cprd; qresearch; opensafely
  data linkage; link data; linking data; linked records; clinical datasets; registry data; register data; register
  national registry; national audit; data access; access to data; get the data
biosignals
  physiological monitoring; physiological data; monitoring data; patient monitors; bedside monitors; monitor data
  heart rhythm; ecg signals; eeg; emg; ppg; pulse oximetry; oxygen saturation; blood pressure monitoring
  gait analysis; accelerometry; activity trackers; activity tracker; wrist sensor; wrist-worn; worn on the wrist
  device readings; sensor readings; monitor readings; sensor data; implanted devices; implantable devices; remote monitoring data
  watches; smart watch; step counter; movement sensors; motion sensors; measures walking; track movement
digital-health
  ehealth; e-health; digital therapeutics; digital intervention; online intervention; web-based intervention
  user experience; user experience design; ux; ui; user interface; user research; usability; human factors design
  app design; app prototyping; make an app; build an app; phone app; an app; apps for patients; text reminders
  video calls; virtual wards; virtual ward; remote consultations; remote care; telecare; telemonitoring; online tool
software
  software developer; research software engineer; rse; full-stack; web development; web developer; javascript
  programming help; programmer to; write code; writing code; build a tool; build software
  automation scripts; pipelines; data pipeline; cloud; databases design; build a website; build a platform
medical-devices
  device development; device design; devices for patients; implants; implant; prosthesis; prostheses; orthotics
  sensor development; biomedical engineer; bioengineering; clinical engineering; medical physics; physicist
  invent; invention; inventions; build a device; design a device; make a device; gadget for
genomics
  genomic medicine; genetic testing; genetic tests; genetic counselling; clinical genetics; inherited conditions
  inherited disease; rare diseases; rare disease; whole exome; exome sequencing; variant interpretation; variants
  pharmacogenomics; epigenetics; methylation; dna tests; gene tests; genes behind; in the family; families with
bioinformatics
  omics; multi-omics; transcriptomics; proteomics; metabolomics; single-cell; single cell; scrna-seq
  nextflow; snakemake; pipelines for sequencing; sequence data; sequencing data; dna readouts; genetic data
  omics data; computational genomics; microbiome; metagenomics
pathology
  cytology; biopsy reports; lab tests; laboratory tests; laboratory medicine; clinical chemistry; blood tests
  biomarkers; biomarker; assays; assay; flow cytometry; immunohistochemistry; under the microscope
samples
  biobanking; blood samples; urine samples; stored samples; sample collection; sample storage; tissue collection
lab-science = laboratory and translational science
  laboratory science; wet lab; cell culture; cell biology; molecular biology; immunology; translational research
  translational; preclinical; animal models; mouse models; organoids; in vitro; bench science; basic science
pharmacy
  clinical pharmacology; pharmacologist; pharmacokinetic; pharmacodynamics; drug interactions; drug safety
  pharmacovigilance; adverse drug reactions; therapeutic drug monitoring; dose optimisation; dosing advice
  medicines optimisation; medicines management; medicines reconciliation; many medicines; lots of medicines
  too many tablets; taking many; stopping medicines; unnecessary medicines; medicines review; prescribing errors
  clinical pharmacist; pharmacists; drug trial; drug trials; new drug; new drugs; drug development
`);
