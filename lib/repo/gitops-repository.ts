import { Construct } from 'constructs';
import { FluxDuration } from '../duration';
import { FluxInstance, IFluxInstanceSyncSource } from '../flux/flux-instance';
import { FluxInstanceSource } from '../flux/flux-instance-source';
import { FLUX_SYSTEM_NAMESPACE, INamespaceScope } from '../flux/flux-resource-props';
import { GitRef } from '../flux/git-ref';
import { GitRepository } from '../flux/git-repository';
import { IKustomization, Kustomization } from '../flux/kustomization';
import { ExternalObject } from '../flux/external-object';
import { Application, ApplicationOptions } from './application';
import { Bootstrap, BootstrapKind } from './bootstrap';
import { FluxComponents } from './flux-components';
import { FluxSystemCustomization, renderFluxSystemCustomization } from './flux-system-customization';
import { FluxSystemFolder } from './flux-system-folder';
import { FLUX_INSTANCE_FILE, OperatorSystemFolder } from './operator-system-folder';
import { TreeFolder } from './tree-folder';
import { Layer, LayerName } from './layer';
import { normaliseRepoPath, repoPathProblem } from './names';
import { FolderOptions } from './folder-options';
import { PlainFolder, PlainFolderOptions } from './plain-folder';
import { overlappingRootIssues } from './repository-roots';
import { ResolvedSopsKey, SopsDecryptionKey, resolveSopsKey } from '../secrets/sops-decryption-key';
import { Issue } from '../errors';
import { IValidatedConstruct } from '../validate/validated-construct';

/** Props of a {@link GitOpsRepository}. */
export interface GitOpsRepositoryProps {
  /**
   * URL Flux clones the repository from: `ssh://git@github.com/org/repo` as `flux bootstrap` writes it, or https.
   * With `Bootstrap.fluxOperator({ source })`, the source's URL is synced instead.
   */
  readonly url: string;
  /**
   * How the cluster is bootstrapped: `flux bootstrap` (`flux/flux-system/gotk-sync.yaml`) or the Flux Operator
   * (`flux/flux-system/flux-instance.yaml`).
   * @default Bootstrap.fluxBootstrap()
   */
  readonly bootstrap?: Bootstrap;
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
   * How often the flux-system GitRepository fetches (with the Flux Operator: `sync.interval`, which is also how
   * often its Kustomization applies).
   * @default "1m0s" (as `flux bootstrap` writes it); with the Flux Operator, the operator's default "1m"
   */
  readonly syncInterval?: FluxDuration;
  /**
   * How often the flux-system Kustomization applies the `flux/` folder; not with the Flux Operator, whose
   * Kustomization applies at `syncInterval`.
   * @default "10m0s" (as `flux bootstrap` writes it)
   */
  readonly applyInterval?: FluxDuration;
  /**
   * Whether `flux-system/kustomization.yaml` lists `gotk-components.yaml`; not with the Flux Operator, which
   * installs the controllers itself.
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
  /**
   * The tree is pushed to (or copied into) another git repository than the one `outdir` lies in, whose root `outdir`
   * stands for. Without it, synth checks that the tree is written at `path` of the git repository that holds `outdir`,
   * where its Flux paths point.
   * @default false
   */
  readonly separateRepository?: boolean;
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
  /** The URL Flux clones the repository from. */
  public readonly url: string;
  /** The branch Flux syncs. */
  public readonly branch: string;
  /** The folder the flux-system Kustomization applies: the `--path` of `flux bootstrap`. */
  public readonly fluxPath: string;
  /** True when the tree is pushed to another git repository than the one it is written in. */
  public readonly separateRepository: boolean;
  /** The namespace of Flux and its sync objects. */
  public readonly fluxNamespace: string;
  public readonly defaultFluxNamespace: string;
  /** How the cluster is bootstrapped. */
  public readonly bootstrap: BootstrapKind;
  /**
   * The source the cluster is synced from, and every application's: the flux-system GitRepository of
   * `flux/flux-system/gotk-sync.yaml`, or the source the Flux Operator makes from the FluxInstance's sync.
   */
  public readonly syncSource: IFluxInstanceSyncSource;
  /** The flux-system Kustomization, which applies `<root>/flux` (written in gotk-sync.yaml, or made by the operator). */
  public readonly syncKustomization: IKustomization;
  /** The FluxInstance, when the Flux Operator bootstraps the cluster. */
  public readonly fluxInstance?: FluxInstance;
  /**
   * `<root>/flux/flux-system/`. With the Flux Operator, objects made in it (the operator's own ResourceSet, runtime
   * ConfigMaps, SOPS Secrets) are written beside the FluxInstance and applied by its sync.
   */
  public readonly bootstrapFolder: TreeFolder;
  /** The cluster's SOPS decryption key, when declared. */
  public readonly sopsKey?: ResolvedSopsKey;
  private readonly fluxScope: Construct;
  private readonly problems: Issue[] = [];

