import { compileCel, isCompileError } from '../cel/compile.ts';
import type { CelCompileError, CelProgram } from '../cel/compile.ts';
import type { AdmissionPolicy, AuditAnnotation, NamedExpression, Validation } from './model.ts';

/** An expression compiled once per policy: its program, or why it does not compile. */
export type Compiled = CelProgram | CelCompileError;

/** A named expression with its program. */
export interface CompiledNamed extends NamedExpression {
  readonly program: Compiled;
  /** Names of the `variables.<name>` it reads. */
  readonly reads: readonly string[];
}

/** A validation with its programs. */
export interface CompiledValidation extends Validation {
  readonly program: Compiled;
  readonly messageProgram: Compiled | undefined;
  readonly reads: readonly string[];
}

/** An audit annotation with its program. */
export interface CompiledAuditAnnotation extends AuditAnnotation {
  readonly program: Compiled;
  readonly reads: readonly string[];
}

/** A policy with every expression compiled (plan() is the costly step, so this is done once). */
export interface CompiledPolicy {
  readonly policy: AdmissionPolicy;
  readonly matchConditions: readonly CompiledNamed[];
  readonly variables: readonly CompiledNamed[];
  readonly validations: readonly CompiledValidation[];
  readonly auditAnnotations: readonly CompiledAuditAnnotation[];
}

const VARIABLE_REFERENCE = /\bvariables\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;

/** The variable names an expression reads (`variables.x` or `variables["x"]`). */
function variablesRead(expression: string): readonly string[] {
  return [
    ...new Set([...expression.matchAll(VARIABLE_REFERENCE)].map((match) => match[1] ?? match[2] ?? '')),
  ];
}

/** Compiles every expression of a policy; compile errors are kept and reported at evaluation. */
export function compilePolicy(policy: AdmissionPolicy): CompiledPolicy {
  const named = (expression: NamedExpression): CompiledNamed => ({
    ...expression,
    program: compileCel(expression.expression),
    reads: variablesRead(expression.expression),
  });
  return {
    policy,
    matchConditions: policy.matchConditions.map(named),
    variables: policy.variables.map(named),
    validations: policy.validations.map((validation) => ({
      ...validation,
      program: compileCel(validation.expression),
      messageProgram:
        validation.messageExpression === undefined ? undefined : compileCel(validation.messageExpression),
      reads: variablesRead(`${validation.expression} ${validation.messageExpression ?? ''}`),
    })),
    auditAnnotations: policy.auditAnnotations.map((annotation) => ({
      ...annotation,
      program: compileCel(annotation.valueExpression),
      reads: variablesRead(annotation.valueExpression),
    })),
  };
}

export { isCompileError };
