// Seeded synthetic profiles for the matching benchmark: realistic roles and vocabulary from the thesaurus, ~40 centres.
import { readFileSync } from "node:fs";
import { type Concept, concepts } from "../src/core/matching/thesaurus.ts";
import type { MatchProfile } from "../src/core/matching/types.ts";

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same profiles. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Archetype {
  roles: readonly string[];
  departments: readonly string[];
  /** Concepts the person knows and offers. */
  core: readonly string[];
  /** Concepts the person looks for in others. */
  seeks: readonly string[];
  clinical: boolean;
}

const methodsConcepts = [
  "survival-analysis",
  "regression",
  "qualitative",
  "trials",
  "cohort",
  "evidence-synthesis",
];
const clinicalAreas = [
  "oncology",
  "cardiology",
  "diabetes",
  "mental-health",
  "paediatrics",
  "respiratory",
  "neurology",
];
const analyticNeeds = [
  "biostatistics",
  "machine-learning",
  "qualitative",
  "health-economics",
  "epidemiology",
];

const archetypes: readonly Archetype[] = [
  {
    roles: [
      "Medical statistician",
      "Lecturer in biostatistics",
      "Senior statistician",
      "PhD student in biostatistics",
    ],
    departments: ["Biostatistics", "Medical Statistics", "Clinical Trials Unit"],
    core: ["biostatistics", "survival-analysis", "bayesian", "regression", "missing-data", "sample-size"],
    seeks: ["cohort", "routine-data", "oncology", "cardiology", "recruitment"],
    clinical: false,
  },
  {
    roles: ["Lecturer in epidemiology", "Epidemiologist", "Research fellow in epidemiology"],
    departments: ["Epidemiology", "School of Public Health", "Population Health Sciences"],
    core: ["epidemiology", "cohort", "routine-data", "public-health"],
    seeks: ["biostatistics", "cardiology", "diabetes", "health-economics"],
    clinical: false,
  },
  {
    roles: ["Lecturer in machine learning", "Data scientist", "Research fellow in artificial intelligence"],
    departments: ["Computer Science", "Data Science", "AI Lab"],
    core: ["machine-learning", "prediction-models", "image-analysis", "data-science", "biosignals"],
    seeks: ["imaging", "routine-data", "cardiology", "oncology"],
    clinical: false,
  },
  {
    roles: ["Lecturer in natural language processing", "Research software engineer in NLP"],
    departments: ["Data Science", "Informatics"],
    core: ["nlp", "machine-learning", "software"],
    seeks: ["routine-data", "mental-health"],
    clinical: false,
  },
  {
    roles: [
      "Bioinformatician",
      "Senior bioinformatician",
      "Cancer genomics scientist",
      "Lecturer in statistical genetics",
    ],
    departments: ["Bioinformatics", "Genomics", "Translational Research"],
    core: ["bioinformatics", "genomics", "samples"],
    seeks: ["samples", "oncology", "blood-cancer", "cohort"],
    clinical: false,
  },
  {
    roles: ["Qualitative researcher", "Senior lecturer in medical sociology", "Health psychologist"],
    departments: ["Sociology", "Health Sciences", "Psychology"],
    core: ["qualitative", "mixed-methods", "patient-involvement", "behaviour-change"],
    seeks: ["recruitment", "nursing", "primary-care", "diabetes"],
    clinical: false,
  },
  {
    roles: ["Health economist", "Senior health economist", "Research fellow in health economics"],
    departments: ["Health Economics Unit", "Health Economics Research Group"],
    core: ["health-economics", "screening"],
    seeks: ["trials", "routine-data", "cardiology", "oncology"],
    clinical: false,
  },
  {
    roles: ["Clinical trials manager", "Trial coordinator", "Professor of clinical trials"],
    departments: ["Clinical Trials Unit", "Research and Development"],
    core: ["trials", "data-management", "ethics", "recruitment"],
    seeks: ["recruitment", "oncology", "biostatistics"],
    clinical: false,
  },
  {
    roles: ["Research data manager", "Research governance manager"],
    departments: ["Research Office", "Research and Innovation"],
    core: ["data-management", "ethics"],
    seeks: ["trials"],
    clinical: false,
  },
  {
    roles: [
      "Professor of health services research",
      "Implementation scientist",
      "Research fellow in evidence synthesis",
    ],
    departments: ["Health Services Research", "Evidence Synthesis Centre"],
    core: ["implementation-science", "health-services", "evidence-synthesis", "grants"],
    seeks: ["nursing", "primary-care", "mental-health"],
    clinical: false,
  },
  {
    roles: ["Lecturer in digital health", "Research software engineer"],
    departments: ["Digital Health Lab", "Software Engineering"],
    core: ["digital-health", "software", "medical-devices"],
    seeks: ["mental-health", "paediatrics", "diabetes"],
    clinical: false,
  },
  {
    roles: ["Consultant radiologist", "Consultant neuroradiologist", "Clinical scientist in medical physics"],
    departments: ["Radiology", "Medical Physics"],
    core: ["imaging", "radiotherapy"],
    seeks: ["machine-learning", "image-analysis"],
    clinical: true,
  },
  ...[
    ["oncology", "Consultant medical oncologist", "Oncology"],
    ["blood-cancer", "Consultant haematologist", "Haematology"],
    ["cardiology", "Consultant cardiologist", "Cardiology"],
    ["diabetes", "Consultant diabetologist", "Endocrinology"],
    ["mental-health", "Consultant psychiatrist", "Psychiatry"],
    ["paediatrics", "Consultant paediatrician", "Paediatrics"],
    ["surgery", "Consultant surgeon", "Surgery"],
    ["respiratory", "Consultant respiratory physician", "Respiratory Medicine"],
    ["neurology", "Consultant neurologist", "Neurology"],
    ["infection", "Consultant in infectious diseases", "Infectious Diseases"],
    ["primary-care", "GP partner", "General Practice"],
    ["nursing", "Research nurse", "Nursing Research"],
    ["older-people", "Consultant geriatrician", "Elderly Care"],
    ["pathology", "Consultant histopathologist", "Pathology"],
    ["acute-care", "Consultant in emergency medicine", "Emergency Medicine"],
  ].map(
    ([area, role, department]): Archetype => ({
      roles: [
        role!,
        `Specialty registrar in ${department!.toLowerCase()}`,
        `Clinical research fellow in ${department!.toLowerCase()}`,
      ],
      departments: [department!],
      core: [area!, "trials", "recruitment", "cohort"],
      seeks: analyticNeeds,
      clinical: true,
    }),
  ),
];

