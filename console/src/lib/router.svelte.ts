/** Hash routing (`#/worker`, `#/shift/abc?x=1`), so the server needs no rewrites. */
export interface Route {
  path: string;
  query: Record<string, string>;
}

function readHash(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(search)) };
}

export const route = $state<Route>(readHash());

function sync(): void {
  const next = readHash();
  route.path = next.path;
  route.query = next.query;
}

window.addEventListener('hashchange', sync);

export function navigate(target: string, options: { replace?: boolean } = {}): void {
  const hash = '#' + target;
  if (location.hash === hash) return;
  if (options.replace) {
    history.replaceState(history.state, '', hash);
    sync();
  } else {
    location.hash = hash;
  }
}

/** Match `/employer/shift/:id` against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
