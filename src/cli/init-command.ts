import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { CONFIG_FILE } from "../config/read-config.ts";
import { TOOL_PACKAGE, TOOL_ROOT } from "../tool-root.ts";
import { UserError } from "../user-error.ts";
import { COMMON_HELP, COMMON_OPTIONS, type CliIO, type Command, type OptionValues } from "./command.ts";

export const initCommand: Command = {
  name: "init",
  summary: "create a project folder: config, reference tables, a sample export, a commentary folder",
  help: `veiligheidsbeeld init — create a new project folder

Usage: veiligheidsbeeld init [--example bvh|open-data] <folder>

Creates <folder> (it must not exist, or be empty) with:
  veiligheidsbeeld.config.json   the config: scope, reports, paths (see README, Configuration)
  data/reference/                the reference tables (CBS areas, INP classification, population,
                                 an illustrative basisteam mapping), copied from the tool
  data/realdata/                 the national figures the gebiedsscan compares with (CBS/Politie,
                                 registered crime per gemeente per year, CC BY 4.0), copied from the tool
  data/exports/                  a small sample export (two monthly deliveries, four gemeenten,
                                 invented rows): replace it with your own BVH exports
  data/commentary/               for the analyst's commentary (empty; \`serve\` watches it)
  package.json, node_modules/    link the folder to this installation of the tool, so that
                                 \`npx veiligheidsbeeld …\` works inside it
  .gitignore                     leaves dist/ and .cache/ out of version control

Then: cd <folder> && npx veiligheidsbeeld validate && npx veiligheidsbeeld build

With --example open-data the export is instead a real download of the police open-data portal
(fietsdiefstal in Amsterdam: the gemeente, its wijken and buurten, 2020–2024, CC BY 4.0), copied
unchanged, and the config builds the gebiedsscan 2024 of Amsterdam from it: only real figures.

Options:
  --example <name>   bvh (default: the invented sample BVH export) or open-data
${COMMON_HELP}

Exit codes: 0 created · 2 no folder named, or the folder is not empty`,
  options: { ...COMMON_OPTIONS, example: { type: "string" } },
  positionals: 1,
  run: init,
};

const STARTER_GEMEENTEN = ["GM0331", "GM0335", "GM0589", "GM0632"];

/** The national figures of the gebiedsscan's comparison with Nederland (src/reference/national-figures.ts). */
const NATIONAL_FILE = "misdrijven-gemeente-jaar.csv";

const REALDATA_README = `# National figures

\`${NATIONAL_FILE}\` — registered crimes per gemeente (current boundaries) per year 2012–2025 for 12
soorten misdrijf (1.1.1, 1.1.2, 1.2.1, 1.2.2, 1.2.3, 1.4.2, 1.4.4, 1.4.5, 2.2.1, 2.5.1, 3.1.1, 3.1.3), with
\`GM0000\` for crimes that cannot be assigned to a gemeente. The gebiedsscan sums it to Nederland to
compare an area per 1.000 inwoners (section "Vergeleken met de eenheid en Nederland").

Bron: CBS / Politie, table 47018NED (registered crime), licence CC BY 4.0. Copied by \`veiligheidsbeeld
init\` from the tool's data/realdata/. Without it the gebiedsscan leaves the comparison out and says why.
`;

/** The real open-data download the open-data example is made from (data/realdata/README.md). */
const OPEN_DATA_EXAMPLE = "politie-open-data-export-amsterdam-fietsdiefstal.csv";

