// Splits free text into lowercase word tokens, evens out British and American spelling, and knows the stopwords.

/** Words that say nothing about what a person knows or needs ("need someone to help with a study"). */
const stopwordList = `a about above across after again all also am an and any anyone anything are around as at be been
being both but by can could do does doing done during each either etc even ever every for from further get getting give
had has have having he her here hers him his how i if in into is it its just let like looking look looks made make me
might more most must my near need needed needing needs new no nor not now of off on once one only or other our ours out
over own per please quite rather re really same she should so some somebody someone something such than that the their
them then there these they this those through to too under until up upon us very via want wanted wanting wants was we
were what when where whether which while who whom whose why will with within without would yes yet you your yours
help helping helps helped assist assistance advice support supporting seek seeking find finding found searching
study studies research researcher researchers researching project projects work working works collaborator collaborators
collaboration collaborate collaborating partner partners partnership colleague colleagues person people team teams group
groups expert experts expertise experience experienced knowledge knowledgeable skills skill skilled background interested
interest good great able available keen happy use using used based related relevant area areas field fields topic
topics analyse analyze analysed analyzed analysing analyzing analysis analyses access
ve ll don didn doesn isn aren wasn weren haven hasn hadn couldn wouldn shouldn won cannot lot lots bit
consultant lecturer senior junior professor prof reader fellow associate assistant specialist specialty registrar
trainee student phd doctoral dr doctor principal lead head chief honorary visiting early mid late career level`;

export const stopwords: ReadonlySet<string> = new Set(stopwordList.split(/\s+/).filter(Boolean));

/** Words that start a new part of a request: "biostatistician | for a cohort study | in Leeds". */
export const connectors: ReadonlySet<string> = new Set([
  "for",
  "on",
  "in",
  "to",
  "with",
  "about",
  "regarding",
  "into",
  "within",
  "at",
  "who",
  "that",
  "which",
  "across",
]);

/** Lowercase tokens of letters and digits; accents dropped, pure numbers and single letters left out. */
export function tokenize(text: string): string[] {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    // A single letter joined by a hyphen is part of the word: x-ray, e-health, t-test, p-value, COM-B.
    .replace(/\b([a-z])-(?=[a-z])/g, "$1")
    .replace(/([a-z])-([a-z])\b/g, "$1$2");
  const tokens: string[] = [];
  for (const token of plain.split(/[^a-z0-9]+/)) {
    if (token.length < 2 || /^[0-9]+$/.test(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/** British to American-ish spelling so both sides meet: tumour/tumor, paediatric/pediatric, randomised/randomized. */
export function normaliseSpelling(token: string): string {
  let t = token;
  if (t.length > 4 && t.includes("ae")) t = t.replace(/ae/g, "e");
  if (t.startsWith("oe") && t.length > 4) t = `e${t.slice(2)}`;
  if (t.startsWith("foet")) t = `fet${t.slice(4)}`;
  if (t === "ageing") return "aging";
  if (t === "programme" || t === "programmes") return t.replace("programme", "program");
  t = t.replace(/^([a-z]{3,})our(s|al|ed|ing)?$/, "$1or$2");
  t = t.replace(/^([a-z]{3,})is(e|ed|es|ing|ation|ations|er|ers)$/, "$1iz$2");
  t = t.replace(/^([a-z]{2,})ys(e|ed|es|ing)$/, "$1yz$2");
  t = t.replace(/^([a-z]{2,})tre(s)?$/, "$1ter$2");
  return t;
}
