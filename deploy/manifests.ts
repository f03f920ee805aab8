// The Kubernetes objects of distributed mode, built with kubernetes-models (typed, and validated against the
// Kubernetes schemas by tests/deploy/kubernetes.test.ts). `npm run deploy:manifests` writes them to
// deploy/kubernetes/*.yaml, which are committed; the test fails when they are stale. docs/operations.md says how to
// apply them. One image (deploy/Containerfile) runs every part; its arguments are the package.json script.
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { stringify } from "yaml";
import { loadConfig, SUBGRAPH_NAMES } from "../platform/config.ts";

export const IMAGE = "registry.example/parvis:0.1.0";
const APP = "parvis";
const HTTP_PORT = 4000;
const METRICS_PORT = 9464;
const CONFIG_MAP = "parvis-config";
const SECRET = "parvis-secrets";
const PHOTOS_CLAIM = "parvis-report-photos";
/** Where REPORTS_PHOTO_DIR's default (.data/report-photos, from the image's working directory /app) points. */
const PHOTOS_VOLUME = { name: "report-photos", claim: PHOTOS_CLAIM, mountPath: "/app/.data/report-photos" };

/**
 * The secret settings: every setting whose development default production refuses (platform/config.ts), plus the
 * connection URLs (they carry passwords) and the previous caller-signing key of a rotation (optional).
 */
export function secretKeys(): string[] {
  const defaults = loadConfig({}) as unknown as Record<string, unknown>;
  const refused = Object.entries(defaults)
    .filter(([, value]) => typeof value === "string" && value.includes("dev-only-"))
    .map(([key]) => key);
  return ["DATABASE_URL", "REDIS_URL", ...refused, "CALLER_SIGNING_SECRET_PREVIOUS"].sort();
}
const OPTIONAL_SECRETS = new Set(["CALLER_SIGNING_SECRET_PREVIOUS"]);

const labels = (component: string) => ({
  "app.kubernetes.io/name": APP,
  "app.kubernetes.io/component": component,
});
const serviceName = (component: string) => `${APP}-${component}`;

/** Non-secret settings shared by every part; the city's addresses are examples to replace. */
function configMap(): ConfigMap {
  return new ConfigMap({
    metadata: { name: CONFIG_MAP, labels: labels("config") },
    data: {
      NODE_ENV: "production",
      HOST: "0.0.0.0",
      PORT: String(HTTP_PORT),
      METRICS_PORT: String(METRICS_PORT),
      LOG_LEVEL: "info",
      PUBLIC_BASE_URL: "https://participer.strasbourg.example",
      // The https origins of the city's sites that call the API from a browser (production refuses the
      // development default, so a pod without it does not start).
      CORS_ORIGINS: "https://participer.strasbourg.example",
      // The ingress controller's pod range: behind it every request comes from its address, and without this the
      // per-address rate limits would count the whole city as one client. The cluster's own range replaces it.
      TRUSTED_PROXIES: "10.0.0.0/8",
      // Connections per process: 23 pods (10 subgraphs × 2, the gateway's 2, the worker) × 4 stay under
      // PostgreSQL's default max_connections (100); requests beyond a pool wait for a connection (docs/operations.md).
      DATABASE_POOL_MAX: "4",
      MONSTRASBOURG_URL: "https://monstrasbourg.example",
      STRASBOURG_EU_URL: "https://api.strasbourg.example",
      OPENDATA_URL: "https://data.strasbourg.example",
      REPORTS_GEOCODER_URL: "https://geocoder.strasbourg.example",
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [
          `SUBGRAPH_URL_${name.toUpperCase()}`,
          `http://${serviceName(name)}:${HTTP_PORT}/graphql`,
        ]),
      ),
    },
  });
}

/** The keys, with empty values: the real ones come from the cluster's secret store, never from this repository. */
function secret(): Secret {
  return new Secret({
    metadata: { name: SECRET, labels: labels("secrets") },
    type: "Opaque",
    stringData: Object.fromEntries(secretKeys().map((key) => [key, ""])),
  });
}

function environment(extra: IEnvVar[] = []): IEnvVar[] {
  const secrets: IEnvVar[] = secretKeys().map((key) => ({
    name: key,
    valueFrom: {
      secretKeyRef: { name: SECRET, key, ...(OPTIONAL_SECRETS.has(key) ? { optional: true } : {}) },
    },
  }));
  return [...secrets, ...extra];
}

function container(
  component: string,
  args: string[],
  options: { http: boolean; env?: IEnvVar[]; readinessPath?: string },
): IContainer {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: "http" },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 3,
  });
  return {
    name: component,
    image: IMAGE,
    args,
    envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
    env: environment(options.env),
    ports: [
      ...(options.http ? [{ name: "http", containerPort: HTTP_PORT }] : []),
      { name: "metrics", containerPort: METRICS_PORT },
    ],
    ...(options.http
      ? {
          // Startup can take a while (schema load, database pool); liveness only after it answered once.
          startupProbe: probe("/health", 5, 24),
          livenessProbe: probe("/health", 10, 3),
          readinessProbe: probe(options.readinessPath ?? "/ready", 5, 2),
        }
      : {}),
    resources: {
      requests: { cpu: "250m", memory: "256Mi" },
      limits: { memory: "768Mi" },
    },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    },
  };
}