async function init(values: OptionValues, positionals: string[], io: CliIO): Promise<number> {
  const [name] = positionals;
  if (!name) throw new UserError("Name the folder to create: veiligheidsbeeld init <folder>", { exitCode: 2 });
  const example = values.example ?? "bvh";
  if (example !== "bvh" && example !== "open-data") {
    throw new UserError(`--example: "${String(example)}" is not an example`, { hint: "Use --example bvh (the default) or --example open-data.", exitCode: 2 });
  }
  const dir = path.resolve(io.cwd, name);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw new UserError(`Cannot use ${dir} as a project folder (${error.code})`, { hint: "Name a new folder, or an empty one.", exitCode: 2 });
  });
  if (existing.length > 0) {
    throw new UserError(`${dir} is not empty`, { hint: "init only writes into a new or empty folder, so it never overwrites your files. Name another folder.", exitCode: 2 });
  }

  await mkdir(path.join(dir, "data", "exports"), { recursive: true });
  await mkdir(path.join(dir, "data", "commentary"), { recursive: true });
  await cp(path.join(TOOL_ROOT, "data", "reference"), path.join(dir, "data", "reference"), { recursive: true });
  // The gebiedsscan compares with Nederland from this table; without it the comparison is left out.
  await mkdir(path.join(dir, "data", "realdata"), { recursive: true });
  await cp(path.join(TOOL_ROOT, "data", "realdata", NATIONAL_FILE), path.join(dir, "data", "realdata", NATIONAL_FILE));
  await writeFile(path.join(dir, "data", "realdata", "README.md"), REALDATA_README);
  const starter = path.join(TOOL_ROOT, "data", "sample", "starter");
  if (example === "open-data") await cp(path.join(TOOL_ROOT, "data", "realdata", OPEN_DATA_EXAMPLE), path.join(dir, "data", "exports", OPEN_DATA_EXAMPLE));
  else await cp(path.join(starter, "exports"), path.join(dir, "data", "exports"), { recursive: true });
  await cp(path.join(starter, "basisteams-voorbeeld.csv"), path.join(dir, "data", "reference", "basisteams-voorbeeld.csv"));
  const config = example === "open-data" ? openDataConfig(path.basename(dir)) : starterConfig(path.basename(dir));
  await writeFile(path.join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(path.join(dir, ".gitignore"), "dist/\n.cache/\nnode_modules/\n");
  await linkTool(dir);

  const shown = path.relative(io.cwd, dir) || ".";
  if (example === "open-data") {
    io.stdout.write(`created ${shown}/ with the police open-data download of fietsdiefstal in Amsterdam (data/exports, unchanged),
a config for the gebiedsscan 2024 of Amsterdam, the reference tables and the national figures

next:
  cd ${shown}
  npx veiligheidsbeeld validate     # names the format it recognised; writes dist/kwaliteit/
  npx veiligheidsbeeld build        # the gebiedsscan 2024: Amsterdam, its wijken and top buurten

Put another download of the open-data portal or CBS StatLine (soort misdrijf, perioden, wijken en
buurten or regio's, aantal) in data/exports/ as it is, and set "scope" to its gemeenten.
`);
    return 0;
  }
  io.stdout.write(`created ${shown}/ with a config, the reference tables, the national figures (data/realdata), a sample export (data/exports) and data/commentary/

next:
  cd ${shown}
  npx veiligheidsbeeld validate     # check the exports: writes dist/kwaliteit/2025-12.html
  npx veiligheidsbeeld build        # build the reports into dist/
  npx veiligheidsbeeld serve        # preview while you edit commentary or layouts

Then replace the sample in data/exports/ with your own BVH exports (one file per monthly delivery,
the month in the name: bvh-export-jjjj-mm.csv), set "scope" to your gemeenten in ${CONFIG_FILE},
and put your own buurt → basisteam mapping in data/reference/ (the one there is illustrative).
`);
  return 0;
}

function starterConfig(title: string): Record<string, unknown> {
  return {
    title: `Veiligheidsbeeld ${title}`,
    organisation: "Politie (voorbeeld)",
    scope: { gemeenten: STARTER_GEMEENTEN },
    paths: { exports: "data/exports", reference: "data/reference", realdata: "data/realdata", commentary: "data/commentary", output: "dist" },
    reference: { basisteams: "basisteams-voorbeeld.csv", basisteamsIllustrative: true },
    voorlopig: [2025],
    reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
  };
}

/**
 * The open-data example: Amsterdam, the gebiedsscan of the last year of the download. The
 * download holds one soort and whole years, so the gebiedsscan says what it cannot show (months,
 * other soorten) instead of showing zeros.
 */
function openDataConfig(title: string): Record<string, unknown> {
  return {
    title: `Veiligheidsbeeld ${title}`,
    organisation: "Politie (voorbeeld)",
    scope: { gemeenten: ["GM0363"] },
    paths: { exports: "data/exports", reference: "data/reference", realdata: "data/realdata", commentary: "data/commentary", output: "dist" },
    reference: { basisteams: "basisteams-voorbeeld.csv", basisteamsIllustrative: true },
    reports: [{ definition: "gebiedsscan", periods: ["2024"] }],
  };
}

/**
 * What `npm install` does for a `file:` dependency, without npm and without the network: a
 * package.json naming the tool, node_modules/veiligheidsbeeld linking to it and the command in
 * node_modules/.bin. `npx veiligheidsbeeld` in the folder then runs this installation.
 */
async function linkTool(dir: string): Promise<void> {
  const toolPackage = TOOL_PACKAGE;
  const relativeTool = path.relative(dir, TOOL_ROOT) || ".";
  const manifest = {
    name: path.basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "veiligheidsbeeld-project",
    private: true,
    scripts: { validate: "veiligheidsbeeld validate", build: "veiligheidsbeeld build", serve: "veiligheidsbeeld serve" },
    devDependencies: { [toolPackage.name]: `file:${relativeTool.split(path.sep).join("/")}` },
  };
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const modules = path.join(dir, "node_modules");
  await mkdir(path.join(modules, ".bin"), { recursive: true });
  await symlink(path.relative(modules, TOOL_ROOT) || ".", path.join(modules, toolPackage.name), "dir");
  for (const [command, file] of Object.entries(toolPackage.bin)) {
    await symlink(path.join("..", toolPackage.name, file), path.join(modules, ".bin", command));
  }
}