const places = [
  "Northfield",
  "Riverside",
  "Eastbrook",
  "Harrowgate",
  "Westmoor",
  "Kingsway",
  "Lakeside",
  "Ashford",
  "Brackley",
  "Calderbridge",
  "Dunmore",
  "Ellesby",
  "Fenwick",
  "Glenholm",
  "Hartwell",
  "Ivybridge",
  "Jarrow",
  "Kelsall",
  "Langford",
  "Marlow",
];
const kinds = [
  "University",
  "University Hospital",
  "District Hospital",
  "Cancer Centre",
  "Children's Hospital",
  "Institute of Technology",
  "Primary Care Network",
  "Royal Infirmary",
];
const firstNames = [
  "Amira",
  "Tomasz",
  "Grace",
  "Li",
  "Hannah",
  "Samuel",
  "Priya",
  "Oliver",
  "Eleanor",
  "Kwame",
  "Rachel",
  "Sarah",
  "James",
  "Mei",
  "Anna",
  "Daniel",
  "Ruth",
  "Ahmed",
  "Claire",
  "Mark",
  "Isabel",
  "Victor",
  "Naomi",
  "Peter",
  "Sophie",
  "Rajesh",
  "Laura",
  "Tom",
  "Eva",
  "Marcus",
  "Yuki",
  "Elena",
  "Ben",
  "Aisha",
  "Felix",
  "Gwen",
  "Owen",
  "Megan",
];
const lastNames = [
  "Haddad",
  "Okafor",
  "Wei",
  "Brooks",
  "Adeyemi",
  "Raman",
  "Grant",
  "Mensah",
  "Stein",
  "Whitfield",
  "Patel",
  "Tan",
  "Kowalski",
  "Hughes",
  "Farouk",
  "Donnelly",
  "Moreno",
  "Osei",
  "Clarke",
  "Turner",
  "Iyer",
  "Jennings",
  "Schmidt",
  "Reid",
  "Tanaka",
  "Petrova",
  "Carter",
  "Rahman",
  "Braun",
  "Pryce",
  "Hale",
  "Lloyd",
  "Morgan",
  "Bevan",
  "Nowak",
];
const offerSuffixes = ["", "", " support", " advice", " training", " collaboration"];
const clinicalOfferSuffixes = [
  " cohort",
  " clinic access",
  " patient recruitment",
  " registry data",
  " samples",
];
const areaModifiers = [
  "breast",
  "lung",
  "colorectal",
  "paediatric",
  "adult",
  "rural",
  "community",
  "chronic",
  "acute",
];

