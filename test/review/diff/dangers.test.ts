import * as fs from 'fs';
import * as path from 'path';
import { ObjectChange, allChanges } from '../../../lib/review/diff/diff-model';
import { diffTrees } from '../../../lib/review/diff/diff-trees';
import { FileEdit, copyWithEdits } from '../../support/tree-edit';

const EXAMPLE_TREE = path.join(__dirname, '..', '..', '..', 'dist');

type Edits = Readonly<Record<string, FileEdit>>;

const HELM = 'cluster-resources/services/podinfo-helm';
const HELM_KS = 'cluster-resources/flux/services/podinfo-helm.yaml';
const INGRESS = 'cluster-resources/infrastructure/ingress-nginx';

/** The object as one line: `changed Deployment/podinfo/web: immutable-field spec.selector`, dangers sorted. */
const brief = (o: ObjectChange) => {
  const dangers = o.dangers.map((d) => `${d.kind}${d.field === undefined ? '' : ` ${d.field}`}`).sort();
  return `${o.change} ${o.id}: ${dangers.length === 0 ? 'no danger' : dangers.join(', ')}`;
};

/** Adds `file` (in the podinfo-helm folder, namespace podinfo) to what that folder's kustomization.yaml lists. */
const withResource = (file: string, yaml: string): Edits => ({
  [`${HELM}/${file}`]: yaml,
  [`${HELM}/kustomization.yaml`]: (t) => t.replace('resources:\n', `resources:\n  - ${file}\n`),
});

/** Drops `file` from its folder and from the folder's kustomization.yaml. */
const withoutResource = (folder: string, file: string): Edits => ({
  [`${folder}/${file}`]: null,
  [`${folder}/kustomization.yaml`]: (t) => t.replace(`  - ${file}\n`, ''),
});

/** Sets a field right under `spec:` of a Flux object's file. */
const withSpec = (file: string, line: string): Edits => ({ [file]: (t) => t.replace('spec:\n', `spec:\n  ${line}\n`) });

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    listKind: WidgetList
    plural: widgets
    singular: widget
  scope: Namespaced
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          type: object
      served: true
      storage: true
`;

const pvc = (storageClass = 'fast') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: podinfo
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
  storageClassName: ${storageClass}
`;

const statefulSet = (storage = '1Gi') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: podinfo
spec:
  selector:
    matchLabels:
      app: db
  serviceName: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - image: postgres:17
          name: postgres
  volumeClaimTemplates:
    - metadata:
        name: pgdata
      spec:
        accessModes:
          - ReadWriteOnce
        resources:
          requests:
            storage: ${storage}
`;

const deployment = (app = 'web', image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: podinfo
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - image: ${image}
          name: web
`;

const service = (clusterIP = '10.43.0.10') => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: podinfo
spec:
  clusterIP: ${clusterIP}
  ports:
    - port: 80
  selector:
    app: web
`;

const job = (image = 'migrate:1') => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: podinfo
spec:
  template:
    spec:
      containers:
        - image: ${image}
          name: migrate
      restartPolicy: Never
`;

const configMap = (immutable: boolean, level = 'info') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: podinfo
data:
  LOG_LEVEL: ${level}
