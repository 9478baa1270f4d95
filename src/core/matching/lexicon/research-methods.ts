// Research methods in the words researchers list and the words clinicians use when they need one, MeSH-entry style.
import { parseConcepts } from "./parse-concepts.ts";

export const researchMethods = parseConcepts(`
biostatistics
  biometry; applied statistics; statistical methods; statistical methodology; statistical support; statistical advice
  statistical analysis plan; statistical analysis plans; sap; analyse the data
  quantitative analysis; statistical software; stata; spss; sas
  good with numbers; numbers person; numerical; averages; percentages; significant difference; compare groups
  is the difference real; is it significant; chance finding; by chance; statistic; statistik; estadistica
  statistics person; number cruncher; t-test; chi-square; anova; correlation; hypothesis testing; confidence intervals
survival-analysis > biostatistics
  time to event; hazard ratio; hazard ratios; cox proportional hazards; competing risk; mortality analysis
  how long people live; how many die; how many died; survival rates; mortality rates; death rates
sample-size > biostatistics
  statistical power; powered; underpowered; sample size estimation; how many we need; how many do we need
  how many patients we need; how many participants we need; enough people; big enough sample; participants needed
regression > biostatistics
  linear regression; poisson regression; generalised linear models; glm; multivariable; multivariable analysis
  adjusted analysis; random effects; repeated measures; growth curves; gee; joint modelling; joint models
bayesian > biostatistics
  bayesian statistics; bayesian inference; bayesian modelling; prior distributions; posterior; stan; winbugs
missing-data > biostatistics
  incomplete records; gaps in records; patchy data; holes in the data
time-series-analysis > biostatistics = time series analysis
  time series analysis; time series; forecasting; seasonal trends; seasonality; arima; trends over time
cluster-trials > trials biostatistics = cluster randomised trials
  cluster randomised; cluster randomized; cluster trial; cluster trials; stepped wedge; stepped-wedge
  randomise wards; randomise practices; randomise hospitals; whole wards; whole practices
trials
  clinical trials; controlled trial; randomised trial; randomized trial; pragmatic trial; platform trial
  non-inferiority; equivalence trial; crossover trial; double blind; allocation; trial protocol
  protocol development; trial management; trial manager; trials unit; ctu; trial coordination; trial monitoring
  early phase trials; phase ii trial; phase iii trial; first in human; investigational; good clinical practice; gcp; trial sponsor
  test a new treatment; test the new treatment; test our intervention; prove it works; show it works
  show it is better; better than usual care; works better; really works; actually works; actually helped
  compare treatments; comparing treatments; two groups; control group; proper study; proper trial
  show it properly; show it works properly; evaluate it properly; evaluate properly; proper evaluation
trial-methodology > trials = trial methodology
  trial methodology; trial methodologist; studies within a trial; swat; trial conduct; trial efficiency
  recruitment and retention; retention strategies; trial design advice; core outcome sets; core outcome set
recruitment
  recruiting participants; participant retention; accrual; slow recruitment; poor recruitment
  recruitment target; recruitment targets; missing its recruitment target; behind on recruitment
  not enough people; not enough patients; patients not joining; nobody signs up; sign up; signing up
  keep missing target; behind target; screening logs; recruiting sites; site recruitment; research sites
  stop coming; stopped coming; drop off; dropping off; lose patients; losing patients; keep patients in
  follow up rates; response rates; low response; response rate
epidemiology
  observational study; observational studies; observational research; case-control; case control study
  cross-sectional; cross-sectional study; population study; disease burden; burden of disease
  how common is; how often; how many people get; risk factors; determinants; exposure; exposures
  surveillance data; disease surveillance; notifiable; cluster of cases; rates of; rate of; prevalence study
  more likely; less likely; at higher risk; associated with; association between; link between
  nobody knows why; no one knows why; find out why; work out why; what is causing; find the cause; rise in
  rising rates; more cases; increase in cases; spike in
cohort
  prospective study; retrospective study; retrospective cohort; follow-up study; follow them up
  follow patients over time; followed up; follow over years; over the years; years later
causal-inference
  confounding by indication; mendelian randomisation; mendelian randomization; counterfactual
  regression discontinuity; synthetic control; what caused; really caused; is it the cause
prediction-models
  clinical prediction; prediction rule; clinical decision rule; risk stratification; risk tool
  early warning scores; news2; deterioration prediction; warn us; warn early; warns us; spot early
  going downhill; getting worse; get worse; gets worse; which patients will
  identify high-risk; high risk patients; at-risk patients; risk calculator; external validation; model validation
health-economics
  health economic evaluation; cost analysis; cost analyses; costing; resource use; micro-costing
  cost-benefit; cost effectiveness; cost-effectiveness analysis; eq-5d; utility; utilities; willingness to pay
  value for money; worth the money; worth it; worth what it costs; what it costs; cost the nhs; cost to the nhs
  afford; save the nhs money; cheaper than; spend less; budget; budgets; reimbursement; nice submission
  health technology assessment; hta; decision analytic modelling; decision-analytic model; decision analytic
  discrete choice experiment; discrete choice experiments; dce; patient preferences; preference elicitation
operational-research
  simulation modelling; system dynamics; modelling patient flow; capacity; demand and capacity; staffing models
  plan beds; bed planning; waiting list modelling; theatre scheduling; queue; wait times; long waits
evidence-synthesis
  systematic reviewer; review of the literature; literature search; search strategy; search strategies
  individual participant data; ipd meta-analysis; information specialist; librarian; grade; prisma; umbrella review; rapid review; realist review
  everything already published; all the published; published studies; what has been published; summarise studies
  what is known; what others found; previous studies; existing studies; the research out there
psychometrics
  patient-reported outcome; patient reported outcomes; prem; prems; measurement; outcome measurement
  instrument development; instrument validation; tool validation; cross-cultural adaptation; translation of questionnaires
  cosmin; internal consistency; cronbach; test-retest; construct validity; content validity
  measures what it should; measure properly; really measure; does it measure; measuring tool; assessment tool
  rating scales; scoring; score; scores; checklist; checklists; screening tool; screening tools; self-report
survey-methods
  online survey; national survey; staff survey; patient survey; cross-sectional survey; delphi; delphi study
  consensus methods; nominal group technique; ask lots of people; ask many people; send out questions
qualitative
  qualitative researcher; qualitative interviews; in-depth interviews; narrative; narrative interviews
  discourse analysis; grounded theory; phenomenology; interpretative phenomenological analysis; ipa
  framework analysis; participant observation; non-participant observation; observational fieldwork; fieldwork; nvivo; coding transcripts
  hear their stories; hear from patients; hear what; what it is like; what its like; what it feels like
  sit with; sit down with; speak to patients; speak with patients; talk with patients; ask patients
  understand their experience; patient experience; patients experience; lived experiences
  why patients; why staff; why people; attitudes; beliefs; make interview; make interviews; do interviews
mixed-methods
  multi-method; quantitative and qualitative; qual and quant
implementation-science
  implementation research; implementation strategies; implementation strategy; normalisation process theory
  normalization process theory; npt; cfir; re-aim; consolidated framework; de-implementation; spread and scale
  nobody is using it; nobody uses it; not being used; not using it; stopped using; actually use it; actually using
  don't use it; don't use; do not use; still not using; not taken up; low uptake
  get used in practice; into routine practice; change practice; changing practice; practice change
  knowledge mobilisation; knowledge exchange; guidelines into practice; follow the guidelines; stick to the guidelines; guideline adherence; fidelity
process-evaluation > implementation-science = process evaluation
  process evaluation; realist evaluation; logic model; programme theory; theory of change
health-services
  service improvement; improvement; quality improvement projects; qi; plan do study act; run charts
  statistical process control; audit and feedback; benchmarking; variation in care; models of care
  new pathway; care pathway; service change; new service; evaluate our service; evaluate a service
  evaluation of services; service evaluations; patient flow; discharge; delayed discharge; length of stay
  readmission; readmissions; come back into hospital; back into hospital; readmitted; outpatients; outpatient; clinic appointments; did not attend; missed appointments
behaviour-change
  health psychologist; health psychologists; behavioural science; behavioural scientist; com-b; behaviour change wheel; intervention mapping
  medication adherence; adherence to treatment; non-adherence; taking their medicines; take their tablets
  change their habits; change habits; change behaviour; changing behaviour; people to change; get people to
  keep going; keep coming; give up; gave up; stop smoking; smoking cessation; healthy lifestyle
  health coaching; eat better; eating better; eat healthier; move more; be more active; sedentary; physical inactivity
  weight regain; put the weight back on; keep the weight off; maintain weight loss; maintaining change; relapse prevention
patient-involvement
  ppie; patient and public involvement and engagement; public engagement; community engagement
  participatory research; participatory action research; citizen science; co-production; coproduction; lay summary; lay summaries; plain language summary; lay representatives
  lay panel; ppi panel; patient advisory; public contributors; patient voice; patients voice; experts by experience
  community members; community partners; involve the public; public involvement group
health-communication
  information sheet; participant information sheet; patient leaflets; written information; readability
  too technical; jargon; plain words; simple words; easy read; health information; risk communication
ethics
  ethics committee; research ethics committee; hra approval; ethics application; ethical review
  sponsorship; capacity and capability; information governance; dpia; caldicott; data sharing agreement
  regulatory; regulations; consent process; consent forms; assent; mental capacity
data-management
  data manager; clinical data management; database build; data capture; ecrf; data quality; data cleaning
  data dictionary; data standards; set up the forms; forms to collect; collecting the data; collect the data
grants
  grant application; grant proposal; grant proposals; funding bid; funding bids; fellowship; fellowships
  fellowship application; research bid; apply for funding; apply for money; win funding; get funding
  funding call; the funder; funders; nihr; ukri; research for patient benefit; rfpb; pre-application
writing
  scientific papers; write a paper; write papers; writing papers; abstract; abstracts; conference abstract
  research communication; science communication; public engagement with research; poster; posters; dissemination; disseminate; getting published; publish our results; write it up
education
  medical education; nurse education; clinical education; simulation training; teaching programme; e-learning
  curriculum design; training programme; workshops; upskill; upskilling; educate; educating; educator
mentoring
  mentors; mentoring scheme; supervisor; supervisors; phd supervision; career advice; career guidance
  guide me; guide me through; show me the ropes; help me grow; develop my career; new to research
  never done research; first research project; first fellowship; pathway into research; role models
  clinical academic career; someone to mentor me; mentor me
data-visualisation
  data visualization; plots; plotting; visualise; visualize; dashboards for; power bi; tableau; shiny
`);

export const moreResearchMethods = parseConcepts(`
modelling = mathematical and simulation modelling
  mathematical modelling; mathematical model; mathematical models; simulation models; computer simulation
  compartmental models; agent-based modelling; agent-based models; transmission modelling; transmission models
  infectious disease modelling; dynamic modelling; microsimulation
project-management = research and project management
  project management; programme management; project manager; programme manager; research management
  research manager; research coordinator; research coordination; study coordinator; study coordination
  research administration; research administrator; programme coordinator; project coordination; gantt
pharmacoepidemiology > epidemiology pharmacy = pharmacoepidemiology
  pharmacoepidemiology; drug utilisation; drug utilization; prescribing patterns; medicines use in practice
`);
