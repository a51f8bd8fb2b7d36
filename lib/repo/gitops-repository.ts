import { Construct } from 'constructs';
import { FluxDuration } from '../duration';
import { FLUX_SYSTEM_NAMESPACE, INamespaceScope } from '../flux/flux-resource-props';
import { GitRef } from '../flux/git-ref';
import { GitRepository } from '../flux/git-repository';
import { Kustomization } from '../flux/kustomization';
import { ExternalObject } from '../flux/external-object';
import { Application, ApplicationOptions } from './application';
import { FluxComponents } from './flux-components';
import { FluxSystemCustomization, renderFluxSystemCustomization } from './flux-system-customization';
import { FluxSystemFolder } from './flux-system-folder';
import { Layer, LayerName } from './layer';
import { normaliseRepoPath } from './names';
import { overlappingRootIssues } from './repository-roots';
import { SopsDecryptionKey } from './sops-decryption';
import { Issue, fail } from '../errors';
import { IValidatedConstruct } from '../validate/validated-construct';

/** Props of a {@link GitOpsRepository}. */
export interface GitOpsRepositoryProps {
  /** URL Flux clones the repository from: `ssh://git@github.com/org/repo` as `flux bootstrap` writes it, or https. */
  readonly url: string;
  /**
   * The branch Flux syncs.
   * @default "main"
   */
  readonly branch?: string;
  /**
   * Folder of the git repository where this tree lives, e.g. `"cluster-resources"` or `"clusters/production"`.
   * Every Flux `path` is derived from it.
   * @default "" (the repository root)
   */
  readonly path?: string;
  /**
   * Namespace of Flux and of its sync objects.
   * @default "flux-system"
   */
  readonly fluxNamespace?: string;
  /**
   * Secret with the Git credentials, made by `flux bootstrap`. Set `undefined` through `publicRepository` for none.
   * @default "flux-system"
   */
  readonly secretName?: string;
  /**
   * The repository needs no credentials (a public https repository): no `secretRef` is written.
   * @default false
   */
  readonly publicRepository?: boolean;
  /**
   * How often the flux-system GitRepository fetches.
   * @default "1m0s" (as `flux bootstrap` writes it)
   */
  readonly syncInterval?: FluxDuration;
  /**
   * How often the flux-system Kustomization applies the `flux/` folder.
   * @default "10m0s" (as `flux bootstrap` writes it)
   */
  readonly applyInterval?: FluxDuration;
  /**
   * Whether `flux-system/kustomization.yaml` lists `gotk-components.yaml`.
   * @default FluxComponents.AUTO
   */
  readonly fluxComponents?: FluxComponents;
  /**
   * Labels and patches `flux-system/kustomization.yaml` applies to the Flux controllers and the sync objects
   * (Flux's bootstrap customization), e.g. controller flags.
   * @default none: the folder lists its files only
   */
  readonly fluxSystem?: FluxSystemCustomization;
  /**
   * The key the cluster decrypts SOPS-encrypted files with. Required as soon as an application holds a `SopsSecret`.
   * @default no decryption key
   */
  readonly sops?: SopsDecryptionKey;
}

/** A repository's SOPS decryption key with its defaults applied. */
export interface ResolvedSopsKey {
  readonly ageRecipient?: string;
  readonly pgpFingerprint?: string;
  readonly secretName: string;
}

function resolveSopsKey(key: SopsDecryptionKey, path: string): ResolvedSopsKey {
  const where = { constructPath: path };
  if (key.ageRecipient === undefined && key.pgpFingerprint === undefined) {
    fail({
      ...where,
      field: 'sops',
      message: 'names no key',
      fix: 'set ageRecipient ("age1...") and/or pgpFingerprint (40 hex digits)',
    });
  }
  if (key.ageRecipient !== undefined && !/^age1[02-9ac-hj-np-z]{58}$/.test(key.ageRecipient)) {
    fail({
      ...where,
      field: 'sops.ageRecipient',
      value: key.ageRecipient,
      message: 'is not an age recipient',
      fix: 'use the public key printed by `age-keygen -y key.txt` ("age1" and 58 more characters)',
    });
  }
  const fp = key.pgpFingerprint?.replace(/\s+/g, '').toUpperCase();
  if (fp !== undefined && !/^[0-9A-F]{40}$/.test(fp)) {
    fail({
      ...where,
      field: 'sops.pgpFingerprint',
      value: key.pgpFingerprint,
      message: 'is not a PGP fingerprint',
      fix: 'use the 40 hex digits printed by `gpg --list-keys --with-colons` (fpr line)',
    });
  }
  return {
    ageRecipient: key.ageRecipient,
    pgpFingerprint: fp,
    secretName: key.secretName ?? (key.ageRecipient !== undefined ? 'sops-age' : 'sops-gpg'),
  };
}

