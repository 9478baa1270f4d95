// `npm run train:match-rerank`: trains the learnt re-ranker on the tuning and training sets and writes its weights
// to src/core/matching/rerank-weights.json, which the index reads. Run it after changing the sets or the features.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { trainingGroups, trainOn } from "../bench/match-rerank.ts";
import { modelToJson } from "../src/core/matching/learnt-rerank.ts";

const target = fileURLToPath(new URL("../src/core/matching/rerank-weights.json", import.meta.url));
const model = trainOn(trainingGroups());
writeFileSync(target, `${JSON.stringify(modelToJson(model), null, 2)}\n`);
execFileSync("npx", ["biome", "format", "--write", target], { stdio: "ignore" });
console.log(
  `wrote ${target}: ${model.dense.length} feature weights, ${model.cross.size} word-and-unit weights`,
);
