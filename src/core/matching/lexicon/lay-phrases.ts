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

/** Patterns ("*" is any one word) and everyday wordings that imply a method, for needs that never name one. */
export const layPatterns = parseConcepts(`
biostatistics
  really did better; did better; do better than; doing better; is it meaningful; meaningful difference
  real difference; real effect; made a difference; any difference; the change we saw; run the figures
  spreadsheet of results; what the numbers say; numbers say; numbers mean; the stats; is the * real
  did * better; really * better; work out if; tell if; tell whether; prove that; prove it
prediction-models
  which * will; which * * will; which * are likely; who is likely to; know earlier; know sooner; spot earlier
  earlier warning; a score that; score that tells; tell in advance; in advance; before it happens; ahead of time
  chance of getting; odds of; are likely to get; is likely to get
trials
  half the patients; half of the patients; half get; comparing it with; compare it with; compared with the old
  against the old; the old one; new versus old; versus; head to head; at random; whether the new * works
  whether * works; whether * * works; whether the new * helps; whether * helps; whether * * helps
  whether the new * stops; whether * * stops; does * work; does * * work; does * help; if * works; if * * works
health-economics
  pays for itself; worth the price; worth the cost; worth the extra; extra cost; extra money; is * worth
  is * * worth; is it worth; how much it costs; how much does it cost; money well spent; cost of care
qualitative
  go through; really go through; how * felt; how they felt; how * feel; how staff feel; how patients feel
  what * think; what * * think; what * thought; ask them how; ask them what; what it was like; their experience
  their experiences; in depth; in their words
psychometrics
  set of questions; our own questions; questions we wrote; the form we use; form we use to; scoring form
  measure what it should; measures what; actually measure; actually measures; measure * properly
  rate their; score pain; score their
image-analysis
  photos of; read the photos; photos; photographs; footage; look at * photos; skin photos; teach a machine
  a machine to; machine to look; spot * in pictures; in the pictures; in photos
nlp
  typed notes; typed clinic notes; sort through notes; read all the letters; read all the; thousands of letters
  that mention; which mention; mentions of; the ones that mention
recruitment
  agree to be in; agree to take part; agree to join; too few people; too few patients; way behind; behind with
  not enough recruits; say no to the study; turn down the study; people say no
evidence-synthesis
  everything written; everything that has been written; all the journals; search the journals; what has been written
  written about; everything published; already out there
implementation-science
  take up what worked; take it up; spread it; spread to other; other hospitals; what worked here; stopped using it
  teams stopped; scale it up; roll it out; keep it going; after the project ends
patient-involvement
  help shape; shape the study; study group; steering group; advisory group; people with the condition
  people who have the condition; people who live with; patients to help design; patients on the team
  patients on our team; patient partners on
routine-data
  gp systems; hospital computers; on the computer; computer systems; already recorded; recorded on; every admission
  admissions data; what is recorded; what we record
genomics
  passed down; passed on; handed down; inherit; inherits; inherited from; in the genes; gene test
pharmacy
  wrong amount of; amount of medicine; dose for; doses for; right amount of; how much medicine; different pills
  pills; side effect; the medicine they; their medicine; medicine for
grants
  need money; money to do; money for the; find money; get money; funding for; pay for the study; pay for the research
operational-research
  theatre slots; slots; clear the waiting list; how many staff; how many nurses we need; rota planning
behaviour-change
  take their inhalers; take their medicine; take their medicines; take their tablets; every day; remember to take
  stick with; keep taking; forget to take; forget their
survey-methods
  ask every; few questions; questions about their; questionnaire to all; ask all the; ask lots of
epidemiology
  poorer areas; end up in; why do more; more people from; which areas; where * live
causal-inference
  happened anyway; would have happened; actually reduce; actually reduced; did * actually; really because of
  really due to
`);
