import * as path from 'path';
import { parse } from 'yaml';
import { FluxApp, FluxValidationError, SopsRecipient, generateSopsConfig } from '../../lib';
import { homelab } from '../../main';
import { tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const ADMIN_AGE = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const ADMIN_PGP = '85D77543B3D624B63CEA9E6DBC17301B491B3F21';

describe('.sops.yaml with extra recipients', () => {
  test("GIVEN an admin's age key and PGP fingerprint WHEN generated THEN every rule encrypts for them beside the cluster's", () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const config = parse(
      generateSopsConfig(app, {
        configDir: root,
        extraRecipients: [SopsRecipient.age(ADMIN_AGE), SopsRecipient.pgp(ADMIN_PGP.toLowerCase())],
      }),
    ) as { creation_rules: Record<string, string>[] };
    for (const rule of config.creation_rules) {
      expect(rule.age).toContain(ADMIN_AGE);
      expect(rule.pgp).toContain(ADMIN_PGP);
    }
  });

  test('GIVEN extra recipients that are not keys WHEN generated THEN each is reported with its index, at once', () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    let error: unknown;
    try {
      generateSopsConfig(app, { configDir: root, extraRecipients: [SopsRecipient.age('age1nope'), SopsRecipient.pgp('ABC')] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).issues.map((i) => `${i.field} ${i.value} ${i.message}`)).toEqual([
      'extraRecipients[0] age1nope is not an age recipient',
      'extraRecipients[1] ABC is not a PGP fingerprint',
    ]);
  });
});