const conceptById = new Map<string, Concept>(concepts.map((c) => [c.id, c]));
const clinicalAreaSet: ReadonlySet<string> = new Set([
  ...clinicalAreas,
  "blood-cancer",
  "surgery",
  "infection",
  "primary-care",
  "older-people",
  "pathology",
  "acute-care",
]);

export function syntheticProfiles(count: number, seed: number): MatchProfile[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const term = (conceptId: string): string => pick(conceptById.get(conceptId)?.terms ?? [conceptId]);

  // About 40 centres of very different sizes: a few big ones, many small ones.
  const institutions: { name: string; domain: string; weight: number }[] = [];
  for (let i = 0; institutions.length < 40; i++) {
    const place = places[i % places.length]!;
    const kind = kinds[(i * 3 + Math.floor(i / places.length)) % kinds.length]!;
    const domain = `${place}-${kind}`.toLowerCase().replace(/[^a-z]+/g, "-");
    institutions.push({
      name: `${place} ${kind}`,
      domain: `${domain}.example.org`,
      weight: 1 / (i + 1) ** 0.8,
    });
  }
  const totalWeight = institutions.reduce((sum, inst) => sum + inst.weight, 0);
  const pickInstitution = () => {
    let r = random() * totalWeight;
    for (const inst of institutions) {
      r -= inst.weight;
      if (r <= 0) return inst;
    }
    return institutions[institutions.length - 1]!;
  };

  const profiles: MatchProfile[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(archetypes);
    const inst = pickInstitution();
    const first = pick(firstNames);
    const last = pick(lastNames);
    const clinicalArea = type.clinical ? "" : pick(clinicalAreas);
    // An entry is a thesaurus term ("survival analysis"), a clinical one sometimes narrowed ("paediatric asthma");
    // an offer reads like one ("oncology cohort", "bayesian methods advice").
    const items = (pool: readonly string[], n: number, asOffers: boolean) => {
      const out = new Set<string>();
      for (let k = 0; k < n; k++) {
        const conceptId = pick(pool);
        const isArea = clinicalAreaSet.has(conceptId);
        if (asOffers) {
          const label = conceptById.get(conceptId)?.label ?? conceptId;
          out.add(`${label}${pick(isArea ? clinicalOfferSuffixes : offerSuffixes)}`);
        } else {
          out.add(`${isArea && random() < 0.4 ? `${pick(areaModifiers)} ` : ""}${term(conceptId)}`);
        }
      }
      return [...out];
    };
    const expertise = items(type.core, 2 + Math.floor(random() * 3), false);
    if (clinicalArea && random() < 0.5) expertise.push(term(clinicalArea));
    const partnerships = Math.floor(random() ** 2 * 8);
    const partnerIds: string[] = [];
    for (let k = 0; k < Math.min(partnerships, 3) && i > 0; k++)
      partnerIds.push(`s${Math.floor(random() * i)}`);
    const paused = random();
    profiles.push({
      id: `s${i}`,
      email: `${first}.${last}.${i}@${inst.domain}`.toLowerCase(),
      name: `${first} ${last}`,
      institution: inst.name,
      department: pick(type.departments),
      role: pick(type.roles),
      careerStage: pick(["doctoral student", "early career", "mid-career", "mid-career", "senior"]),
      expertise,
      methods: items(methodsConcepts, 1 + Math.floor(random() * 2), false),
      offers: items(type.core, 1 + Math.floor(random() * 3), true),
      needs: items(type.seeks, 1 + Math.floor(random() * 2), false),
      conflictsWith: random() < 0.02 ? [`someone.${Math.floor(random() * count)}@example.org`] : [],
      optedOut: random() < 0.02,
      pausedUntil:
        paused < 0.015
          ? new Date(Date.UTC(2030, 0, 1))
          : paused < 0.03
            ? new Date(Date.UTC(2020, 0, 1))
            : null,
      activePartnerships: partnerships,
      partnerIds,
      openToMentoring: random() < 0.3,
    });
  }
  return profiles;
}

/** The tuning fixture's needs: what the speed benchmarks ask of the synthetic profiles. */
export const fixtureNeeds: string[] = (
  JSON.parse(readFileSync(new URL("../test/fixtures/matching/needs.json", import.meta.url), "utf8")) as {
    need: string;
  }[]
).map((n) => n.need);

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