/**
 * A Flux GitOps repository tree: the flux-system sync, layers of applications, and a Flux Kustomization per
 * application, all under `path`.
 *
 * @example
 *   const repo = new GitOpsRepository(app, 'homelab', { url: 'ssh://git@github.com/me/homelab', path: 'cluster' });
 *   const certManager = repo.infrastructure('cert-manager', { namespace: 'cert-manager' });
 *   const podinfo = repo.service('podinfo', { dependsOn: [certManager] });
 */
export class GitOpsRepository extends Construct implements INamespaceScope, IValidatedConstruct {
  /** The tree's folder inside the git repository (`""` for the root). */
  public readonly rootPath: string;
  /** The namespace of Flux and its sync objects. */
  public readonly fluxNamespace: string;
  public readonly defaultFluxNamespace: string;
  /** The flux-system GitRepository (in `flux/flux-system/gotk-sync.yaml`): the source of every application. */
  public readonly syncSource: GitRepository;
  /** The flux-system Kustomization, which applies `<root>/flux`. */
  public readonly syncKustomization: Kustomization;
  /** The cluster's SOPS decryption key, when declared. */
  public readonly sopsKey?: ResolvedSopsKey;
  private readonly fluxScope: Construct;

  constructor(scope: Construct, id: string, props: GitOpsRepositoryProps) {
    super(scope, id);
    this.rootPath = normaliseRepoPath(props.path ?? '', { path: this.node.path, field: 'path' });
    this.fluxNamespace = props.fluxNamespace ?? FLUX_SYSTEM_NAMESPACE;
    this.defaultFluxNamespace = this.fluxNamespace;
    this.fluxScope = new Construct(this, 'Flux');
    const fluxPath = [this.rootPath, 'flux'].filter((s) => s !== '').join('/');
    const system = new FluxSystemFolder(
      this.fluxScope,
      'flux-system',
      { folderPath: `${fluxPath}/flux-system`, treeRoot: this.rootPath },
      props.fluxComponents ?? FluxComponents.AUTO,
      props.fluxSystem === undefined ? {} : renderFluxSystemCustomization(props.fluxSystem, this.node.path),
    );
    const secretName = props.publicRepository ? undefined : (props.secretName ?? 'flux-system');
    this.syncSource = new GitRepository(system, 'flux-system', {
      namespace: this.fluxNamespace,
      url: props.url,
      ref: GitRef.branch(props.branch ?? 'main'),
      interval: props.syncInterval ?? '1m0s',
      secretName,
    });
    if (secretName !== undefined) {
      // Made by `flux bootstrap`, never by synth: declared so that the secretRef above resolves.
      new ExternalObject(this, 'GitCredentials', {
        apiVersion: 'v1',
        kind: 'Secret',
        name: secretName,
        namespace: this.fluxNamespace,
      });
    }
    if (props.sops !== undefined) {
      this.sopsKey = resolveSopsKey(props.sops, this.node.path);
      // Created out of band with the private key, never by synth: declared so that decryption.secretRef resolves.
      new ExternalObject(this, 'SopsKeySecret', {
        apiVersion: 'v1',
        kind: 'Secret',
        name: this.sopsKey.secretName,
        namespace: this.fluxNamespace,
      });
    }
    this.syncKustomization = new Kustomization(system, 'flux-system-sync', {
      name: 'flux-system',
      namespace: this.fluxNamespace,
      source: this.syncSource,
      path: `./${fluxPath}`,
      interval: props.applyInterval ?? '10m0s',
      prune: true,
    });
  }

  /** The layer `name` (made on first use): folders `<root>/<name>/` and `<root>/flux/<name>/`. */
  public layer(name: string): Layer {
    const existing = this.node.tryFindChild(name);
    if (existing instanceof Layer) return existing;
    return new Layer(this, name, this.fluxScope);
  }

  /** Adds an application to the `infrastructure` layer. */
  public infrastructure(name: string, options: ApplicationOptions = {}): Application {
    return this.layer(LayerName.INFRASTRUCTURE).addApplication(name, options);
  }

  /** Adds an application to the `services` layer. */
  public service(name: string, options: ApplicationOptions = {}): Application {
    return this.layer(LayerName.SERVICES).addApplication(name, options);
  }

  /** Every layer, in the order they were first used. */
  public get layers(): Layer[] {
    return this.node.children.filter((c): c is Layer => c instanceof Layer);
  }

  /** Every application of every layer. */
  public get applications(): Application[] {
    return this.layers.flatMap((l) => l.applications);
  }

  /**
   * Checked at synth: the repositories of one app (the clusters of a fleet) each write to a folder of their own; two
   * in one folder, or one inside another, are reported at the later one.
   */
  public validateIssues(): Issue[] {
    const repositories = this.node.root.node.findAll().filter((c) => c instanceof GitOpsRepository);
    return overlappingRootIssues(this, repositories.slice(0, repositories.indexOf(this)));
  }
}
