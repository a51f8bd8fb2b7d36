import {
  FluxInstance,
  FluxInstanceSource,
  InputProviderType,
  ResourceSet,
  ResourceSetInputProvider,
  ResourceSetInputs,
  formatIssue,
} from '../../lib';
import { service, specOf, synthErrorOf } from './fixture';

const PATH = 'r/services/x/FluxInstance/flux';

describe('FluxInstance and ResourceSet bad inputs', () => {
  test('GIVEN a FluxInstance with a bad name, Git ref and patch target WHEN synthesized THEN every problem is reported', () => {
    const { a } = service('x');
    const made = new FluxInstance(a, 'flux', {
      name: 'main',
      sync: { source: FluxInstanceSource.git('https://github.com/o/fleet', { ref: 'main' }), path: 'clusters/a' },
      patches: [{ patch: 'x: 1', target: { kind: 'Deployment', namespace: 'flux-system' } }],
    });
    expect(synthErrorOf(made).issues.map(formatIssue)).toEqual([
      `${PATH}: name "main" is not accepted: the operator reconciles only a FluxInstance named "flux"; leave the name out (it defaults to "flux")`,
      `${PATH}: sync.ref "main" is not a full Git ref name; use "refs/heads/<branch>" or "refs/tags/<tag>"`,
      `${PATH}: patches[0].target.namespace "flux-system" must not be set: the operator applies every patch in the instance namespace; drop target.namespace`,
    ]);
  });

  test('GIVEN a ResourceSet reading an input no input set has WHEN synthesized THEN the key is named', () => {
    const { a } = service('x');
    const made = new ResourceSet(a, 'rs', {
      inputs: [{ tenant: 'a' }],
      resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.team >>' } }],
    });
    expect(synthErrorOf(made).issues.map(formatIssue)).toEqual([
      'r/services/x/ResourceSet/rs: inputs "team" is read by the resources, but no input set has it; add "team" to every input set, or fix the template',
    ]);
  });

  test('GIVEN a ResourceSet reading a provider of another namespace WHEN synthesized THEN it is refused as every reference without a namespace is', () => {
    const { a } = service('x');
    const team = new ResourceSetInputProvider(a, 'team', {
      namespace: 'apps',
      type: InputProviderType.STATIC,
      defaultValues: { tenant: 'a' },
    });
    const made = new ResourceSet(a, 'rs', {
      inputsFrom: [ResourceSetInputs.from(team)],
      resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.tenant >>' } }],
    });
    expect(synthErrorOf(made).issues.map(formatIssue)).toEqual([
      'r/services/x/ResourceSet/rs: inputsFrom[0] "apps/team" is in another namespace than this object ("flux-system"); Flux looks for the ResourceSetInputProvider in the same namespace; make the ResourceSetInputProvider in namespace "flux-system"',
    ]);
  });

  test('GIVEN the tenants default service accounts for decryption and kubeconfigs WHEN set without the workload identity lockdown THEN both are refused, and written with it', () => {
    const accounts = {
      tenantDefaultDecryptionServiceAccount: 'sops',
      tenantDefaultKubeConfigServiceAccount: 'remote',
    };
    const { a } = service('x');
    const bad = new FluxInstance(a, 'flux', { cluster: { multitenant: true, ...accounts } });
    expect(synthErrorOf(bad).issues.map(formatIssue)).toEqual(
      Object.entries(accounts).map(
        ([field, value]) =>
          `${PATH}: cluster.${field} "${value}" has no effect without the multi-tenancy lockdown of workload identity; set cluster.multitenantWorkloadIdentity (and objectLevelWorkloadIdentity) to true, or leave it out`,
      ),
    );
    const cluster = {
      multitenant: true,
      objectLevelWorkloadIdentity: true,
      multitenantWorkloadIdentity: true,
      ...accounts,
    };
    const good = new FluxInstance(service('y').a, 'flux', { cluster });
    expect(specOf(good).cluster).toStrictEqual(cluster);
  });
});
