/**
 * Adds .openapi() to zod schemas, which OpenAPIRegistry.register() calls. Zod 4 copies prototype
 * methods onto each schema when it is made, so this must run before the schemas that get
 * registered by name are created: responses.ts imports it first.
 */
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);
