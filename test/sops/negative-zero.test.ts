import { decryptSopsFile, encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { readYamlDocuments } from '../../lib/sops/stores/yaml-reader';
import { FakeAgeRecipient, FakeUnwrapper } from './fake-keys';

const alice = new FakeAgeRecipient('alice');

describe('an unencrypted -0.0', () => {
  // yaml.v3 writes the float -0 as "-0", which reads back as the integer 0: the MAC (over "-0") then never verifies.
  test('GIVEN -0.0 left unencrypted WHEN encrypted, decrypted and encrypted again THEN each file verifies', async () => {
    const plaintext = 'zero_unencrypted: -0.0\nsecret: x\n';
    const once = await encryptSopsFile(plaintext, { format: 'yaml', keyGroups: [[alice]] });
    const { plaintext: back } = await decryptSopsFile(once, {
      format: 'yaml',
      unwrappers: [new FakeUnwrapper([alice])],
    });
    expect(readYamlDocuments(back)[0].items[0]).toEqual({
      type: 'entry',
      key: 'zero_unencrypted',
      value: { type: 'float', value: -0 },
    });
    const twice = await encryptSopsFile(back, { format: 'yaml', keyGroups: [[alice]] });
    await expect(
      decryptSopsFile(twice, { format: 'yaml', unwrappers: [new FakeUnwrapper([alice])] }),
    ).resolves.toMatchObject({ plaintext: back });
  });
});
