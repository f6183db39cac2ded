import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY } from '@app/auth';
import type { Role } from '@app/auth';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type OpenApiParameter = { name: string; in: 'query' | 'path' | 'header' | 'cookie'; required?: boolean; schema?: { type?: string; enum?: unknown[] } };
export type OpenApiOperation = { parameters?: OpenApiParameter[]; requestBody?: { content?: Record<string, unknown> }; tags?: string[] };
export type OpenApiDocument = { paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>> };

/** One route as the tests see it: from the OpenAPI document and from the controllers' own metadata. */
export type Route = {
  method: HttpMethod;
  /** OpenAPI form: /api/awards/{id} */
  path: string;
  /** `PATCH /api/awards/{id}` */
  key: string;
  documented: boolean;
  /** @Roles on the handler or its controller; null when any signed-in role may. */
  roles: Role[] | null;
  isPublic: boolean;
  queryParams: string[];
  pathParams: string[];
  /** The request body's media types (multipart/form-data for uploads). */
  consumes: string[];
};

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** `api/awards` + `:id/publish` -> `/api/awards/{id}/publish`; a wildcard `static/*path` -> `/static/{path}`, as @nestjs/swagger writes it */
const toOpenApiPath = (...parts: string[]) =>
  ('/' + parts.filter((p) => p && p !== '/').join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1').replace(/[:*]([A-Za-z0-9_]+)/g, '{$1}');

type Declared = { roles: Role[] | null; isPublic: boolean };

/** Every handler of every controller in the running app, with its @Roles and @Public. */
export function declaredRoutes(app: INestApplication): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const mod of app.get(ModulesContainer).values())
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!cls) continue;
      const bases: string[] = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '/');
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const paths: string[] | undefined = Reflect.getMetadata(PATH_METADATA, fn) === undefined ? undefined : ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, fn));
        if (!paths) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod].toLowerCase();
        const roles: Role[] | null = Reflect.getMetadata(ROLES_KEY, fn) ?? Reflect.getMetadata(ROLES_KEY, cls) ?? null;
        const isPublic = !!(Reflect.getMetadata(IS_PUBLIC, fn) ?? Reflect.getMetadata(IS_PUBLIC, cls));
        const verbs = method === 'all' ? METHODS : [method];
        for (const base of bases) for (const p of paths) for (const v of verbs) out.set(`${v.toUpperCase()} ${toOpenApiPath(base, p)}`, { roles, isPublic });
      }
    }
  return out;
}

/**
 * Every route of the app: each operation of the OpenAPI document joined with its declared roles,
 * plus any handler missing from the document (reported as documented: false).
 */
export function allRoutes(doc: OpenApiDocument, app: INestApplication): Route[] {
  const declared = declaredRoutes(app);
  const routes: Route[] = [];
  const seen = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      seen.add(key);
      const d = declared.get(key);
      const params = op.parameters ?? [];
      routes.push({
        method,
        path,
        key,
        documented: true,
        roles: d?.roles ?? null,
        isPublic: d?.isPublic ?? false,
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        consumes: Object.keys(op.requestBody?.content ?? {}),
      });
    }
  for (const [key, d] of declared) {
    if (seen.has(key)) continue;
    const [verb, path] = key.split(' ');
    routes.push({
      method: verb.toLowerCase() as HttpMethod,
      path,
      key,
      documented: false,
      roles: d.roles,
      isPublic: d.isPublic,
      queryParams: [],
      pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
      consumes: [],
    });
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The route's URL with each path parameter filled in. */
export const fillPath = (path: string, values: (name: string) => string) => path.replace(/\{([^}]+)\}/g, (_m, name: string) => values(name));
