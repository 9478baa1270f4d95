// How ward staff, patients and non-native speakers describe a need without naming the method or the condition.
import { parseConcepts } from "./parse-concepts.ts";

export const layPhrases = parseConcepts(`
biostatistics
  real or just chance; just chance; difference is real; is the difference real; what the results mean
  make sense of the results; make sense of our results; what to do with the results; analyse our results
  analyse the results; analyse our data; numbers from our audit; do the maths; do the math; add up the numbers
epidemiology
  makes the difference; make a difference to; what makes it worse; what makes it better; which patients do worse
  who does worse; who is more at risk
machine-learning
  could a computer; can a computer; would a computer; pick out the abnormal; spot the abnormal; abnormal ones
  flag the abnormal; sort through thousands
biosignals
  heart tracings; heart tracing; tracings; traces; recordings of the heart; heart recordings
survival-analysis
  how long before; how long until; time until; stay well; stays well; recurrence; recurrences; come back again
prediction-models
  which patients are going to; who is going to; which patients need; pick out the patients; spot the patients
  spot who; identify who
qualitative
  hear from them; hear from patients; hear from families; hear from staff; hear their views; their side of the story
  talk to the families; talk to families; talk to parents; talk to carers; talk to them; how they found
  what they thought; what people think; what patients think of; what families think; in their own words
psychometrics
  right questions; same answer twice; asks the right questions; gives the same answer; any good as a measure
  our own questionnaire; our questionnaire; questionnaire we made; our scale; our score
recruitment
  take part; taking part; to take part; join the study; join our study; into the study; enough volunteers
evidence-synthesis
  studies have already been done; what studies; research papers; look through the research; all the research
  already been studied; what is out there; what the evidence says; what the research says; best evidence
implementation-science
  not being followed; not followed; are not followed; make it stick; making it stick; stick on the wards
  nobody follows; staff do not follow; new way of working; new ways of working; changing how we work
patient-involvement
  patients views; patient views; involve parents; involve families; involve carers; involve service users
  patient groups; patient group; parent groups; support groups; charity partners; people with lived experience
routine-data
  hospital computer system; computer system; information already; information we already have; already in the system
  look back through; look back at records; old records; past records; historical data; what we already record
biosignals
  heart monitors; monitors; monitoring devices; bedside monitor readings; wearables data
digital-health
  video appointments; video appointment; virtual appointments; virtual clinic; phone appointments; online clinic
  online course; remote follow-up; apps; text message reminders; reminders on their phone
acute-care
  very sick; very unwell; seriously ill; really sick; gets sick quickly; critically unwell
wound-care
  bed sores; sores; pressure damage; skin breakdown
palliative-care
  last days; last weeks of life; end of their life; dying at home; people who are dying
heart-failure
  not pumping well; heart not pumping; heart pumping; swollen ankles and breathless
health-services
  waiting time; wait in clinic; time patients wait; stuck in hospital; waiting to go home; going home from hospital
  delayed transfers; bed blocking; flow through the hospital; getting patients home; sent home sooner
workforce
  leaving the job; leaving nursing; staff leaving; quitting their jobs; keep our nurses; retain staff; short staffed
behaviour-change
  exercise more; get people active; get patients moving; keep active; stay active; more active
trials
  try it out properly; test it properly; test it on patients; test it in patients; trial it; try out a new
  new treatment works; whether the treatment works; does the treatment work
health-economics
  money saved; saves money; saving money; cost less; costs less; cheaper option; pays for itself
`);
