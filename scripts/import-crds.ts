/**
 * Regenerates `imports/` from the Flux and Flux Operator CRDs with `cdk8s import` (offline: the CRDs are local files).
 * Run with `npm run import`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FLUX_CRD_FILES, FLUX_OPERATOR_CRD_FILES, fluxCrdsDir, fluxOperatorCrdsDir } from './flux-crds';

const root = path.join(__dirname, '..');
const out = path.join(root, 'imports');

function requireCrd(dir: string, file: string, variable: string): string {
  const crd = path.join(dir, file);
  if (!fs.existsSync(crd)) throw new Error(`missing CRD file ${crd}; set ${variable} to the folder holding it`);
  return crd;
}

function cdk8sImport(spec: string): void {
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'cdk8s'),
    ['import', '--no-check-upgrade', '--language', 'typescript', '--output', out, spec],
    { stdio: 'inherit', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } },
  );
}

// The generated bindings are replaced; index.ts (the `cdk8s-flux/imports` entry point) is ours and stays.
const ENTRY_POINT = 'index.ts';
for (const name of fs.existsSync(out) ? fs.readdirSync(out) : []) {
  if (name !== ENTRY_POINT) fs.rmSync(path.join(out, name), { recursive: true, force: true });
}
const fluxDir = fluxCrdsDir();
for (const { file, prefix } of FLUX_CRD_FILES) {
  const crd = requireCrd(fluxDir, file, 'FLUX_CRDS_DIR');
  cdk8sImport(prefix ? `${prefix}:=${crd}` : crd);
}
// One file per kind, one API group: imported as one multi-document file, so that they land in one module.
const operatorDir = fluxOperatorCrdsDir();
const texts = FLUX_OPERATOR_CRD_FILES.map((f) =>
  fs.readFileSync(requireCrd(operatorDir, f, 'FLUX_OPERATOR_CRDS_DIR'), 'utf8'),
);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-operator-crds-'));
try {
  const combined = path.join(temp, 'flux-operator.yaml');
  fs.writeFileSync(combined, texts.map((t) => t.replace(/^---\n/, '')).join('\n---\n'));
  cdk8sImport(combined);
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
