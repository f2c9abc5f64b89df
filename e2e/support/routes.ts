// The app's routes as the file system declares them, so tests that must cover "every page" or
// "every API route" find new ones by themselves instead of trusting a hand-kept list.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under a folder. */
export function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

/** Every page.tsx or route.ts under a folder of app/, as a URL path with [params] filled in by `fill`. */
export function routesUnder(
  dir: string,
  file: "page.tsx" | "route.ts",
  fill: (param: string) => string,
): Array<{ path: string; source: string }> {
  return filesUnder(dir)
    .filter((f) => f.endsWith(`/${file}`))
    .map((f) => {
      const segments = relative("app", join(f, "..")).split("/").filter(Boolean);
      const path = "/" + segments.map((seg) => (seg.startsWith("[") ? fill(seg) : seg)).join("/");
      return { path, source: readFileSync(f, "utf8") };
    });
}