function deployment(
  component: string,
  replicas: number,
  main: IContainer,
  volumes: { name: string; claim: string; mountPath: string }[] = [],
): Deployment {
  return new Deployment({
    metadata: { name: serviceName(component), labels: labels(component) },
    spec: {
      replicas,
      selector: { matchLabels: labels(component) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(component),
          annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": String(METRICS_PORT) },
        },
        spec: {
          // Lets the graceful shutdown (platform/shutdown.ts) finish the requests in flight.
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
          containers: [
            {
              ...main,
              ...(volumes.length > 0
                ? { volumeMounts: volumes.map(({ name, mountPath }) => ({ name, mountPath })) }
                : {}),
            },
          ],
          ...(volumes.length > 0
            ? {
                volumes: volumes.map(({ name, claim }) => ({
                  name,
                  persistentVolumeClaim: { claimName: claim },
                })),
              }
            : {}),
        },
      },
    },
  });
}

function service(component: string): Service {
  return new Service({
    metadata: { name: serviceName(component), labels: labels(component) },
    spec: {
      selector: labels(component),
      ports: [{ name: "http", port: HTTP_PORT, targetPort: "http" }],
    },
  });
}

function disruptionBudget(component: string): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: serviceName(component), labels: labels(component) },
    spec: { minAvailable: 1, selector: { matchLabels: labels(component) } },
  });
}

function gateway() {
  return [
    deployment(
      "gateway",
      2,
      // Ready as soon as it serves: its /ready is 503 while any one subgraph is down, and taking every gateway pod
      // out of the Service then would refuse everything, where the gateway answers the other fields (null and
      // UPSTREAM_UNAVAILABLE for that subgraph's). /ready stays the place to see each subgraph's state.
      container("gateway", ["start:gateway"], { http: true, readinessPath: "/health" }),
      // The upload and media routes (report photos) are mounted in the gateway's process by the composition root.
      [PHOTOS_VOLUME],
    ),
    service("gateway"),
    disruptionBudget("gateway"),
    new HorizontalPodAutoscaler({
      metadata: { name: serviceName("gateway"), labels: labels("gateway") },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: serviceName("gateway") },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
          },
        ],
      },
    }),
  ];
}

/**
 * A stand-alone subgraph listens on its own SUBGRAPH_URL's host and port (app/subgraph.ts): in its pod that URL
 * is 0.0.0.0 (every interface), while the others keep the Services' addresses from the ConfigMap.
 */
function subgraph(name: string) {
  const ownUrl = { name: `SUBGRAPH_URL_${name.toUpperCase()}`, value: `http://0.0.0.0:${HTTP_PORT}/graphql` };
  const photos = name === "reports" ? [PHOTOS_VOLUME] : [];
  return [
    deployment(
      name,
      2,
      container(name, ["start:subgraph", "--", name], { http: true, env: [ownUrl] }),
      photos,
    ),
    service(name),
    disruptionBudget(name),
  ];
}

/** The notifications worker serves no HTTP (claims are leased, several may run): no probes, no Service. */
function worker() {
  return [deployment("worker", 1, container("worker", ["start:worker"], { http: false }))];
}

/** Run before each roll-out (docs/operations.md); the new version's pods refuse to start until it completed. */
function migrationJob(): Job {
  const { ports: _ports, ...main } = container("migrate", ["db:migrate"], { http: false });
  return new Job({
    metadata: { name: `${APP}-migrate`, labels: labels("migrate") },
    spec: {
      backoffLimit: 2,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: labels("migrate") },
        spec: {
          restartPolicy: "Never",
          securityContext: { runAsNonRoot: true, runAsUser: 1000 },
          containers: [main],
        },
      },
    },
  });
}

/** Report photos are shared by every gateway replica (which serves the upload and media routes) and the reports
 * subgraph's: a ReadWriteMany volume. */
function photosClaim(): PersistentVolumeClaim {
  return new PersistentVolumeClaim({
    metadata: { name: PHOTOS_CLAIM, labels: labels("reports") },
    spec: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "20Gi" } } },
  });
}

/** What every kubernetes-models object offers: its schema check and its plain JSON. */
export interface KubernetesObject {
  validate(): void;
  toJSON(): unknown;
}

/** Every file of deploy/kubernetes/ and the objects it holds, in the order they are applied. */
export function manifestFiles(): Record<string, KubernetesObject[]> {
  return {
    "00-config.yaml": [configMap(), photosClaim()],
    // The keys only: applied as is it would blank the real Secret, so it is a template (docs/operations.md).
    "secret-template.yaml": [secret()],
    "10-migrate-job.yaml": [migrationJob()],
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`20-subgraph-${name}.yaml`, subgraph(name)])),
    "30-worker.yaml": worker(),
    "40-gateway.yaml": gateway(),
  };
}

const HEADER = "# Generated by `npm run deploy:manifests` from deploy/manifests.ts: do not edit by hand.\n";

/** One file: the objects as YAML documents, validated first (an invalid object is never written). */
export function renderManifest(objects: KubernetesObject[]): string {
  for (const object of objects) object.validate();
  return HEADER + objects.map((object) => stringify(object.toJSON(), { lineWidth: 0 })).join("---\n");
}
