import { Issue } from '../errors';
import { labelValueProblem, qualifiedNameProblem } from '../validate/schema-validator/names';
import { ICheckedValue } from './checked-value';

/** How a {@link LabelRequirement} relates a label to its values (a Kubernetes label selector operator). */
export enum LabelOperator {
  /** The label has one of the values. */
  IN = 'In',
  /** The label is missing or has none of the values. */
  NOT_IN = 'NotIn',
  /** The label is set, to any value. */
  EXISTS = 'Exists',
  /** The label is not set. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One requirement of a Kubernetes label selector (an entry of `matchExpressions`), checked as the API server checks
 * it: a valid label key, values of a label's form, at least one value for `In` and `NotIn` and none otherwise.
 *
 * @example
 *   LabelRequirement.in('environment', ['staging', 'production'])
 *   LabelRequirement.exists('team')
 */
export class LabelRequirement implements ICheckedValue {
  /** The label `key` has one of `values`. */
  public static in(key: string, values: readonly string[]): LabelRequirement {
    return new LabelRequirement(key, LabelOperator.IN, values);
  }

  /** The label `key` is missing or has none of `values`. */
  public static notIn(key: string, values: readonly string[]): LabelRequirement {
    return new LabelRequirement(key, LabelOperator.NOT_IN, values);
  }

  /** The label `key` is set. */
  public static exists(key: string): LabelRequirement {
    return new LabelRequirement(key, LabelOperator.EXISTS, []);
  }

  /** The label `key` is not set. */
  public static doesNotExist(key: string): LabelRequirement {
    return new LabelRequirement(key, LabelOperator.DOES_NOT_EXIST, []);
  }

  /** What is wrong with the requirement (see {@link ICheckedValue}); empty when it is fine. */
  public readonly problems: readonly Issue[];

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** How the label relates to the values. */
    public readonly operator: LabelOperator,
    /** The values, for `In` and `NotIn`. */
    public readonly values: readonly string[],
  ) {
    const problems: Issue[] = [];
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem !== undefined) problems.push({ field: 'key', value: key, ...keyProblem });
    if (values.length === 0 && (operator === LabelOperator.IN || operator === LabelOperator.NOT_IN)) {
      problems.push({
        field: 'values',
        value: '[]',
        message: `is empty, which ${operator} does not accept`,
        fix: `give at least one value, or use LabelRequirement.${operator === LabelOperator.IN ? 'exists' : 'doesNotExist'}()`,
      });
    }
    values.forEach((v, i) => {
      const problem = labelValueProblem(v);
      if (problem !== undefined) problems.push({ field: `values[${i}]`, value: v, ...problem });
    });
    this.problems = problems;
  }

  /** The `matchExpressions` entry. */
  public toJson(): { key: string; operator: LabelOperator; values?: string[] } {
    return this.values.length === 0
      ? { key: this.key, operator: this.operator }
      : { key: this.key, operator: this.operator, values: [...this.values] };
  }
}
