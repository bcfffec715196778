/**
 * How a browser session travels: the cookie that carries it and the header that must repeat its
 * CSRF token on every unsafe request. Shared by the auth plugin, the sign-in routes and the CLI.
 */
export const SESSION_COOKIE = "__Host-firmtime-session";
export const CSRF_HEADER = "x-csrf-token";
