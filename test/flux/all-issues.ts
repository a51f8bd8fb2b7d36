// A helper of the tests of test/flux: every issue the synth of an app fails with, as one line each.
import { IConstruct } from 'constructs';
import { formatIssue } from '../../lib';
import { synthErrorOf } from './fixture';

/** The issues the synth of the app fails with after `make` made a bad object in it (making it throws nothing). */
export function allIssuesOf(make: () => IConstruct): string[] {
  return synthErrorOf(make()).issues.map(formatIssue);
}