${immutable ? 'immutable: true\n' : ''}`;

const helmRepository = fs.readFileSync(path.join(EXAMPLE_TREE, HELM, 'helmrepository-podinfo.yaml'), 'utf8');

/** The HelmRepository of podinfo moves from the podinfo-helm folder to the ingress-nginx one. */
const movedRepository: Edits = {
  ...withoutResource(HELM, 'helmrepository-podinfo.yaml'),
  [`${INGRESS}/helmrepository-podinfo.yaml`]: helmRepository,
  [`${INGRESS}/kustomization.yaml`]: (t) => t.replace('resources:\n', 'resources:\n  - helmrepository-podinfo.yaml\n'),
};

/** The Flux Kustomization podinfo-helm leaves the tree, with the folder it applies. */
const withoutHelmKustomization: Edits = {
  [HELM_KS]: null,
  'cluster-resources/flux/services/kustomization.yaml': (t) => t.replace('  - podinfo-helm.yaml\n', ''),
};

const noPrune: Edits = { [HELM_KS]: (t) => t.replace('prune: true', 'prune: false') };

interface Row {
  /** The edits of the old state (the base), made on a copy of the example tree. */
  readonly before?: Edits;
  /** The edits of the new state, made on another copy. */
  readonly after?: Edits;
  /** Every object change, as {@link brief} writes it, sorted. */
  readonly expected: readonly string[];
}

/** Every danger the diff flags, and the look-alike changes it must not flag. */
const TABLE: Readonly<Record<string, Row>> = {
  // deletions prune carries out
  'a Namespace pruned': {
    after: withoutResource(INGRESS, 'namespace-ingress-nginx.yaml'),
    expected: ['removed Namespace/ingress-nginx: prune-deletes-data'],
  },
  'a CRD pruned': {
    before: withResource('crd-widgets.yaml', CRD),
    expected: ['removed CustomResourceDefinition/widgets.example.com: prune-deletes-data'],
  },
  'a PVC pruned': {
    before: withResource('pvc-data.yaml', pvc()),
    expected: ['removed PersistentVolumeClaim/podinfo/data: prune-deletes-data'],
  },
  'a StatefulSet pruned': {
    before: withResource('statefulset-db.yaml', statefulSet()),
    expected: ['removed StatefulSet/podinfo/db: prune-deletes-data'],
  },
  'a HelmRelease pruned (its release is uninstalled)': {
    after: withoutResource(HELM, 'helmrelease-podinfo.yaml'),
    expected: ['removed HelmRelease/podinfo/podinfo: prune-deletes-data'],
  },
  'a Flux Kustomization removed by a parent that prunes: what it applied is pruned too': {
    after: withoutHelmKustomization,
    expected: [
      'removed HelmRelease/podinfo/podinfo: prune-deletes-data',
      'removed HelmRepository/podinfo/podinfo: no danger',
      'removed Kustomization/flux-system/podinfo-helm: no danger',
      'removed Namespace/podinfo: prune-deletes-data',
    ],
  },
  'a Flux Kustomization with deletionPolicy Orphan removed: what it applied stays': {
    before: withSpec(HELM_KS, 'deletionPolicy: Orphan'),
    after: withoutHelmKustomization,
    expected: [
      'removed HelmRelease/podinfo/podinfo: no danger',
      'removed HelmRepository/podinfo/podinfo: no danger',
      'removed Kustomization/flux-system/podinfo-helm: no danger',
      'removed Namespace/podinfo: no danger',
    ],
  },
  'a Namespace removed from a Kustomization that does not prune (it stays)': {
    before: noPrune,
    after: { ...noPrune, ...withoutResource(HELM, 'namespace-podinfo.yaml') },
    expected: ['removed Namespace/podinfo: no danger'],
  },
  'a Namespace removed that opts out of prune by annotation (it stays)': {
    before: {
      [`${HELM}/namespace-podinfo.yaml`]: (t) =>
        t.replace('metadata:\n', 'metadata:\n  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n'),
    },
    after: withoutResource(HELM, 'namespace-podinfo.yaml'),
    expected: ['removed Namespace/podinfo: no danger'],
  },
  // immutable fields
  'a Deployment selector changed': {
    before: withResource('deployment-web.yaml', deployment()),
    after: withResource('deployment-web.yaml', deployment('website')),
    expected: ['changed Deployment/podinfo/web: immutable-field spec.selector'],
  },
  'a Deployment image changed (mutable)': {
    before: withResource('deployment-web.yaml', deployment()),
    after: withResource('deployment-web.yaml', deployment('web', 'nginx:1.28')),
    expected: ['changed Deployment/podinfo/web: no danger'],
  },
  'a StatefulSet volume claim template changed': {
    before: withResource('statefulset-db.yaml', statefulSet()),
    after: withResource('statefulset-db.yaml', statefulSet('5Gi')),
    expected: ['changed StatefulSet/podinfo/db: immutable-field spec.volumeClaimTemplates'],
  },
  'a Service clusterIP changed': {
    before: withResource('service-web.yaml', service()),
    after: withResource('service-web.yaml', service('10.43.0.11')),
    expected: ['changed Service/podinfo/web: immutable-field spec.clusterIP'],
  },
  'a Job template changed': {
    before: withResource('job-migrate.yaml', job()),
    after: withResource('job-migrate.yaml', job('migrate:2')),
    expected: ['changed Job/podinfo/migrate: immutable-field spec.template'],
  },
  'a PVC storage class changed': {
    before: withResource('pvc-data.yaml', pvc()),
    after: withResource('pvc-data.yaml', pvc('slow')),
    expected: ['changed PersistentVolumeClaim/podinfo/data: immutable-field spec.storageClassName'],
  },
  'the data of a ConfigMap marked immutable changed': {
    before: withResource('configmap-settings.yaml', configMap(true)),
    after: withResource('configmap-settings.yaml', configMap(true, 'debug')),
    expected: ['changed ConfigMap/podinfo/settings: immutable-field data'],
  },
  'the data of a ConfigMap not marked immutable changed': {
    before: withResource('configmap-settings.yaml', configMap(false)),
    after: withResource('configmap-settings.yaml', configMap(false, 'debug')),
    expected: ['changed ConfigMap/podinfo/settings: no danger'],
  },
  // Flux settings
  'a Kustomization suspended': {
    after: withSpec('cluster-resources/flux/infrastructure/ingress-nginx.yaml', 'suspend: true'),
    expected: ['changed Kustomization/flux-system/ingress-nginx: suspended spec.suspend'],
  },
  'a Kustomization resumed': {
    before: withSpec('cluster-resources/flux/infrastructure/ingress-nginx.yaml', 'suspend: true'),
    expected: ['changed Kustomization/flux-system/ingress-nginx: resumed spec.suspend'],
  },
  'a HelmRelease suspended': {
    after: withSpec(`${HELM}/helmrelease-podinfo.yaml`, 'suspend: true'),
    expected: ['changed HelmRelease/podinfo/podinfo: suspended spec.suspend'],
  },
  'prune turned on': {
    before: {
      'cluster-resources/flux/infrastructure/cert-manager.yaml': (t) => t.replace('prune: true', 'prune: false'),
    },
    expected: ['changed Kustomization/flux-system/cert-manager: prune-turned-on spec.prune'],
  },
  'decryption removed': {
    after: { 'cluster-resources/flux/services/podinfo.yaml': (t) => t.replace(/ {2}decryption:\n( {4}.*\n)+/, '') },
    expected: ['changed Kustomization/flux-system/podinfo: decryption-removed spec.decryption'],
  },
  'a chart major version bump': {
    after: { [`${INGRESS}/helmrelease-ingress-nginx.yaml`]: (t) => t.replace('version: 4.x', 'version: 5.x') },
    expected: ['changed HelmRelease/ingress-nginx/ingress-nginx: chart-major-version spec.chart.spec.version'],
  },
  'a chart minor version range (same major)': {
    after: { [`${HELM}/helmrelease-podinfo.yaml`]: (t) => t.replace('version: 6.x', 'version: 6.5.x') },
    expected: ['changed HelmRelease/podinfo/podinfo: no danger'],
  },
  'a dependsOn dropped': {
    after: { 'cluster-resources/flux/services/podinfo-helm.yaml': (t) => t.replace(/ {4}- name: cert-manager\n/, '') },
    expected: ['changed Kustomization/flux-system/podinfo-helm: depends-on-dropped spec.dependsOn'],
  },
  // moves
  'an object moved away from a Kustomization that prunes': {
    after: movedRepository,
    expected: ['moved HelmRepository/podinfo/podinfo: moved-between-kustomizations'],
  },
  'an object moved away from a Kustomization that does not prune': {
    before: noPrune,
    after: { ...noPrune, ...movedRepository },
    expected: ['moved HelmRepository/podinfo/podinfo: no danger'],
  },
};

describe('the dangers of a change to the example tree', () => {
  jest.setTimeout(60_000);

  test.each(Object.entries(TABLE))(
    'GIVEN %s WHEN diffed THEN the objects and dangers are as listed',
    async (_, row) => {
      const before = copyWithEdits(EXAMPLE_TREE, row.before);
      const after = copyWithEdits(EXAMPLE_TREE, row.after);
      const diff = await diffTrees(before, after);
      expect(diff.notCompared).toEqual([]);
      expect(
        allChanges(diff)
          .map((c) => brief(c.object))
          .sort(),
      ).toEqual(row.expected);
    },
  );

  test('GIVEN an immutable field changed WHEN the Kustomization forces or not THEN why says what Flux does', async () => {
    const before = withResource('service-web.yaml', service());
    const after = withResource('service-web.yaml', service('10.43.0.11'));
    const whys = async (extra: Edits) => {
      const diff = await diffTrees(
        copyWithEdits(EXAMPLE_TREE, { ...before, ...extra }),
        copyWithEdits(EXAMPLE_TREE, { ...after, ...extra }),
      );
      return allChanges(diff).flatMap((c) => c.object.dangers.map((d) => d.why));
    };
    expect(await whys({})).toEqual([
      'spec.clusterIP of an existing Service cannot be changed: the API server refuses the change, so Kustomization flux-system/podinfo-helm fails (delete the Service first, or enable force)',
    ]);
    expect(await whys(withSpec(HELM_KS, 'force: true'))).toEqual([
      'spec.clusterIP of an existing Service cannot be changed: with force enabled Flux deletes the Service and creates it again',
    ]);
  });

  test('GIVEN a PVC pruned WHEN diffed THEN why names the Kustomization that prunes and what is lost', async () => {
    const diff = await diffTrees(copyWithEdits(EXAMPLE_TREE, withResource('pvc-data.yaml', pvc())), EXAMPLE_TREE);
    expect(allChanges(diff).map((c) => [c.object.pruned, c.object.dangers.map((d) => d.why)])).toEqual([
      [
        true,
        [
          'prune deletes it (Kustomization flux-system/podinfo-helm has prune: true): deleting a claim frees its volume, which the usual Delete reclaim policy deletes with its data',
        ],
      ],
    ]);
  });
});
