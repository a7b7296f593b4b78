import type { FieldPath } from '../model/path.ts';
import { isRecord } from '../model/path.ts';

/** A binding subject as written (`User`, `Group`, `ServiceAccount`; other kinds never match). */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  /** As written; '' when absent (a ServiceAccount in a RoleBinding then defaults to the binding's namespace). */
  readonly namespace: string;
  /** Path of the subject inside its binding object (`['subjects', 0]`). */
  readonly path: FieldPath;
}

/** An authenticated identity: what the authenticator hands the authorizer. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

/** Every authenticated request carries this group. */
const AUTHENTICATED_GROUP = 'system:authenticated';
/** The anonymous user's only group. */
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
/** The anonymous user (kube-apiserver `--anonymous-auth`). */
export const ANONYMOUS_USER = 'system:anonymous';
/** Members bypass RBAC entirely (the privileged-group authorizer runs before RBAC). */
export const MASTERS_GROUP = 'system:masters';
/** Every ServiceAccount is in this group, and in `system:serviceaccounts:<namespace>`. */
const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** The username of a ServiceAccount: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** The namespace and name of a ServiceAccount username, or undefined for any other user. */
function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const [namespace, name, ...rest] = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (namespace === undefined || name === undefined || namespace === '' || name === '' || rest.length > 0)
    return undefined;
  return { namespace, name };
}

/**
 * The identity the authenticator builds for a username, with the groups it adds implicitly:
 * a ServiceAccount gets `system:serviceaccounts`, `system:serviceaccounts:<ns>` and
 * `system:authenticated`; `system:anonymous` gets `system:unauthenticated`; any other user
 * `system:authenticated`. `extraGroups` (kubectl `--as-group`) come first.
 */
export function identityOf(username: string, extraGroups: readonly string[] = []): UserInfo {
  const serviceAccount = parseServiceAccountUsername(username);
  const implicit =
    username === ANONYMOUS_USER
      ? [UNAUTHENTICATED_GROUP]
      : serviceAccount
        ? [
            SERVICE_ACCOUNTS_GROUP,
            `${SERVICE_ACCOUNTS_GROUP}:${serviceAccount.namespace}`,
            AUTHENTICATED_GROUP,
          ]
        : [AUTHENTICATED_GROUP];
  return {
    name: username,
    groups: extraGroups.length === 0 ? implicit : [...new Set([...extraGroups, ...implicit])],
  };
}

/** Reads `subjects` of a binding; malformed entries become subjects of kind '' that match nobody. */
export function readSubjects(value: unknown): readonly Subject[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    const field = (key: string): string =>
      isRecord(entry) && typeof entry[key] === 'string' ? entry[key] : '';
    return {
      kind: field('kind'),
      name: field('name'),
      namespace: field('namespace'),
      path: ['subjects', index],
    };
  });
}

/**
 * The namespace of a ServiceAccount subject: its own, else the RoleBinding's; '' inside a
 * ClusterRoleBinding without one (rule.go `appliesToUser`: such a subject never matches).
 */
export function subjectNamespace(subject: Subject, bindingNamespace: string): string {
  return subject.namespace !== '' ? subject.namespace : bindingNamespace;
}

/**
 * Whom a subject of a binding in `bindingNamespace` ('' for a ClusterRoleBinding) names (rule.go
 * `appliesToUser`): a username (User by name, ServiceAccount by its username), a group, or nobody.
 */
export function subjectNames(
  subject: Subject,
  bindingNamespace: string,
): { readonly user: string } | { readonly group: string } | undefined {
  switch (subject.kind) {
    case 'User':
      return { user: subject.name };
    case 'Group':
      return { group: subject.name };
    case 'ServiceAccount': {
      const namespace = subjectNamespace(subject, bindingNamespace);
      return namespace === '' ? undefined : { user: serviceAccountUsername(namespace, subject.name) };
    }
    default:
      return undefined;
  }
}

/** Whether a subject of a binding in `bindingNamespace` names the user, by name or group ({@link subjectNames}). */
export function subjectAppliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  const names = subjectNames(subject, bindingNamespace);
  if (names === undefined) return false;
  return 'user' in names ? user.name === names.user : user.groups.includes(names.group);
}

/** A subject as people write it: `User alice`, `Group system:masters`, `ServiceAccount ns/name`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    const namespace = subjectNamespace(subject, bindingNamespace);
    return `ServiceAccount ${namespace === '' ? '<no namespace>' : namespace}/${subject.name}`;
  }
  return `${subject.kind === '' ? '<no kind>' : subject.kind} ${subject.name}`;
}
