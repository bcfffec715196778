/** Matrix rows for /auth and /clients. */
import { freshSharedClient } from "./actors.js";
import {
  A,
  ACME_ONLY_READERS,
  anySignedIn,
  only,
  OUTSIDERS,
  SYSTEM_CONTENT_READERS,
  type MatrixRow,
} from "./rows.js";

let counter = 0;
const nextCode = (prefix: string) => `${prefix}${++counter}`;

export const CLIENT_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/clients",
    request: () => ({ url: `${A}/clients` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if (SYSTEM_CONTENT_READERS.includes(actor))
        return { status: 200, ids: [fx.clients.acme, fx.clients.globex] };
      if (ACME_ONLY_READERS.includes(actor)) return { status: 200, ids: [fx.clients.acme] };
      if (actor === "contactOfOtherEntity") return { status: 200, ids: [fx.clients.globex] };
      return { status: 200, ids: [] };
    },
  },
  {
    route: "GET /f/:firm/api/v1/clients/:id",
    request: (fx) => ({ url: `${A}/clients/${fx.clients.acme}` }),
    expect: only([...SYSTEM_CONTENT_READERS, ...ACME_ONLY_READERS], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/clients/:id",
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/clients/${fx.otherFirm.clientId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/clients",
    request: () => ({ url: `${A}/clients`, payload: { code: nextCode("NEW"), name: "New client" } }),
    expect: only(["admin", "entitiesAdmin", "ownerSystem", "editorSystem"], 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/clients/:id",
    request: (fx, actor) => ({
      url: `${A}/clients/${fx.clients.acme}`,
      payload: { notes: `edited by ${actor}` },
    }),
    expect: only(
      ["admin", "entitiesAdmin", "ownerSystem", "editorSystem", "ownerEntity", "editorEntity"],
      200,
      {
        hidden: ["settingsAdmin", "staffAdmin", "staffNoShare", "contactOfOtherEntity"],
      },
    ),
  },
  {
    route: "DELETE /f/:firm/api/v1/clients/:id",
    request: async (fx, _actor, server) => ({
      url: `${A}/clients/${await freshSharedClient(server, fx, nextCode("DEL"))}`,
    }),
    expect: only(["admin", "entitiesAdmin", "ownerSystem", "ownerEntity"], 204, {
      hidden: ["settingsAdmin", "staffAdmin", "staffNoShare", "contactOfOtherEntity"],
    }),
  },
];

export const AUTH_ROWS: MatrixRow[] = [
  {
    route: "POST /f/:firm/api/v1/auth/login",
    request: (_fx, actor) => ({
      url: `${A}/auth/login`,
      payload: { email: `${actor.toLowerCase()}@alpha.test`, password: "wrong password here" },
    }),
    expect: () => 401,
  },
  {
    route: "GET /f/:firm/api/v1/auth/firm",
    request: () => ({ url: `${A}/auth/firm` }),
    expect: () => 200,
  },
  {
    route: "GET /f/:firm/api/v1/auth/me",
    request: () => ({ url: `${A}/auth/me` }),
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/auth/tokens",
    request: (_fx, actor) => ({ url: `${A}/auth/tokens`, payload: { name: `extra ${actor}` } }),
    expect: anySignedIn(201),
  },
  {
    route: "GET /f/:firm/api/v1/auth/tokens",
    request: () => ({ url: `${A}/auth/tokens` }),
    expect: anySignedIn(200),
  },
  {
    route: "DELETE /f/:firm/api/v1/auth/tokens/:id",
    name: "someone else's token id",
    request: () => ({ url: `${A}/auth/tokens/00000000-0000-7000-8000-000000000000` }),
    expect: only([], 204, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/auth/logout",
    name: "bearer callers have no session to end",
    request: () => ({ url: `${A}/auth/logout` }),
    expect: anySignedIn(204),
  },
];
