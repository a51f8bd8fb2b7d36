/**
 * Regenerates `imports/` from the Flux CRDs with `cdk8s import` (offline: the CRDs are local files).
 * Run with `npm run import`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FLUX_CRD_FILES, fluxCrdsDir } from './flux-crds';

const root = path.join(__dirname, '..');
const dir = fluxCrdsDir();
const out = path.join(root, 'imports');
fs.rmSync(out, { recursive: true, force: true });
for (const { file, prefix } of FLUX_CRD_FILES) {
  const crd = path.join(dir, file);
  if (!fs.existsSync(crd)) {
    throw new Error(`missing CRD file ${crd}; set FLUX_CRDS_DIR to the folder holding the Flux CRDs`);
  }
  const spec = prefix ? `${prefix}:=${crd}` : crd;
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'cdk8s'),
    ['import', '--no-check-upgrade', '--language', 'typescript', '--output', out, spec],
    { stdio: 'inherit', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } },
  );
}
