// Situations a clinician describes instead of naming a method ("comments sitting in a drawer", "they always tick very
// satisfied", "wasn't just a good month"), read as the method that answers them.
import { parseConcepts } from "./parse-concepts.ts";

export const situations = parseConcepts(`
human-factors = human factors and usability
  human factors; ergonomics; usability; usability testing; task analysis; user-centred design; user-centered design
  alarm fatigue; alert fatigue; workarounds; work-arounds; systems thinking; safety science; resilience engineering
  design it out; design out; slips; keyed in; wrong rate; click it away; click through; pop-up; pop-ups; alerts
  same thing happens again; happens again; to be reminded; staff to be reminded; same incident; keep getting the same
qualitative
  written comments; comments too; what they wrote; sitting in a drawer
  really think; tick very satisfied; always tick; very satisfied; satisfied on the forms; their stories
  make sense of them; make sense of it all; make sense of all of it
  capture their stories; talk to the parents; talk to * properly; proper interviews; what it is like for
missing-data
  drop out; drops out; dropped out; people drop out; lost to follow-up; patchy; gaps in follow-up; don't come back
  do not come back; not come back for
health-economics
  cost money; save more than; more than they cost; save more than they cost; worth what it costs; money figures
  expensive; eye-wateringly expensive; cheaper; value for money; worth the money; want to cut; save money
biostatistics
  make sense of them; make sense of it all; make sense of all of it
  just a good month; a good month; wasn't just; whether it's working; whether it is working; is it working
  show that properly; where to start with the numbers; made any difference; make any difference
time-series-analysis
  just a good month; good month; over the last year; crept up; month by month; before and after; since we changed
patient-involvement
  properly involved; getting young people; young people involved; kids themselves; get * involved; involve them
  lay panel; lay members; lay people
survey-methods
  forms too long; too long and confusing; easier to fill in; fill in; filling in; confusing forms; study forms
data-management
  study forms; record what they tell us; scribble; on paper; paper forms; easier to fill in
behaviour-change
  nudge; nudge them; why doctors; why nurses; why staff; nobody reads it; they just click
epidemiology
  ending up back in hospital; which ones come back
biosignals
  readings every second; pours out readings; ventilator; ventilators; ventilator readings
mentoring
  someone senior; senior person; been through it; who's been through; read my drafts; done this before
  who's done this; talk it through; need advice; want advice; advice on the; next five years; planning my career
  become a clinical academic; clinical academic; stay in academia; teach me; shadow them; let me shadow; learn how to
  doctoral fellowship; pre-doctoral; predoctoral; fellowship application; intermediate fellowship; that jump
  get into research; getting into research; just starting out; starting out in research; early in my career
  next step in my career; my career; been there myself; who has been there; my first paper; first publication
grants
  research costing; costing grant applications; costing grants; grant costing; grant costings; grant budgets
  study budgets; research budgets; research finance; costing the study; costing studies; post-award finance
machine-learning
  teach a computer; teach the computer; teach computers; computer to do the; automate the measuring
  measure automatically; automatic measurements
image-analysis
  hand-taken measurements; measurements on every; do the measuring; echo studies; echo images
imaging
  echo studies; echo images; echocardiograms; echocardiogram; echocardiography; echoes
prediction-models
  model them; actually model; model the data; model our data; model these records; model those records
qualitative
  why they stop coming; why people stop coming; stop coming; do not engage; don't engage; not engaging
  hard to reach; seldom heard; what gets in the way; what stops them; what puts them off; put off
health-services
  is our service working; whether our service works; does our service help; is the service working
  whether the new service; whether the new clinic; justify the service; prove our worth; prove our value
time-series-analysis
  since we started; before we started; since it started
epidemiology
  more common in; which groups; who is missing out; missing out
evidence-synthesis
  what works for; what other services do; what others have tried; has anyone tried; what has been tried
psychometrics
  in other languages; translated questionnaire; translate our questionnaire; translate the questionnaire
health-economics
  cut our service; funding is being cut; value of our service; save the service
operational-research
  waiting list keeps growing; waiting lists; how many appointments; capacity and demand; demand and capacity
routine-data
  systmone; emis; practice records; gp records; data we collect; what we collect
study-design = study design and research advice
  study design; research design; research design service; designing studies; design a study; design the study
  methodological advice; methods advice; protocol review; protocol writing; writing a protocol; research methods advice
  proper project; turn that into; turn it into a study; never done one before; never done a study; do a study on
  where to start; set up a study; setting up a study
`);
