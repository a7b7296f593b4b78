/**
 * A minimal control-plane static pod manifest: one container named after the component, running
 * `command` (the component's binary, then each flag as written) from `image`.
 */
export function staticPodManifest(component: string, image: string, flags: readonly string[]): string {
  const command = [component, ...flags].map((token) => JSON.stringify(token)).join(', ');
  return `apiVersion: v1
kind: Pod
metadata: {name: ${component}, namespace: kube-system}
spec:
  containers:
    - name: ${component}
      image: ${image}
      command: [${command}]
`;
}
