// Where the server's CPU went: a V8 CPU profile (node --cpu-prof) summed by self time per package
// (node_modules/<name>), our own code, Node's internals, and V8's own buckets (GC, idle). The
// bench prints it with BENCH_PROFILE=1, so "what limits throughput" is read off, not guessed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

function bucketOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes("/.next/server/chunks/")) return "our code and inlined packages (.next chunks)";
  return "other";
}

/** Share of samples per bucket, largest first, over every profile in `dir`. */
export function summarizeProfiles(dir: string, top = 12): Array<{ where: string; percent: number }> {
  const hits = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { nodes: ProfileNode[] };
    for (const node of profile.nodes) {
      const count = node.hitCount ?? 0;
      total += count;
      const bucket = bucketOf(node);
      hits.set(bucket, (hits.get(bucket) ?? 0) + count);
    }
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, count]) => ({ where, percent: Math.round((count / Math.max(1, total)) * 1000) / 10 }));
}
