import { formatFloatF, formatJsonFloat, formatYamlFloat, parseGoFloat } from '../../lib/sops/go/float';
import { canonicalRfc3339Nano, formatLastModified, normalizeRfc3339, parseYamlTimestamp } from '../../lib/sops/go/time';
import { resolvePlain } from '../../lib/sops/stores/yaml-resolve';

describe("Go's float text", () => {
  test.each([
    [3.14, '3.14'],
    [2.5, '2.5'],
    [1000, '1000'],
    [1234568000, '1234568000'],
    [1e-7, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [-0, '-0'],
    [0, '0'],
    [-1.5, '-1.5'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])("FormatFloat(%p, 'f', -1) is %p (encrypted values and the MAC)", (value, text) => {
    expect(formatFloatF(value)).toBe(text);
  });

  test.each([
    [1000, '1000'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [1e6, '1e+06'],
    [1234568000, '1.234568e+09'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e-100, '1e-100'],
    [25.4, '25.4'],
    [Infinity, '.inf'],
    [-Infinity, '-.inf'],
    [NaN, '.nan'],
  ])('yaml.v3 writes %p as %p', (value, text) => {
    expect(formatYamlFloat(value)).toBe(text);
  });

  test.each([
    [7, '7'],
    [25.4, '25.4'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '-0'],
  ])('encoding/json writes %p as %p', (value, text) => {
    expect(formatJsonFloat(value)).toBe(text);
  });

  test.each([
    ['3.14', 3.14],
    ['+Inf', Infinity],
    ['-inf', -Infinity],
    ['NaN', NaN],
    ['1e3', 1000],
    ['1_000.5', 1000.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1e400', undefined],
    ['0x1p-2', undefined],
    ['1__0', undefined],
    ['', undefined],
  ])('ParseFloat(%p) is %p', (text, value) => {
    expect(parseGoFloat(text)).toBe(value);
  });
});

describe('timestamps', () => {
  test.each([
    ['2024-01-01', '2024-01-01T00:00:00Z'],
    ['2006-01-02T15:04:05+07:00', '2006-01-02T15:04:05+07:00'],
    ['2006-01-02T15:04:05.120Z', '2006-01-02T15:04:05.12Z'],
    ['2006-1-2t15:4:5Z', '2006-01-02T15:04:05Z'],
    ['2006-01-02 15:04:05.5', '2006-01-02T15:04:05.5Z'],
    ['2006-01-02T15:04:05-00:00', '2006-01-02T15:04:05Z'],
    ['2006-01-02T15:04:05.1234567891Z', '2006-01-02T15:04:05.123456789Z'],
    ['2024-02-30', undefined],
    ['2024-13-01', undefined],
    ['2023-02-29', undefined],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
    ['2006-01-02T15:04:05', undefined],
    ['20240-01-01', undefined],
  ])('yaml.v3 reads %p as %p', (text, value) => {
    expect(parseYamlTimestamp(text)).toBe(value);
  });

  test('lastmodified is normalized as Go re-formats it for the MAC', () => {
    expect(normalizeRfc3339('2019-08-29T22:42:03Z')).toBe('2019-08-29T22:42:03Z');
    expect(normalizeRfc3339('2019-08-29T22:42:03.999+00:00')).toBe('2019-08-29T22:42:03Z');
    expect(normalizeRfc3339('2019-08-29T22:42:03+02:00')).toBe('2019-08-29T22:42:03+02:00');
    expect(normalizeRfc3339('2019-08-29')).toBeUndefined();
    expect(formatLastModified(new Date('2026-11-25T03:22:24.789Z'))).toBe('2026-11-25T03:22:24Z');
  });

  test('decrypted times are read strictly and written canonically', () => {
    expect(canonicalRfc3339Nano('2006-01-02T15:04:05.120Z')).toBe('2006-01-02T15:04:05.12Z');
    expect(canonicalRfc3339Nano('2006-1-02T15:04:05Z')).toBeUndefined();
  });
});

describe("yaml.v3's resolution of plain scalars", () => {
  const cases: [string, string, unknown][] = [
    ['true', 'bool', true],
    ['True', 'bool', true],
    ['FALSE', 'bool', false],
    ['tRUE', 'str', 'tRUE'],
    ['yes', 'str', 'yes'],
    ['on', 'str', 'on'],
    ['~', 'null', undefined],
    ['', 'null', undefined],
    ['Null', 'null', undefined],
    ['42', 'int', 42n],
    ['-7', 'int', -7n],
    ['+5', 'int', 5n],
    ['010', 'int', 8n],
    ['0x1F', 'int', 31n],
    ['0o17', 'int', 15n],
    ['0b101', 'int', 5n],
    ['-0b101', 'int', -5n],
    ['1_000', 'int', 1000n],
    ['08', 'float', 8],
    ['1e3', 'float', 1000],
    ['1.', 'float', 1],
    ['.5', 'float', 0.5],
    ['+.5', 'float', 0.5],
    ['.inf', 'float', Infinity],
    ['-.Inf', 'float', -Infinity],
    ['.NaN', 'float', NaN],
    ['NaN', 'str', 'NaN'],
    ['1e400', 'str', '1e400'],
    ['9223372036854775807', 'int', 9223372036854775807n],
    ['9223372036854775808', 'uint', 9223372036854775808n],
    ['+9223372036854775808', 'float', 9223372036854775808],
    ['-9223372036854775809', 'float', -9223372036854775809],
    ['2024-01-01', 'timestamp', '2024-01-01T00:00:00Z'],
    ['10021-3100', 'str', '10021-3100'],
    ['<<', 'str', '<<'],
    ['0x', 'str', '0x'],
    ['1:20', 'str', '1:20'],
  ];
  test.each(cases)('%p resolves to %s', (text, tag, value) => {
    const resolved = resolvePlain(text);
    expect(resolved.tag).toBe(tag);
    expect('value' in resolved ? resolved.value : undefined).toEqual(value);
  });
});
