// Validates rendered Kubernetes objects offline against the API schemas that the kubernetes-models package compiles
// (types, required fields, enums, formats), and writes them as one JSON array for the .NET manifest tests.
// Usage: node validate.mjs <rendered.yaml> <objects.json>
// The schemas do not reject unknown fields: the .NET tests read the fields that matter, so a misspelled one fails there.
import { readFile, writeFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node validate.mjs <rendered.yaml> <objects.json>");
  process.exit(2);
}

const failures = [];
const objects = [];
for (const document of parseAllDocuments(await readFile(input, "utf8"))) {
  if (document.errors.length > 0) {
    failures.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }

  const object = document.toJS();
  if (object == null) {
    continue;
  }

  if (object.kind === "Secret" && object.data) {
    // kustomize folds long base64 values over lines; the API server's base64 decoder skips line breaks, the schema does not.
    for (const key of Object.keys(object.data)) {
      object.data[key] = String(object.data[key]).replace(/\s+/g, "");
    }
  }

  const name = `${object.apiVersion}/${object.kind} ${object.metadata?.name ?? "(no name)"}`;
  const model = await modelOf(object.apiVersion, object.kind);
  if (model === undefined) {
    failures.push(`${name}: no schema for this apiVersion and kind`);
    continue;
  }

  try {
    new model(object).validate();
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }

  objects.push(object);
}

if (objects.length === 0) {
  failures.push(`${input}: no objects`);
}

if (failures.length > 0) {
  console.error(`${input}: ${failures.length} invalid:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}

await writeFile(output, JSON.stringify(objects, null, 1));
console.log(`${input}: ${objects.length} objects valid`);

// kubernetes-models has one module per API group and version ("apps/v1", core "v1"), exporting a class per kind.
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
    return undefined;
  }

  try {
    return (await import(`kubernetes-models/${apiVersion}`))[kind];
  } catch {
    return undefined;
  }
}
