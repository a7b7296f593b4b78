import {
  CelScalar,
  celEnv,
  celFunc,
  celMethod,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan,
} from '@bufbuild/cel';
import type { CelFunc, CelInput, CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { createRegistry } from '@bufbuild/protobuf';
import type { Budget } from './budget.ts';
import { ITERATION_CHARGE, RANGE_CHARGE, instrumentComprehensions } from './instrument.ts';
import { FORMAT_FUNCTIONS } from './lib/format.ts';
import { IP_FUNCTIONS } from './lib/ip.ts';
import { listFunctions } from './lib/lists.ts';
import { QUANTITY_FUNCTIONS } from './lib/quantity.ts';
import { regexFunctions } from './lib/regex.ts';
import { URL_FUNCTIONS } from './lib/url.ts';
import { CostLimitError, charge, newMeter } from './meter.ts';
import type { Meter } from './meter.ts';
import { OPAQUE_REGISTRY } from './opaque.ts';

/** What evaluating an expression gave: a value, or an error (cost-limit errors flagged). */
export type CelOutcome =
  | { readonly kind: 'value'; readonly value: CelValue }
  | { readonly kind: 'error'; readonly message: string; readonly costLimit: boolean };

/** A compiled expression, reusable across objects; not re-entrant (one evaluation at a time). */
export interface CelProgram {
  readonly expression: string;
  /**
   * Evaluates with the given variables. `limit` is the expression's own cost limit; `budget` is
   * shared by every expression of one evaluation and carries its deadline.
   */
  readonly evaluate: (
    variables: Readonly<Record<string, CelInput>>,
    budget: Budget,
    limit: number,
  ) => CelOutcome;
}

/** A compile failure: the expression does not parse. */
export interface CelCompileError {
  readonly compileError: string;
}

function sizeOf(value: CelValue | undefined): number {
  if (typeof value === 'string') return value.length;
  if (isCelList(value) || isCelMap(value)) return value.size;
  return 1;
}

/**
 * Wraps a library function so that each call charges the meter before it runs, by the size of its
 * inputs (for `replace`, by the largest output it could produce: input × (1 + arguments), as its
 * cost grows faster than its output), and after, by the size of what it returns.
 */
function metered(func: CelFunc, meter: Meter): CelFunc {
  const impl = function (this: CelValue | undefined, ...args: CelValue[]): CelInput {
    const input = this === undefined ? 0 : sizeOf(this);
    const argumentSize = args.reduce<number>((total, arg) => total + sizeOf(arg), 0);
    charge(meter, 1 + (func.name === 'replace' ? input * (1 + argumentSize) : input + argumentSize));
    const result = func.call(0, this, args);
    if (result === undefined) throw new Error(`found no matching overload for '${func.name}'`);
    if (isCelError(result)) throw result;
    charge(meter, sizeOf(result));
    return result;
  };
  return func.target === undefined
    ? celFunc(func.name, [...func.arguments], func.result, impl as never)
    : celMethodOf(func, impl);
}

function celMethodOf(
  func: CelFunc,
  impl: (this: CelValue | undefined, ...args: CelValue[]) => CelInput,
): CelFunc {
  if (func.target === undefined) throw new Error('not a method');
  return celMethod(func.name, func.target, [...func.arguments], func.result, impl as never);
}

/** Every function the policy environment adds to standard CEL, charging `meter`. */
function environmentFunctions(meter: Meter): CelFunc[] {
  return [
    celFunc(ITERATION_CHARGE, [CelScalar.DYN, CelScalar.INT], CelScalar.DYN, (condition, weight) => {
      charge(meter, Number(weight));
      return condition;
    }),
    celFunc(RANGE_CHARGE, [CelScalar.DYN], CelScalar.DYN, (range) => {
      charge(meter, sizeOf(range));
      return range;
    }),
    ...strings.map((func) => metered(func, meter)),
    ...listFunctions(meter),
    ...regexFunctions(meter),
    ...QUANTITY_FUNCTIONS,
    ...URL_FUNCTIONS,
    ...IP_FUNCTIONS,
    ...FORMAT_FUNCTIONS,
  ];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function findCostLimit(error: unknown): CostLimitError | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause)
    if (cause instanceof CostLimitError) return cause;
  return undefined;
}

/**
 * Compiles a CEL expression for the Kubernetes policy environment: standard CEL, the strings
 * extension and the Kubernetes libraries (lists, sets, regex, quantity, url, ip/cidr, format).
 * Comprehension iterations and library results are charged to a meter, so an expression that
 * exceeds its cost limit, the evaluation budget or the deadline ends with a cost-limit error even
 * when `||`/`&&` would otherwise absorb the error. Never throws.
 */
export function compileCel(expression: string): CelProgram | CelCompileError {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = instrumentComprehensions(parse(expression));
  } catch (error) {
    return { compileError: `compilation failed: ${message(error).split('\n')[0] ?? ''}` };
  }
  const meter = newMeter();
  const env = celEnv({ registry: createRegistry(OPAQUE_REGISTRY), funcs: environmentFunctions(meter) });
  const run = plan(env, parsed);
  return {
    expression,
    evaluate(variables, budget, limit) {
      meter.cost = 0;
      meter.limit = limit;
      meter.budget = budget;
      try {
        const result = run(variables);
        if (budget.exhausted !== undefined)
          return { kind: 'error', message: budget.exhausted, costLimit: true };
        if (isCelError(result)) {
          const costLimit = findCostLimit(result);
          return {
            kind: 'error',
            message: costLimit?.message ?? result.message,
            costLimit: costLimit !== undefined,
          };
        }
        return { kind: 'value', value: result };
      } catch (error) {
        return { kind: 'error', message: message(error), costLimit: findCostLimit(error) !== undefined };
      } finally {
        meter.budget = undefined;
      }
    },
  };
}

/** Whether a compile result failed. */
export function isCompileError(program: CelProgram | CelCompileError): program is CelCompileError {
  return 'compileError' in program;
}
