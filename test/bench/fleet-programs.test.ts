import { parseAllDocuments } from 'yaml';
import { fleetApplications } from '../../scripts/bench/fleet';
import { sealFleetSecrets } from '../../scripts/bench/fleet-secrets';
import { writeFloorFleet } from '../../scripts/bench/floor-program';
import { synthFluxFleet } from '../../scripts/bench/flux-program';
import { synthRawFleet } from '../../scripts/bench/raw-program';
import { readTreeFiles, tempDir } from '../support/temp';

/** A value with the keys of every object sorted, so that equal objects print equal. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** Every object of every YAML file under `dir` (not the hidden `.cdk8s-flux.yaml`), as sorted JSON text, sorted. */
function objectsOf(dir: string): string[] {
  return [...readTreeFiles(dir).entries()]
    .filter(([file]) => file.endsWith('.yaml') && !/(^|\/)\.[^/]*$/.test(file))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => JSON.stringify(sortKeys(d.toJS()))))
    .sort();
}

const kindsOf = (objects: readonly string[]) =>
  objects.map((o) => (JSON.parse(o) as { kind: string }).kind).sort((a, b) => (a < b ? -1 : 1));

describe('the three programs of the benchmark', () => {
  const applications = fleetApplications(3);

  test.each([
    ['without secrets', false],
    ['with a SOPS secret per application', true],
  ])(
    'GIVEN a fleet of 3 applications %s WHEN each program writes it THEN they write the same objects',
    async (_, withSecrets) => {
      const secretsDir = withSecrets ? tempDir('cdk8s-flux-bench-secrets-') : undefined;
      const ageRecipient = secretsDir === undefined ? undefined : await sealFleetSecrets(secretsDir, applications);
      const fleet = { applications, secretsDir, ageRecipient };
      const [flux, raw, floor] = [tempDir(), tempDir(), tempDir()];
      synthFluxFleet(fleet, flux);
      synthRawFleet(fleet, raw);
      writeFloorFleet(fleet, floor);

      const fluxObjects = objectsOf(flux);
      // 3 applications of 4 objects (+ a Secret) and a kustomization.yaml each, the sync pair, 4 folder lists
      const perApp = ['HelmRelease', 'HelmRepository', 'Kustomization', 'Kustomization', 'Namespace'];
      expect(kindsOf(fluxObjects).filter((k) => k !== 'Kustomization' && k !== 'GitRepository')).toEqual(
        perApp
          .filter((k) => k !== 'Kustomization')
          .concat(withSecrets ? ['Secret'] : [])
          .flatMap((k) => [k, k, k])
          .sort(),
      );
      expect(fluxObjects).toHaveLength(3 * (withSecrets ? 6 : 5) + 2 + 4);
      expect(objectsOf(raw)).toEqual(fluxObjects);
      expect(objectsOf(floor)).toEqual(fluxObjects);
    },
  );
});
