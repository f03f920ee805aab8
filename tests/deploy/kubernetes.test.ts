// The Kubernetes manifests of distributed mode (deploy/manifests.ts → deploy/kubernetes/*.yaml): every object valid
// against the Kubernetes schemas, the committed files fresh, and the objects consistent with one another and with
// the image (a Service selects pods, a secret reference names a declared key, a probe a container port).

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFiles, renderManifest } from "../../deploy/manifests.ts";
import { loadConfig, SUBGRAPH_NAMES } from "../../platform/config.ts";

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
          // A subgraph is ready when its database answers; the gateway as soon as it serves (its /ready is 503
          // while any subgraph is down, which would take the whole endpoint out of the Service).
          expect(container.readinessProbe?.httpGet.path).toBe(
            container.name === "gateway" ? "/health" : "/ready",
          );
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

  // An outside probe ran the manifests by hand: no pod started (the ConfigMap lacked a setting production
  // requires). Each container's environment, as the cluster gives it, must be one the configuration accepts.
  it("give each container an environment the production configuration accepts", () => {
    const config = ofKind("ConfigMap")[0].data as Record<string, string>;
    const secretValue = (key: string) =>
      key === "DATABASE_URL"
        ? "postgresql://parvis:password@postgres.example:5432/parvis"
        : key === "REDIS_URL"
          ? "redis://redis.example:6379"
          : key === "LEDGER_SIGNING_KEY"
            ? randomBytes(32).toString("base64")
            : key === "OPEN311_API_KEYS"
              ? `${randomBytes(24).toString("hex")}=fixmystreet`
              : randomBytes(48).toString("base64");
    for (const template of podTemplates()) {
      for (const container of template.spec.containers) {
        const env: Record<string, string> = { ...config };
        for (const variable of container.env ?? []) {
          if (variable.value !== undefined) env[variable.name] = variable.value;
          else if (variable.valueFrom?.secretKeyRef && !variable.valueFrom.secretKeyRef.optional)
            env[variable.name] = secretValue(variable.name);
        }
        expect(() => loadConfig(env), container.name).not.toThrow();
        // Behind the Ingress, per-address limits need the proxies' range.
        expect(loadConfig(env).TRUSTED_PROXIES.length, container.name).toBeGreaterThan(0);
      }
    }
  });

  it("mount the report photos' shared volume where the gateway (which serves uploads and media) writes them", () => {
    const gateway = ofKind("Deployment").find((object) => object.metadata.name === "parvis-gateway");
    const config = ofKind("ConfigMap")[0].data as Record<string, string>;
    const photoDir = resolve("/app", loadConfig({ ...config, NODE_ENV: "development" }).REPORTS_PHOTO_DIR);
    const mounts = gateway.spec.template.spec.containers[0].volumeMounts ?? [];
    expect(mounts.map((mount: { mountPath: string }) => mount.mountPath)).toContain(photoDir);
  });
});
