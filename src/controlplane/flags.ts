/**
 * Command-line flags as the Kubernetes components parse them (spf13/pflag): `--flag=value`,
 * `--flag value`, bare booleans, repeated flags. Scalars keep the last occurrence; slice flags
 * (`--authorization-mode`, `--enable-admission-plugins`, `--tls-cipher-suites`) accumulate every
 * occurrence, comma-split, as pflag's stringSlice does.
 */

/** One `--name[=value]` on a command line, with the index of the token that carries its value. */
export interface FlagOccurrence {
  readonly name: string;
  readonly value: string;
  /** Index in the argv of the token holding the value (the flag itself, or the next token). */
  readonly index: number;
}

/**
 * Flags the components declare as booleans: for these `--flag value` does not consume `value`
 * (pflag's NoOptDefVal), so `--anonymous-auth false` means true followed by a positional argument.
 */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  'allow-privileged',
  'anonymous-auth',
  'auto-tls',
  'client-cert-auth',
  'enable-bootstrap-token-auth',
  'enable-v2',
  'experimental-initial-corrupt-check',
  'leader-elect',
  'peer-auto-tls',
  'peer-client-cert-auth',
  'profiling',
  'protect-kernel-defaults',
  'rotate-certificates',
  'rotate-server-certificates',
  'service-account-extend-token-expiration',
  'service-account-lookup',
  'strict-reconfig-check',
  'use-service-account-credentials',
  'authentication-token-webhook',
  'encryption-provider-config-automatic-reload',
  'enable-pprof',
]);

/**
 * How a component spells flag names. The Kubernetes components (kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubelet) run through k8s.io/component-base, whose
 * WordSepNormalizeFunc reads `_` as `-`; etcd parses with Go's flag package, which takes names as written.
 */
export type FlagNaming = 'component-base' | 'go-flag';

/** A flag name as the component sees it: `authorization_mode` is `authorization-mode` for component-base. */
export function normalizeFlagName(name: string, naming: FlagNaming): string {
  return naming === 'component-base' ? name.replaceAll('_', '-') : name;
}

/**
 * Parses an argv (command then args, binary first or not) into flag occurrences in order, names
 * normalised as `naming` says. Tokens after `--` and positional arguments are ignored; a single-dash
 * shorthand (`-v 2`) is read like a long flag.
 */
export function parseFlags(argv: readonly string[], naming: FlagNaming): readonly FlagOccurrence[] {
  const flags: FlagOccurrence[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? '';
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    const body = token.replace(/^--?/, '');
    const equals = body.indexOf('=');
    if (equals > 0) {
      flags.push({
        name: normalizeFlagName(body.slice(0, equals), naming),
        value: body.slice(equals + 1),
        index,
      });
      continue;
    }
    const name = normalizeFlagName(body, naming);
    const next = argv[index + 1];
    if (BOOLEAN_FLAGS.has(name) || next === undefined || next.startsWith('-')) {
      flags.push({ name, value: 'true', index });
      continue;
    }
    flags.push({ name, value: next, index: index + 1 });
    index++;
  }
  return flags;
}

/** The occurrence that wins for a scalar flag: the last one, or undefined when the flag is absent. */
export function lastFlag(flags: readonly FlagOccurrence[], name: string): FlagOccurrence | undefined {
  for (let index = flags.length - 1; index >= 0; index--) {
    const flag = flags[index];
    if (flag?.name === name) return flag;
  }
  return undefined;
}

/** The elements of a slice flag: every occurrence comma-split and trimmed, empty ones dropped. */
export function flagList(flags: readonly FlagOccurrence[], name: string): readonly string[] {
  return flags
    .filter((flag) => flag.name === name)
    .flatMap((flag) => flag.value.split(','))
    .map((element) => element.trim())
    .filter((element) => element !== '');
}

/**
 * Go's strconv.ParseBool, which pflag uses for boolean flags: 1/t/T/TRUE/true/True and their false
 * counterparts; anything else is undefined (the component would refuse to start).
 */
export function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/**
 * Parses a kubelet `featureGates`-style flag value `A=true,B=false` into a map (last one wins);
 * malformed pairs are skipped.
 */
export function parseFeatureGates(value: string): ReadonlyMap<string, boolean> {
  const gates = new Map<string, boolean>();
  for (const pair of value.split(',')) {
    const [name, setting] = pair.split('=');
    const enabled = setting === undefined ? undefined : parseBool(setting.trim());
    if (name !== undefined && name.trim() !== '' && enabled !== undefined) gates.set(name.trim(), enabled);
  }
  return gates;
}
