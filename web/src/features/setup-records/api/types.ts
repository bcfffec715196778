/** The API's shapes for the firm's records, taken from the generated OpenAPI types. */
import type { paths } from "../../../api/schema";

type Ok<P extends keyof paths, M extends "get" | "post" | "patch"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { "application/json": infer T } } } }
    ? T
    : never;
type Body<P extends keyof paths, M extends "post" | "patch"> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer T } };
}
  ? T
  : never;
type Query<P extends keyof paths> = paths[P]["get"] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

export type Client = Ok<"/clients/{id}", "get">;
export type ClientInput = Body<"/clients", "post">;
export type ClientChange = Body<"/clients/{id}", "patch">;
export type ClientQuery = Query<"/clients">;

export type Project = Ok<"/projects/{id}", "get">;
export type ProjectInput = Body<"/projects", "post">;
export type ProjectChange = Body<"/projects/{id}", "patch">;
export type ProjectQuery = Query<"/projects">;

export type Contact = Ok<"/contacts/{id}", "get">;
export type ContactInput = Body<"/contacts", "post">;
export type ContactChange = Body<"/contacts/{id}", "patch">;
export type ContactQuery = Query<"/contacts">;

export type ContactCompany = Ok<"/contact-companies/{id}", "get">;
export type ContactCompanyInput = Body<"/contact-companies", "post">;
export type ContactCompanyQuery = Query<"/contact-companies">;

export type WorkCode = Ok<"/work-codes/{id}", "get">;
export type WorkCodeInput = Body<"/work-codes", "post">;
export type WorkCodeChange = Body<"/work-codes/{id}", "patch">;
export type WorkCodeQuery = Query<"/work-codes">;

export type Rate = Ok<"/rates/{id}", "get">;
export type RateInput = Body<"/rates", "post">;
export type RateQuery = Query<"/rates">;

export type Staff = Ok<"/staff/{id}", "get">;

export type ImportKind = "workcodes" | "staff" | "clients" | "contacts" | "time" | "expenses";
export type ImportResult = Ok<"/imports/clients", "post">;
export type ImportBody = Body<"/imports/clients", "post">;

/** A page of a list, as every list route answers. */
export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
