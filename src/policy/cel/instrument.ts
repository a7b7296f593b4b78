import { parse } from '@bufbuild/cel';

/** The name of the function the instrumented AST calls on every comprehension iteration. */
export const ITERATION_CHARGE = '__kubeward_iteration';

/** The name of the function the instrumented AST calls on every comprehension range. */
export const RANGE_CHARGE = '__kubeward_range';

type ParsedExpression = ReturnType<typeof parse>;

const template = parse(`${ITERATION_CHARGE}(true, 1)`).expr;
const rangeTemplate = parse(`${RANGE_CHARGE}([])`).expr;

function countNodes(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((total: number, item: unknown) => total + countNodes(item), 0);
  if (!isNode(node)) return 0;
  const own = node.$typeName === 'cel.expr.Expr' ? 1 : 0;
  return Object.values(node).reduce((total: number, value: unknown) => total + countNodes(value), own);
}

function isNode(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

/**
 * Rewrites a parsed expression in place so that every comprehension (all, exists, exists_one, map,
 * filter) calls ITERATION_CHARGE(condition, weight) before each iteration, where the weight is the number of
 * AST nodes of the loop condition and step (nested comprehensions charge their own iterations),
 * and RANGE_CHARGE(range) on the range, which charges its size before the loop copies it. The condition of a
 * comprehension is the one place `@bufbuild/cel` turns an error into "stop the loop", so a meter that
 * throws there stops even nested loops at their next step.
 */
export function instrumentComprehensions(parsed: ParsedExpression): ParsedExpression {
  let nextId = 1_000_000n;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    for (const value of Object.values(node)) visit(value);
    if (node.$typeName === 'cel.expr.Expr.Comprehension' && isNode(node.loopCondition)) {
      const call = template.exprKind.case === 'callExpr' ? template.exprKind.value : undefined;
      const weightNode = call?.args[1];
      if (call === undefined || weightNode === undefined) return;
      const weight = {
        ...weightNode,
        id: nextId++,
        exprKind: {
          case: 'constExpr',
          value: {
            ...(weightNode.exprKind.value as object),
            constantKind: {
              case: 'int64Value',
              value: BigInt(Math.max(1, countNodes(node.loopStep) + countNodes(node.loopCondition))),
            },
          },
        },
      };
      node.loopCondition = {
        ...template,
        id: nextId++,
        exprKind: { case: 'callExpr', value: { ...call, args: [node.loopCondition, weight] } },
      };
      const rangeCall = rangeTemplate.exprKind.case === 'callExpr' ? rangeTemplate.exprKind.value : undefined;
      if (rangeCall !== undefined && isNode(node.iterRange))
        node.iterRange = {
          ...rangeTemplate,
          id: nextId++,
          exprKind: { case: 'callExpr', value: { ...rangeCall, args: [node.iterRange] } },
        };
    }
  };
  visit(parsed.expr);
  return parsed;
}
