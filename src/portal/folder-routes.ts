/**
 * /clients/:id/folders and /folders/:id: an entity's folders. Staff with the files rights on the
 * client manage them; a contact sees only the folders that lead to a file they may see.
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { idParams, noContent } from "../http/schemas.js";
import { addFolder, editFolder, listFolders, removeFolder } from "./folder-service.js";

const tags = ["files"];
const folderSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const name = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\0/\\]*$/, "may not contain / \\ or NUL");

export const registerFolderRoutes: RouteModule = (app, deps) => {
  app.get(
    "/clients/:id/folders",
    {
      config: { permission: "files:R" },
      schema: {
        tags,
        summary: "A client's folders, flat, each naming its parent",
        description: "Staff see every folder; a contact only those leading to a file they may see.",
        params: idParams,
        response: { 200: z.object({ items: z.array(folderSchema) }) },
      },
    },
    async (request) => ({
      items: await listFolders(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
      ),
    }),
  );

  app.post(
    "/clients/:id/folders",
    {
      config: { permission: "files:C" },
      schema: {
        tags,
        summary: "Make a folder",
        description: "Staff with files:C on the client. Names are unique among siblings, ignoring case.",
        params: idParams,
        body: z.object({ name, parentId: z.uuid().nullable().default(null) }).strict(),
        response: { 201: folderSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply
        .code(201)
        .send(await addFolder(deps.store.db, scope, request.actor, request.params.id, request.body));
    },
  );

  app.patch(
    "/folders/:id",
    {
      config: { permission: "files:E" },
      schema: {
        tags,
        summary: "Rename or move a folder",
        description: "Staff with files:E on the client; never into itself or one of its subfolders.",
        params: idParams,
        body: z.object({ name: name.optional(), parentId: z.uuid().nullable().optional() }).strict(),
        response: { 200: folderSchema },
      },
    },
    (request) =>
      editFolder(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
        request.body,
      ),
  );

  app.delete(
    "/folders/:id",
    {
      config: { permission: "files:D" },
      schema: {
        tags,
        summary: "Delete an empty folder",
        description:
          "Staff with files:D on the client; a folder that holds files or folders is refused (409 IN_USE).",
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await removeFolder(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
      );
      return reply.code(204).send(null);
    },
  );
};
