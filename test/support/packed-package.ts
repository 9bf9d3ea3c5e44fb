import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPackage } from "../../scripts/lib/build/build-package.js";
import { copyProject, type ProjectCopy } from "./project-copy.js";
import { runProcess } from "./run-process.js";

export interface PackedPackage {
  /** The tarball `npm pack` made of a fresh build. */
  tarball: string;
  /** Where the tarball is: a temp folder for consumers to be made in. */
  folder: string;
  project: ProjectCopy;
  remove(): Promise<void>;
}

/** What a build and a tarball need beyond what every project copy has. */
const PACKAGE_ENTRIES = ["tsconfig.build.json", "tsconfig.build.cjs.json", "README.md", "LICENSE"];

/** Builds the package in a copy of the project (as `npm run build` does) and packs it, as a release would. */
export async function packPackage(): Promise<PackedPackage> {
  const project = await copyProject(PACKAGE_ENTRIES);
  const folder = await mkdtemp(join(tmpdir(), "devin-v3-packed-"));
  const remove = async () => {
    await project.remove();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await buildPackage(project.root);
    // The build is fresh: npm's prepare (the same build) need not run again.
    const pack = await runProcess("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", folder], {
      cwd: project.root,
    });
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const tarball = (await readdir(folder)).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("npm pack made no tarball");
    return { tarball: join(folder, tarball), folder, project, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** A consumer project in `folder` with the tarball installed (no scripts, from npm's cache). */
export async function installConsumer(folder: string, tarball: string, manifest: object = {}): Promise<void> {
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "consumer", private: true, ...manifest }));
  const install = await runProcess(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", tarball],
    { cwd: folder, timeoutMs: 180_000 },
  );
  if (install.code !== 0) throw new Error(`npm install failed: ${install.stderr}`);
}
