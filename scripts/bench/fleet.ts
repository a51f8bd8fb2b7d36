import * as path from 'path';

/** The git repository every benchmark fleet is synced from, and the folder of it that holds the tree. */
export const FLEET_REPOSITORY = { url: 'ssh://git@github.com/example/fleet', branch: 'main', path: 'fleet' } as const;

/** The name of the Secret Flux decrypts the fleet's SOPS files with. */
export const FLEET_SOPS_SECRET = 'sops-age';

/** One application of a fleet: a namespace with a Helm chart from its own Helm repository. */
export interface FleetApplication {
  /** The application's name: its folder, Namespace, HelmRepository, HelmRelease and Flux Kustomization. */
  readonly name: string;
  /** The Helm repository's URL. */
  readonly chartUrl: string;
  /** The chart's version range. */
  readonly chartVersion: string;
  /** The HelmRelease's values. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** A fleet of applications, the same for the three programs the benchmark compares. */
export interface Fleet {
  /** The applications, in order. */
  readonly applications: readonly FleetApplication[];
  /**
   * The folder holding one SOPS-encrypted Secret per application ({@link secretFileOf}) and its `.sops.yaml`.
   * @default no secrets
   */
  readonly secretsDir?: string;
  /**
   * The age recipient the secrets are encrypted for: the repository's cluster key.
   * @default no cluster key (required with `secretsDir`)
   */
  readonly ageRecipient?: string;
}

/** The name of application `i` (0-based): `app-00001`, ... */
export function applicationName(i: number): string {
  return `app-${String(i + 1).padStart(5, '0')}`;
}

/** The Secret of an application: its name, and the encrypted file under the fleet's secrets folder. */
export function secretNameOf(app: FleetApplication): string {
  return `${app.name}-credentials`;
}

/** The encrypted file of an application's Secret. */
export function secretFileOf(secretsDir: string, app: FleetApplication): string {
  return path.join(secretsDir, `${secretNameOf(app)}.yaml`);
}

/** The `n` applications of a fleet, each a little different so that no two objects are equal. */
export function fleetApplications(n: number): FleetApplication[] {
  return Array.from({ length: n }, (_, i) => {
    const name = applicationName(i);
    return {
      name,
      chartUrl: `https://charts.example.com/${name}`,
      chartVersion: `${1 + (i % 7)}.x`,
      values: { replicaCount: 1 + (i % 3), image: { tag: `v1.${i % 10}.0` }, ingress: { host: `${name}.example.com` } },
    };
  });
}

/** The intervals cdk8s-flux writes by default, which the raw cdk8s program and the floor write explicitly. */
export const FLEET_INTERVALS = {
  helmRepository: '1m',
  helmRelease: '5m',
  kustomization: '10m',
  sync: '1m0s',
  apply: '10m0s',
} as const;

/** The folder of the tree (relative to the output folder) that holds the Flux Kustomizations of the applications. */
export const FLUX_SERVICES_FOLDER = `${FLEET_REPOSITORY.path}/flux/services`;

/** The folder of the `flux bootstrap` objects. */
export const FLUX_SYSTEM_FOLDER = `${FLEET_REPOSITORY.path}/flux/flux-system`;

/** The folder of an application's objects, relative to the output folder. */
export function applicationFolder(app: FleetApplication): string {
  return `${FLEET_REPOSITORY.path}/services/${app.name}`;
}

/** The files of an application's folder, by object, as cdk8s-flux names them. */
export function applicationFiles(app: FleetApplication) {
  return {
    namespace: `namespace-${app.name}.yaml`,
    helmRepository: `helmrepository-${app.name}.yaml`,
    helmRelease: `helmrelease-${app.name}.yaml`,
    secret: `secret-${secretNameOf(app)}.yaml`,
  };
}

/** The `resources` of an application folder's `kustomization.yaml`, sorted. */
export function applicationResources(app: FleetApplication, withSecret: boolean): string[] {
  const files = applicationFiles(app);
  const all = [files.helmRelease, files.helmRepository, files.namespace, ...(withSecret ? [files.secret] : [])];
  return all.sort();
}

/** A `kustomization.yaml` listing `resources`. */
export function kustomizeConfig(resources: readonly string[]): Record<string, unknown> {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
}
