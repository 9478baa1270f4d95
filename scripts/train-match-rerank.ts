// `npm run train:match-rerank`: learns the concept hints, then the re-ranker on the pools the index finds with them,
// from the tuning and training sets, and writes src/core/matching/concept-hints.tsv and rerank-weights.json, which
// the index reads. Run it after changing the sets, the features or the need reading.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { trainingGroups, trainOn } from "../bench/match-rerank.ts";
import { hintsToText } from "../src/core/matching/concept-hints.ts";
import { modelToJson } from "../src/core/matching/learnt-rerank.ts";

const dir = new URL("../src/core/matching/", import.meta.url);
const weights = fileURLToPath(new URL("rerank-weights.json", dir));
const hintsFile = fileURLToPath(new URL("concept-hints.tsv", dir));
const { model, hints } = trainOn(trainingGroups());
writeFileSync(weights, `${JSON.stringify(modelToJson(model), null, 2)}\n`);
writeFileSync(hintsFile, hintsToText(hints));
execFileSync("npx", ["biome", "format", "--write", weights], { stdio: "ignore" });
let pairs = 0;
for (const { concepts } of hints.lift.values()) pairs += concepts.length;
console.log(
  `wrote ${weights}: ${model.dense.length} feature weights, ${model.cross.size} word-and-unit weights\n` +
    `wrote ${hintsFile}: ${hints.lift.size} words, ${pairs} word-and-concept lifts`,
);
