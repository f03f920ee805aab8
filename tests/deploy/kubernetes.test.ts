// The Kubernetes manifests of distributed mode (deploy/manifests.ts → deploy/kubernetes/*.yaml): every object valid
// against the Kubernetes schemas, the committed files fresh, and the objects consistent with one another and with
// the image (a Service selects pods, a secret reference names a declared key, a probe a container port).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFiles, renderManifest } from "../../deploy/manifests.ts";
import { SUBGRAPH_NAMES } from "../../platform/config.ts";

const ROOT = join(import.meta.dirname, "../..");
const DIR = join(ROOT, "deploy/kubernetes");
const files = manifestFiles();
// biome-ignore lint/suspicious/noExplicitAny: plain JSON of Kubernetes objects, checked field by field below
const objects = Object.values(files).flatMap((list) => list.map((object) => object.toJSON() as any));
const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
const podTemplates = () => [...ofKind("Deployment"), ...ofKind("Job")].map((object) => object.spec.template);
const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<
  string,
  string
>;

describe("the Kubernetes manifests", () => {
  it("validate against the Kubernetes schemas", () => {
    for (const object of Object.values(files).flat()) expect(() => object.validate()).not.toThrow();
  });

  it("are committed as generated (npm run deploy:manifests)", () => {
    const committed = readdirSync(DIR).filter((file) => file.endsWith(".yaml"));
    expect(committed.sort()).toEqual(Object.keys(files).sort());
    for (const [file, list] of Object.entries(files)) {
      expect(readFileSync(join(DIR, file), "utf8"), `${file} is stale: run npm run deploy:manifests`).toBe(
        renderManifest(list),
      );
    }
  });

  it("run the gateway, every subgraph and the worker, with their Services, budgets and an autoscaler", () => {
    const deployments = ofKind("Deployment").map((d) => d.metadata.name);
    expect(deployments.sort()).toEqual(
      ["parvis-gateway", "parvis-worker", ...SUBGRAPH_NAMES.map((name) => `parvis-${name}`)].sort(),
    );
    const hpa = ofKind("HorizontalPodAutoscaler");
    expect(hpa.map((h) => h.spec.scaleTargetRef.name)).toEqual(["parvis-gateway"]);
    const budgets = ofKind("PodDisruptionBudget").map((p) => p.metadata.name);
    expect(budgets).toContain("parvis-gateway");
    for (const name of SUBGRAPH_NAMES) expect(budgets).toContain(`parvis-${name}`);
    expect(ofKind("Job").map((job) => job.spec.template.spec.containers[0].args)).toEqual([["db:migrate"]]);
  });

  it("start package.json scripts, and subgraphs by a name that exists", () => {
    for (const template of podTemplates()) {
      const [script, separator, subgraph] = template.spec.containers[0].args;
      expect(scripts[script], `${script} is a script`).toBeDefined();
      if (script === "start:subgraph") {
        expect(separator).toBe("--");
        expect(SUBGRAPH_NAMES).toContain(subgraph);
      }
    }
  });

  it("select existing pods, reference declared secrets and configuration, probe declared ports", () => {
    const secretKeys = new Map(
      ofKind("Secret").map((secret) => [
        secret.metadata.name,
        Object.keys(secret.stringData ?? secret.data ?? {}),
      ]),
    );
    const configMaps = new Set(ofKind("ConfigMap").map((map) => map.metadata.name));
    const claims = new Set(ofKind("PersistentVolumeClaim").map((claim) => claim.metadata.name));
    const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);

    for (const service of ofKind("Service")) {
      const selected = ofKind("Deployment").filter((d) =>
        matches(service.spec.selector, d.spec.template.metadata.labels),
      );
      expect(selected, `${service.metadata.name} selects one Deployment`).toHaveLength(1);
      const ports = selected[0].spec.template.spec.containers.flatMap((c: { ports?: { name: string }[] }) =>
        (c.ports ?? []).map((port) => port.name),
      );
      for (const port of service.spec.ports) expect(ports).toContain(port.targetPort);
    }
    for (const budget of ofKind("PodDisruptionBudget")) {
      const selected = ofKind("Deployment").filter((d) =>
        matches(budget.spec.selector.matchLabels, d.spec.template.metadata.labels),
      );
      expect(selected, `${budget.metadata.name} covers one Deployment`).toHaveLength(1);
    }
    for (const deployment of ofKind("Deployment")) {
      expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(
        true,
      );
    }
    for (const hpa of ofKind("HorizontalPodAutoscaler")) {
      expect(ofKind("Deployment").map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
    }

    for (const template of podTemplates()) {
      for (const volume of template.spec.volumes ?? [])
        expect(claims).toContain(volume.persistentVolumeClaim.claimName);
      for (const container of template.spec.containers) {
        for (const source of container.envFrom ?? []) expect(configMaps).toContain(source.configMapRef.name);
        for (const variable of container.env ?? []) {
          const reference = variable.valueFrom?.secretKeyRef;
          if (!reference) continue;
          expect(secretKeys.get(reference.name), `${variable.name}: secret ${reference.name}`).toContain(
            reference.key,
          );
        }
        const ports = new Set(
          (container.ports ?? []).flatMap((p: { name: string; containerPort: number }) => [
            p.name,
            p.containerPort,
          ]),
        );
        for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
          if (probe) expect(ports, `${container.name} probe port`).toContain(probe.httpGet.port);
        }
        if (container.ports?.some((p: { name: string }) => p.name === "http")) {
          expect(container.livenessProbe?.httpGet.path).toBe("/health");
          expect(container.readinessProbe?.httpGet.path).toBe("/ready");
        }
        expect(container.resources.requests).toBeDefined();
      }
    }
  });

  it("give every process each secret production requires, from the Secret, never a value in the manifests", () => {
    const signing = [
      "CALLER_SIGNING_SECRET",
      "PSEUDONYM_SECRET",
      "LEDGER_SIGNING_KEY",
      "LEDGER_TOKEN_SECRET",
    ];
    for (const template of podTemplates()) {
      const env = template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
      for (const name of [...signing, "DATABASE_URL", "REDIS_URL"]) {
        const variable = env.find((v) => v.name === name);
        expect(variable?.valueFrom, `${name} comes from the Secret`).toBeDefined();
      }
    }
    for (const secret of ofKind("Secret")) {
      for (const value of Object.values(secret.stringData ?? {})) expect(value).toBe("");
    }
    const config = ofKind("ConfigMap")[0].data as Record<string, string>;
    for (const value of Object.values(config)) expect(value).not.toContain("dev-only-");
  });
});
