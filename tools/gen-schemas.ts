/**
 * Writes the JSON Schemas in specs/ from the TypeBox definitions (the single source of the types).
 * `npm run gen:schemas`; test/schemas.test.ts fails when the committed files are stale.
 */
import { writeFileSync } from "node:fs";
import { schemaFiles } from "../src/schemas.ts";

for (const { file, schema } of schemaFiles()) {
  writeFileSync(new URL(`../specs/${file}`, import.meta.url), JSON.stringify(schema, null, 2) + "\n");
  console.log(`wrote specs/${file}`);
}
