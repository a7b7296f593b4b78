import type { FieldPath, Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { AdminAction, AdminPeer, AdminRule } from './admin-policy.ts';
import type { IpRange } from './ip.ts';
import { parseCidr } from './ip.ts';
import type { Direction, PolicyPort, PolicyProblem } from './policy.ts';
import { MAX_PORT } from './ports.ts';

/** How one API version spells a rule: its action words, peer fields, and ports field. */
export interface RuleDialect {
  /** Each action word the version accepts, and the action it stands for (`Accept` → Allow). */
  readonly actions: Readonly<Record<string, AdminAction>>;
  /** Peer fields each direction accepts. */
  readonly peerFields: Readonly<Record<Direction, readonly string[]>>;
  /** The rule field that holds the ports (`ports` in v1alpha1, `protocols` in v1alpha2). */
  readonly portsField: string;
  readonly parsePort: (value: unknown, path: FieldPath, problems: PolicyProblem[]) => PolicyPort[];
}

const RULE_PEERS: Readonly<Record<Direction, string>> = { ingress: 'from', egress: 'to' };

/** The action word a dialect writes for `action` (`Allow` in v1alpha1, `Accept` in v1alpha2). */
export function actionWord(dialect: RuleDialect, action: AdminAction): string {
  return Object.keys(dialect.actions).find((word) => dialect.actions[word] === action) ?? action;
}

/** `spec.subject`: exactly one of namespaces or pods; anything else selects no pod, with a problem. */
export function parseSubject(value: unknown, problems: PolicyProblem[]): AdminPeer {
  const path = ['spec', 'subject'];
  const peer = parsePeer(value, path, ['namespaces', 'pods'], problems);
  if (peer.type === 'invalid')
    problems.push({
      path,
      message: 'subject needs exactly one of namespaces or pods: the policy selects no pod',
    });
  return peer;
}

/**
 * The rules of `spec.<direction>`. An unknown action reads as Deny, and a peer with no known field (or
 * several) as invalid, which fails closed (network-policy-api peer types' docs), each with a problem.
 */
export function parseRules(
  value: unknown,
  direction: Direction,
  dialect: RuleDialect,
  problems: PolicyProblem[],
): AdminRule[] {
  if (!Array.isArray(value)) return [];
  const words = Object.keys(dialect.actions);
  const allow = actionWord(dialect, 'Allow');
  const fields = dialect.peerFields[direction];
  return value.map((entry: unknown, index): AdminRule => {
    const path = ['spec', direction, index];
    const rule = isRecord(entry) ? entry : {};
    const name = typeof rule.name === 'string' && rule.name !== '' ? rule.name : `#${index}`;
    const actionValue = rule.action;
    const action = typeof actionValue === 'string' ? dialect.actions[actionValue] : undefined;
    if (action === undefined)
      problems.push({
        path: [...path, 'action'],
        message: `action ${JSON.stringify(actionValue)} is not one of ${words.join(', ')}: the rule is read as Deny (fail closed)`,
      });
    const peersField = RULE_PEERS[direction];
    const peersValue = Array.isArray(rule[peersField]) ? (rule[peersField] as unknown[]) : [];
    if (peersValue.length === 0)
      problems.push({
        path: [...path, peersField],
        message: `${peersField} needs at least one peer: the rule matches nothing`,
      });
    const peers = peersValue.map((peer, i) => {
      const peerPath = [...path, peersField, i];
      const parsed = parsePeer(peer, peerPath, fields, problems);
      if (parsed.type === 'invalid')
        problems.push({
          path: peerPath,
          message: `peer needs exactly one of ${fields.join(', ')}: read as ${action === 'Allow' ? 'matching nothing' : 'matching everything'} (fail closed)`,
        });
      if (parsed.type === 'domainNames' && action !== 'Allow')
        problems.push({ path: peerPath, message: `domainNames peers are only allowed in ${allow} rules` });
      return parsed;
    });
    const portsValue = rule[dialect.portsField];
    const ports = Array.isArray(portsValue)
      ? (portsValue as unknown[]).flatMap((port, i) =>
          dialect.parsePort(port, [...path, dialect.portsField, i], problems),
        )
      : undefined;
    return { direction, index, name, action: action ?? 'Deny', peers, ports, path };
  });
}

function selectorAt(value: unknown): Mapping | undefined {
  return isRecord(value) ? value : undefined;
}

/** One peer: exactly one of `fields` set, else `invalid` (the caller says how it fails closed). */
export function parsePeer(
  value: unknown,
  path: FieldPath,
  fields: readonly string[],
  problems: PolicyProblem[],
): AdminPeer {
  const peer = isRecord(value) ? value : {};
  const set = Object.keys(peer).filter((key) => peer[key] !== undefined && peer[key] !== null);
  const known = set.filter((key) => fields.includes(key));
  if (set.length !== 1 || known.length !== 1) return { type: 'invalid', path };
  const field = known[0];
  const fieldValue = peer[field as string];
  if (field === 'namespaces') {
    const selector = selectorAt(fieldValue);
    return selector ? { type: 'namespaces', namespaceSelector: selector, path } : { type: 'invalid', path };
  }
  if (field === 'pods') {
    const pods = selectorAt(fieldValue);
    const namespaceSelector = selectorAt(pods?.namespaceSelector);
    const podSelector = selectorAt(pods?.podSelector);
    if (!namespaceSelector || !podSelector) {
      problems.push({
        path: [...path, 'pods'],
        message: 'pods needs both namespaceSelector and podSelector',
      });
      return { type: 'invalid', path };
    }
    return { type: 'pods', namespaceSelector, podSelector, path };
  }
  if (field === 'nodes') {
    const selector = selectorAt(fieldValue);
    return selector ? { type: 'nodes', nodeSelector: selector, path } : { type: 'invalid', path };
  }
  if (field === 'networks') {
    const texts = Array.isArray(fieldValue) ? (fieldValue as unknown[]) : [];
    const networks: { text: string; range: IpRange }[] = [];
    texts.forEach((text, i) => {
      const range = typeof text === 'string' ? parseCidr(text) : undefined;
      if (range && typeof text === 'string') networks.push({ text, range });
      else problems.push({ path: [...path, 'networks', i], message: `invalid CIDR ${JSON.stringify(text)}` });
    });
    return { type: 'networks', networks, path };
  }
  const names = Array.isArray(fieldValue)
    ? (fieldValue as unknown[]).filter((name) => typeof name === 'string')
    : [];
  return { type: 'domainNames', domainNames: names, path };
}

/** `spec.priority`, 0 to 1000; anything else reads as 1001 (after every valid one), with a problem. */
export function parsePriority(value: unknown, among: string, problems: PolicyProblem[]): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000) return value;
  problems.push({
    path: ['spec', 'priority'],
    message: `priority ${JSON.stringify(value)} is not an integer from 0 to 1000: evaluated last ${among}`,
  });
  return 1001;
}

/** Whether a value is a port number, 1 to 65535. */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PORT;
}

/** A named port in every protocol: it resolves on the destination pod, in the protocol it declares. */
export function namedPortEverywhere(name: string, path: FieldPath): PolicyPort[] {
  return (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({
    protocol,
    port: name,
    endPort: undefined,
    path,
  }));
}
