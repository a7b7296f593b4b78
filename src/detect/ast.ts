/** Where a node starts in a condition: 1-based line and column, 0-based offset. */
export interface ConditionPosition {
  readonly idx: number;
  readonly line: number;
  readonly col: number;
}

/** A field read, `ka.verb`, `ka.uri.param[foo]`, `jevt.value[/objectRef/name]`. */
export interface FieldNode {
  readonly kind: 'field';
  readonly name: string;
  readonly arg: string | undefined;
  readonly pos: ConditionPosition;
}

/** A transformer applied to a field: `tolower(ka.user.name)`; `val(field)` reads a field on the right. */
export interface TransformerNode {
  readonly kind: 'transformer';
  readonly name: 'tolower' | 'toupper' | 'b64' | 'basename' | 'len' | 'val';
  readonly operand: FieldNode | TransformerNode;
  readonly pos: ConditionPosition;
}

export type OperandNode = FieldNode | TransformerNode;

/** A literal: quoted (unescaped) or bare string, or a number. */
export interface ValueNode {
  readonly kind: 'value';
  readonly value: string;
  readonly pos: ConditionPosition;
}

/** A parenthesised list literal `(a, "b c")`. */
export interface ListNode {
  readonly kind: 'list';
  readonly values: readonly string[];
  readonly pos: ConditionPosition;
}

export interface AndNode {
  readonly kind: 'and' | 'or';
  readonly children: readonly ExprNode[];
  readonly pos: ConditionPosition;
}

export interface NotNode {
  readonly kind: 'not';
  readonly child: ExprNode;
  readonly pos: ConditionPosition;
}

/** A bare identifier standing alone: a macro reference. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly name: string;
  readonly pos: ConditionPosition;
}

export interface UnaryCheckNode {
  readonly kind: 'unary';
  readonly left: OperandNode;
  readonly op: 'exists';
  readonly pos: ConditionPosition;
}

export interface BinaryCheckNode {
  readonly kind: 'binary';
  readonly left: OperandNode;
  readonly op: string;
  readonly right: ValueNode | ListNode | OperandNode;
  readonly pos: ConditionPosition;
}

export type ExprNode = AndNode | NotNode | IdentifierNode | UnaryCheckNode | BinaryCheckNode;
