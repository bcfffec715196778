/** Where the app is: a firm's pages live under /f/{slug}/, the firm finder at the root. */
export function firmSlugOf(pathname: string): string | null {
  const match = /^\/f\/([^/]+)(?:\/|$)/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export const firmHome = (slug: string) => `/f/${encodeURIComponent(slug)}/`;
