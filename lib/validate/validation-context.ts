/** What the records a check looks at are, so that its fixes speak the user's language. */
export interface ValidationContext {
  /**
   * `app`: the objects of a FluxApp, made in code (fixes name constructs such as `GitRepository.fromName`);
   * `tree`: files of a hand-written tree read by `cdk8s-flux validate` (fixes name files and `--external` flags).
   * @default "app"
   */
  readonly origin?: 'app' | 'tree';
}