  constructor(scope: Construct, id: string, props: GitOpsRepositoryProps) {
    super(scope, id);
    this.rootPath = this.repoPath('path', props.path ?? '');
    this.fluxNamespace = props.fluxNamespace ?? FLUX_SYSTEM_NAMESPACE;
    this.defaultFluxNamespace = this.fluxNamespace;
    this.fluxScope = new Construct(this, 'Flux');
    this.url = props.url;
    this.branch = props.branch ?? 'main';
    this.separateRepository = props.separateRepository ?? false;
    const fluxPath = [this.rootPath, 'flux'].filter((s) => s !== '').join('/');
    this.fluxPath = fluxPath;
    const secretName = props.publicRepository ? undefined : (props.secretName ?? 'flux-system');
    const bootstrap = props.bootstrap ?? Bootstrap.fluxBootstrap();
    this.bootstrap = bootstrap.kind;
    const location = { folderPath: `${fluxPath}/flux-system`, treeRoot: this.rootPath };
    const customization =
      props.fluxSystem === undefined ? {} : renderFluxSystemCustomization(props.fluxSystem, this.node.path);
    if (bootstrap.kind === BootstrapKind.FLUX_OPERATOR) {
      const { source, ...instance } = bootstrap.operatorOptions;
      const folder = new OperatorSystemFolder(
        this.fluxScope,
        'flux-system',
        location,
        () => this.sopsKey,
        customization,
      );
      const credentials =
        source === undefined && secretName !== undefined ? this.gitCredentials(secretName) : undefined;
      this.fluxInstance = new FluxInstance(folder, 'flux', {
        ...instance,
        namespace: this.fluxNamespace,
        sync: {
          source:
            source ?? FluxInstanceSource.git(props.url, { ref: `refs/heads/${this.branch}`, pullSecret: credentials }),
          path: fluxPath,
          interval: props.syncInterval,
        },
      });
      this.sopsKey = this.declareSopsKey(props.sops);
      // Decided at synth, from what the folder holds by then, as for an application's Kustomization.
      this.fluxInstance.enableSopsDecryption(() =>
        folder.holdsEncryptedFiles() ? this.sopsKey?.secretName : undefined,
      );
      this.bootstrapFolder = folder;
      this.syncSource = this.fluxInstance.syncSource as IFluxInstanceSyncSource;
      this.syncKustomization = this.fluxInstance.syncKustomization as IKustomization;
      const unused = [
        {
          field: 'applyInterval',
          value: props.applyInterval,
          fix: 'leave it out: the operator applies at syncInterval',
        },
        {
          field: 'fluxComponents',
          value: props.fluxComponents,
          fix: 'leave it out: the operator installs the controllers (see components)',
        },
      ];
      for (const { field, value, fix } of unused) {
        if (value === undefined) continue;
        const message = 'is not used when the Flux Operator bootstraps the cluster';
        const shown = typeof value === 'string' ? value : value.toHumanString();
        this.problems.push({ constructPath: this.node.path, field, value: shown, message, fix });
      }
      return;
    }
    const system = new FluxSystemFolder(
      this.fluxScope,
      'flux-system',
      location,
      props.fluxComponents ?? FluxComponents.AUTO,
      customization,
    );
    this.bootstrapFolder = system;
    const syncSource = new GitRepository(system, 'flux-system', {
      namespace: this.fluxNamespace,
      url: props.url,
      ref: GitRef.branch(this.branch),
      interval: props.syncInterval ?? '1m0s',
      // Made by `flux bootstrap`, never by synth: declared external.
      secret: secretName === undefined ? undefined : this.gitCredentials(secretName),
    });
    this.syncSource = syncSource;
    this.sopsKey = this.declareSopsKey(props.sops);
    this.syncKustomization = new Kustomization(system, 'flux-system-sync', {
      name: 'flux-system',
      namespace: this.fluxNamespace,
      source: syncSource,
      path: `./${fluxPath}`,
      interval: props.applyInterval ?? '10m0s',
      prune: true,
    });
  }

