import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { FIXTURE_GENERATIONS, generateFixture } from "./fixture-generations.js";
import { REPO_ROOT } from "./project-copy.js";

// Rewrites test/fixtures/generated/ from the fixture documents: `npx tsx test/support/write-fixture-generations.ts`.
for (const fixture of FIXTURE_GENERATIONS) {
  for (const file of await generateFixture(fixture)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
    process.stdout.write(`wrote ${relative(REPO_ROOT, file.path)}\n`);
  }
}