  /** The FluxInstance's file, relative to the output root, when the Flux Operator bootstraps the cluster. */
  public get fluxInstanceFile(): string | undefined {
    return this.fluxInstance === undefined ? undefined : `${this.bootstrapFolder.folderPath}/${FLUX_INSTANCE_FILE}`;
  }

  /** Resolves the cluster's SOPS key, and declares its Secret, made out of band with the private key, never by synth. */
  private declareSopsKey(sops: SopsDecryptionKey | undefined): ResolvedSopsKey | undefined {
    if (sops === undefined) return undefined;
    const key = resolveSopsKey(sops, this.node.path);
    // Declared so that decryption.secretRef resolves.
    new ExternalObject(this, 'SopsKeySecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      name: key.secretName,
      namespace: this.fluxNamespace,
    });
    return key;
  }

  /** Declares the Secret with the Git credentials, made outside the tree (by `flux bootstrap`, or by a person). */
  private gitCredentials(name: string): ExternalObject<'Secret'> {
    return new ExternalObject(this, 'GitCredentials', {
      apiVersion: 'v1',
      kind: 'Secret',
      name,
      namespace: this.fluxNamespace,
    });
  }

  /** The layer `name` (made on first use): folders `<root>/<name>/` and `<root>/flux/<name>/`. */
  public layer(name: string): Layer {
    const existing = this.node.tryFindChild(name);
    if (existing instanceof Layer) return existing;
    return new Layer(this, name, this.fluxScope);
  }

  /** Adds an application to the `infrastructure` layer (with `{ sync: false }`, a folder Flux does not apply). */
  public infrastructure(name: string, options: PlainFolderOptions): PlainFolder;
  public infrastructure(name: string, options?: ApplicationOptions): Application;
  public infrastructure(
    name: string,
    options: ApplicationOptions | PlainFolderOptions = {},
  ): Application | PlainFolder {
    return options.sync === false
      ? this.layer(LayerName.INFRASTRUCTURE).addApplication(name, options)
      : this.layer(LayerName.INFRASTRUCTURE).addApplication(name, options);
  }

  /** Adds an application to the `services` layer (with `{ sync: false }`, a folder Flux does not apply). */
  public service(name: string, options: PlainFolderOptions): PlainFolder;
  public service(name: string, options?: ApplicationOptions): Application;
  public service(name: string, options: ApplicationOptions | PlainFolderOptions = {}): Application | PlainFolder {
    return options.sync === false
      ? this.layer(LayerName.SERVICES).addApplication(name, options)
      : this.layer(LayerName.SERVICES).addApplication(name, options);
  }

  /**
   * A folder Flux does not apply at `path` inside the tree (`"clusters/lab/manual"`...), with its objects and its
   * `kustomization.yaml` (for `kubectl apply -k`).
   * @param path relative to the tree's root
   */
  public folder(path: string, options: FolderOptions = {}): PlainFolder {
    const relative = this.repoPath('folder', path);
    const folderPath = [this.rootPath, relative].filter((s) => s !== '').join('/');
    return new PlainFolder(this, `Folder ${relative}`, folderPath, this, options);
  }

  /** `value` of prop `field` as a path inside the git repository; a problem of it is reported at synth. */
  private repoPath(field: string, value: string): string {
    const problem = repoPathProblem(value, { path: this.node.path, field });
    if (problem !== undefined) this.problems.push(problem);
    return normaliseRepoPath(value);
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
    return [...this.problems, ...overlappingRootIssues(this, repositories.slice(0, repositories.indexOf(this)))];
  }
}
