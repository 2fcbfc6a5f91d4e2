#!/usr/bin/env node
// Offline validator for the rendered Tasvie manifests (the output of `kubectl kustomize`).
//
//   node deploy/k8s-check/check.mjs [--profile production|local] FILE...
//
// Each FILE is one multi-document YAML stream, checked as one set (cross-references such as
// Deployment -> PodDisruptionBudget are looked up within the same file). For every document:
//
//  1. Schema. Core kinds are validated with kubernetes-models (the Kubernetes OpenAPI schemas);
//     an apiVersion/kind it does not know is an error. The operators' custom resources (Strimzi
//     kafka.strimzi.io/v1beta2, CloudNativePG postgresql.cnpg.io/v1) are validated with the
//     hand-written JSON Schemas in schemas/, a strict SUBSET of the operators' CRDs covering the
//     fields Tasvie uses. Kubernetes' own schemas are open (unknown fields pass here; the API
//     server's strict field validation catches them), the subsets are closed where the CRDs are.
//     A document that fails its schema is not checked further.
//  2. Policy. Images pinned (a tag that is not "latest", or a digest); cpu and memory requests and
//     limits; startup, liveness and readiness probes; non-root, read-only root filesystem, no
//     privilege escalation, all capabilities dropped; no Secret with data (secrets are never in
//     git); every Deployment covered by a PodDisruptionBudget that does not block drains, a
//     HorizontalPodAutoscaler and a NetworkPolicy; references between documents resolve; Kafka
//     topics' replicas and min.insync.replicas consistent with each other and the brokers; CNPG
//     synchronous replication consistent with the instances. --profile production adds: at least
//     2 replicas per Deployment (or HPA minReplicas), topics with replicas >= 3 and
//     min.insync.replicas = 2, unclean leader election off, at least 3 brokers, PostgreSQL with at
//     least 2 instances, synchronous replication and scheduled backups.
//
// Output: one line per problem, "<file>: <kind>/<name>: <problem>", then a summary line.
// Exit status: 0 no problem, 1 problems, 2 usage error.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadAll, YAML11_SCHEMA } from "js-yaml";
import Ajv2020 from "ajv/dist/2020.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROFILES = ["local", "production"];
const USAGE = "usage: node deploy/k8s-check/check.mjs [--profile production|local] FILE...";

// ---------------------------------------------------------------------------------------------
// Schemas

// The custom resources we have schemas for: apiVersion -> kind -> schema file in schemas/.
const CUSTOM_SCHEMAS = {
  "kafka.strimzi.io/v1beta2": {
    Kafka: "strimzi-kafka.json",
    KafkaNodePool: "strimzi-kafkanodepool.json",
    KafkaTopic: "strimzi-kafkatopic.json",
    KafkaUser: "strimzi-kafkauser.json",
  },
  "postgresql.cnpg.io/v1": {
    Cluster: "cnpg-cluster.json",
    Database: "cnpg-database.json",
    ScheduledBackup: "cnpg-scheduledbackup.json",
  },
};
const CUSTOM_GROUPS = new Set(Object.keys(CUSTOM_SCHEMAS).map((v) => v.split("/")[0]));

function loadSchemas() {
  // Strict (unknown keywords or formats in a schema are errors), except strictRequired, which
  // would refuse the "if type is X then require Y" idiom the schemas use.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const read = (file) => JSON.parse(readFileSync(path.join(HERE, "schemas", file), "utf8"));
  ajv.addSchema(read("common.json"));
  const validators = {};
  for (const [apiVersion, kinds] of Object.entries(CUSTOM_SCHEMAS)) {
    validators[apiVersion] = {};
    for (const [kind, file] of Object.entries(kinds)) {
      validators[apiVersion][kind] = ajv.compile(read(file));
    }
  }
  return validators;
}

// kubernetes-models exports one module per group/version ("apps/v1" -> kubernetes-models/apps/v1,
// the core "v1" -> kubernetes-models/v1) with one class per kind.
const coreModules = new Map();
async function coreModule(apiVersion) {
  if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    return null;
  }
  if (!coreModules.has(apiVersion)) {
    let mod = null;
    try {
      mod = await import(`kubernetes-models/${apiVersion}`);
    } catch (e) {
      if (!["ERR_PACKAGE_PATH_NOT_EXPORTED", "ERR_MODULE_NOT_FOUND"].includes(e.code)) throw e;
    }
    coreModules.set(apiVersion, mod);
  }
  return coreModules.get(apiVersion);
}

// "/spec/template/spec/containers/0/image" -> "spec.template.spec.containers[0].image"
function displayPath(pointer) {
  if (!pointer) return "(document)";
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^[0-9]+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$-][\w$-]*$/.test(seg)) out += (out ? "." : "") + seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function valueAt(doc, pointer) {
  let v = doc;
  for (const raw of (pointer || "").split("/").slice(1)) {
    if (v == null) return undefined;
    v = v[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

// ajv errors (kubernetes-models uses ajv too) -> one message per offending location.
function schemaMessages(doc, errors) {
  const byPath = new Map();
  for (const e of errors) {
    if (e.keyword === "if") continue; // repeated by the failing "then"
    if (!byPath.has(e.instancePath)) byPath.set(e.instancePath, []);
    byPath.get(e.instancePath).push(e);
  }
  const messages = [];
  for (const [pointer, errs] of byPath) {
    const where = displayPath(pointer);
    const got = JSON.stringify(valueAt(doc, pointer));
    const alternatives = errs.some((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
    const texts = [...new Set(errs.filter((e) => !["oneOf", "anyOf"].includes(e.keyword)).map(describe))];
    if (alternatives) {
      messages.push(`${where}: ${got} is not valid (${texts.join("; ") || "matches no allowed form"})`);
    } else {
      for (const text of texts) messages.push(`${where}: ${text}`);
    }
  }
  return messages;

  function describe(e) {
    const got = JSON.stringify(valueAt(doc, e.instancePath));
    switch (e.keyword) {
      case "additionalProperties":
        return `unknown field "${e.params.additionalProperty}"`;
      case "required":
        return `required field "${e.params.missingProperty}" is missing`;
      case "enum":
        return `${got} is not one of ${e.params.allowedValues.join(", ")}`;
      case "const":
        return `must be ${JSON.stringify(e.params.allowedValue)}, not ${got}`;
      case "type":
        return `must be ${e.params.type}, not ${got}`;
      default:
        return `${e.message}${["pattern", "format", "minimum", "maximum"].includes(e.keyword) ? ` (${got})` : ""}`;
    }
  }
}

async function schemaProblems(doc, validators) {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind must be set"];
  }
  const custom = validators[apiVersion];
  if (custom) {
    const validate = custom[kind];
    if (!validate) return [`unknown kind ${kind} in ${apiVersion} (no schema in deploy/k8s-check/schemas)`];
    return validate(doc) ? [] : schemaMessages(doc, validate.errors);
  }
  if (CUSTOM_GROUPS.has(apiVersion.split("/")[0])) {
    return [`unsupported apiVersion ${apiVersion} (the schemas cover ${Object.keys(CUSTOM_SCHEMAS).join(", ")})`];
  }
  const mod = await coreModule(apiVersion);
  if (!mod) return [`unknown apiVersion ${apiVersion}`];
  const Model = mod[kind];
  if (typeof Model !== "function" || Model.kind !== kind || Model.apiVersion !== apiVersion) {
    return [`unknown kind ${kind} in ${apiVersion}`];
  }
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    if (Array.isArray(e.errors)) return schemaMessages(doc, e.errors);
    return [`invalid: ${e.message}`];
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the policy checks

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];
const LONG_RUNNING = ["Deployment", "StatefulSet", "DaemonSet"];

function podTemplate(doc) {
  switch (doc.kind) {
    case "Pod":
      return { metadata: doc.metadata, spec: doc.spec };
    case "CronJob":
      return doc.spec?.jobTemplate?.spec?.template;
    default:
      return WORKLOADS.includes(doc.kind) ? doc.spec?.template : undefined;
  }
}

const nsOf = (doc) => doc.metadata?.namespace ?? "";
const nameOf = (doc) => doc.metadata?.name ?? "?";
const idOf = (doc) => `${doc.kind ?? "?"}/${nameOf(doc)}`;

// Kubernetes label selector semantics (matchLabels and matchExpressions); an empty selector
// matches everything, a missing one nothing.
function selects(selector, labels = {}) {
  if (selector == null) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === "In" && !(has && values.includes(labels[key]))) return false;
    if (operator === "NotIn" && has && values.includes(labels[key])) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}

// A plain map selector (Service.spec.selector); empty selects nothing.
function selectsMap(map, labels = {}) {
  const entries = Object.entries(map ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function imageProblem(image) {
  if (typeof image !== "string" || image === "") return "has no image";
  const at = image.indexOf("@");
  if (at >= 0) {
    return /^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1)) ? null : `image ${image} has a malformed digest`;
  }
  const last = image.slice(image.lastIndexOf("/") + 1);
  const colon = last.lastIndexOf(":");
  if (colon < 0) return `image ${image} has no tag (pin a version or a digest)`;
  const tag = last.slice(colon + 1);
  if (tag === "latest") return `image ${image} uses the tag latest (pin a version or a digest)`;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) return `image ${image} has an invalid tag`;
  return null;
}

const asInt = (v) => (typeof v === "number" ? v : typeof v === "string" && /^-?[0-9]+$/.test(v) ? Number(v) : undefined);
const asBool = (v) => (v === true || v === "true" ? true : v === false || v === "false" ? false : undefined);

// ---------------------------------------------------------------------------------------------
// Policy checks over one file's valid documents. report(doc, message).

function checkContainers(doc, report) {
  const template = podTemplate(doc);
  const pod = template?.spec;
  if (!pod) return;
  const podSecurity = pod.securityContext ?? {};
  const groups = [
    ["container", pod.containers ?? []],
    ["initContainer", pod.initContainers ?? []],
  ];
  for (const [what, containers] of groups) {
    for (const c of containers) {
      const who = `${what} ${c.name}`;
      const image = imageProblem(c.image);
      if (image) report(doc, `${who}: ${image}`);

      const missing = [];
      for (const part of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (c.resources?.[part]?.[resource] == null) missing.push(`${part}.${resource}`);
        }
      }
      if (missing.length) report(doc, `${who}: resources not set: ${missing.join(", ")}`);

      if (what === "container" && LONG_RUNNING.includes(doc.kind)) {
        const probes = ["startupProbe", "livenessProbe", "readinessProbe"].filter((p) => c[p] == null);
        if (probes.length) report(doc, `${who}: no ${probes.join(", ")}`);
      }

      const sc = c.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? podSecurity.runAsNonRoot;
      if (nonRoot !== true) report(doc, `${who}: runAsNonRoot is ${nonRoot === false ? "false" : "not set"} (must be true)`);
      if ((sc.runAsUser ?? podSecurity.runAsUser) === 0) report(doc, `${who}: runs as root (runAsUser 0)`);
      if (sc.privileged === true) report(doc, `${who}: is privileged`);
      if (sc.readOnlyRootFilesystem !== true) report(doc, `${who}: readOnlyRootFilesystem is not true`);
      if (sc.allowPrivilegeEscalation !== false) report(doc, `${who}: allowPrivilegeEscalation is not false`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) report(doc, `${who}: capabilities.drop does not include ALL`);
    }
  }
}

function checkSet(docs, profile, report) {
  const production = profile === "production";
  const of = (kind) => docs.filter((d) => d.kind === kind);
  const find = (kind, ns, name) => docs.find((d) => d.kind === kind && nsOf(d) === ns && nameOf(d) === name);

  // Duplicates.
  const seen = new Set();
  for (const d of docs) {
    const key = `${d.apiVersion?.split("/")[0]}|${d.kind}|${nsOf(d)}|${nameOf(d)}`;
    if (seen.has(key)) report(d, "defined twice");
    seen.add(key);
  }

  // Secrets never carry values in the manifests.
  for (const s of of("Secret")) {
    const keys = [...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})];
    if (keys.length) {
      report(s, `Secret with data (${keys.join(", ")}): secrets are never in git; create them with deploy/k8s-secrets`);
    }
  }

  // Containers of every workload.
  for (const d of docs.filter((d) => WORKLOADS.includes(d.kind))) checkContainers(d, report);

  // ConfigMaps the pods refer to must be in the set (Secrets are not, by design).
  for (const d of docs.filter((d) => WORKLOADS.includes(d.kind))) {
    const pod = podTemplate(d)?.spec ?? {};
    const refs = [];
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      for (const e of c.envFrom ?? []) if (e.configMapRef) refs.push(e.configMapRef);
      for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) refs.push(e.valueFrom.configMapKeyRef);
    }
    for (const v of pod.volumes ?? []) if (v.configMap) refs.push(v.configMap);
    for (const ref of refs) {
      if (ref.optional !== true && !find("ConfigMap", nsOf(d), ref.name)) {
        report(d, `refers to ConfigMap ${ref.name}, which is not in the manifests`);
      }
    }
  }

  // Deployments: PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, replicas.
  const hpas = of("HorizontalPodAutoscaler");
  for (const dep of of("Deployment")) {
    const ns = nsOf(dep);
    const labels = podTemplate(dep)?.metadata?.labels ?? {};
    const hpa = hpas.find(
      (h) =>
        nsOf(h) === ns &&
        h.spec?.scaleTargetRef?.kind === "Deployment" &&
        h.spec?.scaleTargetRef?.name === nameOf(dep) &&
        (h.spec?.scaleTargetRef?.apiVersion ?? "apps/v1") === "apps/v1",
    );
    if (!hpa) report(dep, "no HorizontalPodAutoscaler targets it");
    const least = hpa ? (hpa.spec.minReplicas ?? 1) : (dep.spec?.replicas ?? 1);

    const pdbs = of("PodDisruptionBudget").filter((p) => nsOf(p) === ns && selects(p.spec?.selector, labels));
    if (!pdbs.length) report(dep, "no PodDisruptionBudget selects its pods");
    for (const pdb of pdbs) {
      const { maxUnavailable, minAvailable } = pdb.spec ?? {};
      if (maxUnavailable === 0 || maxUnavailable === "0%") {
        report(pdb, "maxUnavailable 0 blocks every drain");
      } else if (minAvailable === "100%" || (typeof minAvailable === "number" && minAvailable >= least)) {
        report(pdb, `minAvailable ${minAvailable} blocks drains while ${idOf(dep)} runs ${least} replica(s)`);
      }
    }

    const policies = of("NetworkPolicy").filter((p) => nsOf(p) === ns && selects(p.spec?.podSelector, labels));
    if (!policies.length) report(dep, "no NetworkPolicy selects its pods");

    if (production) {
      const replicas = dep.spec?.replicas;
      if (!((replicas ?? 0) >= 2 || (hpa?.spec?.minReplicas ?? 0) >= 2)) {
        report(dep, `fewer than 2 replicas in production (replicas ${replicas ?? "unset"}, HPA minReplicas ${hpa?.spec?.minReplicas ?? "unset"})`);
      }
    }
  }
  for (const h of hpas) {
    const ref = h.spec?.scaleTargetRef ?? {};
    if (ref.kind === "Deployment" && !find("Deployment", nsOf(h), ref.name)) {
      report(h, `targets Deployment/${ref.name}, which is not in the manifests`);
    }
    if ((h.spec?.minReplicas ?? 1) > h.spec?.maxReplicas) report(h, "minReplicas is above maxReplicas");
  }

  // Services select pods of the set; Ingress backends exist.
  const podLabels = docs.filter((d) => WORKLOADS.includes(d.kind)).map((d) => [nsOf(d), podTemplate(d)?.metadata?.labels ?? {}]);
  for (const svc of of("Service")) {
    if (svc.spec?.selector && !podLabels.some(([ns, l]) => ns === nsOf(svc) && selectsMap(svc.spec.selector, l))) {
      report(svc, "its selector matches no pods of the manifests");
    }
  }
  for (const ing of of("Ingress")) {
    const backends = [ing.spec?.defaultBackend, ...(ing.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
    for (const b of backends.filter((b) => b?.service)) {
      const svc = find("Service", nsOf(ing), b.service.name);
      if (!svc) {
        report(ing, `backend Service ${b.service.name} is not in the manifests`);
        continue;
      }
      const port = b.service.port ?? {};
      const ok = (svc.spec?.ports ?? []).some((p) => (port.name != null ? p.name === port.name : p.port === port.number));
      if (!ok) report(ing, `backend Service ${b.service.name} has no port ${port.name ?? port.number}`);
    }
  }

  // Kafka (Strimzi).
  const kafkas = of("Kafka");
  const pools = of("KafkaNodePool");
  const clusterOf = (d) => d.metadata?.labels?.["strimzi.io/cluster"];
  const brokersOf = (kafka) =>
    pools
      .filter((p) => nsOf(p) === nsOf(kafka) && clusterOf(p) === nameOf(kafka) && (p.spec?.roles ?? []).includes("broker"))
      .reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
  for (const kafka of kafkas) {
    const config = kafka.spec?.kafka?.config ?? {};
    const mine = pools.filter((p) => nsOf(p) === nsOf(kafka) && clusterOf(p) === nameOf(kafka));
    const brokers = brokersOf(kafka);
    if (!mine.some((p) => (p.spec?.roles ?? []).includes("controller"))) report(kafka, "no KafkaNodePool with the controller role");
    if (!mine.some((p) => (p.spec?.roles ?? []).includes("broker"))) report(kafka, "no KafkaNodePool with the broker role");
    if (!kafka.spec?.kafka?.version) report(kafka, "spec.kafka.version is not set (it would follow the operator's default)");
    for (const key of ["default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor"]) {
      const rf = asInt(config[key]);
      if (rf != null && mine.length && rf > brokers) report(kafka, `${key} ${rf} exceeds its ${brokers} broker(s)`);
    }
    const minIsr = asInt(config["min.insync.replicas"]);
    const defaultRf = asInt(config["default.replication.factor"]);
    if (minIsr != null && defaultRf != null && minIsr > defaultRf) {
      report(kafka, `min.insync.replicas ${minIsr} exceeds default.replication.factor ${defaultRf}`);
    }
    if (production) {
      if (asBool(config["unclean.leader.election.enable"]) !== false) report(kafka, "unclean.leader.election.enable must be false in production");
      if ((defaultRf ?? 1) < 3) report(kafka, `default.replication.factor ${defaultRf ?? "unset (1)"} is below 3`);
      if (minIsr !== 2) report(kafka, `min.insync.replicas ${minIsr ?? "unset (1)"} must be 2 in production`);
      if (brokers < 3) report(kafka, `${brokers} broker(s); production needs at least 3`);
    }
  }
  for (const topic of of("KafkaTopic")) {
    const kafka = kafkas.find((k) => nsOf(k) === nsOf(topic) && nameOf(k) === clusterOf(topic));
    if (kafkas.length && !kafka) report(topic, `labelled for Kafka cluster ${clusterOf(topic)}, which is not in the manifests`);
    const replicas = topic.spec?.replicas;
    const minIsr = asInt(topic.spec?.config?.["min.insync.replicas"]) ?? asInt(kafka?.spec?.kafka?.config?.["min.insync.replicas"]) ?? 1;
    if (replicas == null) {
      report(topic, "spec.replicas is not set");
    } else if (minIsr > replicas) {
      report(topic, `min.insync.replicas ${minIsr} exceeds replicas ${replicas}: every acks=all write would fail`);
    }
    if (kafka && replicas != null && replicas > brokersOf(kafka)) {
      report(topic, `replicas ${replicas} exceeds the ${brokersOf(kafka)} broker(s) of ${idOf(kafka)}`);
    }
    if (production) {
      if (!(replicas >= 3)) report(topic, `replicas ${replicas ?? "unset"} is below 3 in production`);
      if (minIsr !== 2) report(topic, `min.insync.replicas ${minIsr} must be 2 in production`);
    }
  }
  for (const pool of pools) {
    if (kafkas.length && !kafkas.some((k) => nsOf(k) === nsOf(pool) && nameOf(k) === clusterOf(pool))) {
      report(pool, `labelled for Kafka cluster ${clusterOf(pool)}, which is not in the manifests`);
    }
  }

  // PostgreSQL (CloudNativePG).
  const clusters = of("Cluster").filter((c) => c.apiVersion?.startsWith("postgresql.cnpg.io/"));
  const backups = of("ScheduledBackup");
  for (const cluster of clusters) {
    const spec = cluster.spec ?? {};
    if (!spec.imageName) {
      report(cluster, "spec.imageName is not set (PostgreSQL would follow the operator's default)");
    } else {
      const image = imageProblem(spec.imageName);
      if (image) report(cluster, `spec.imageName: ${image}`);
    }
    const sync = spec.postgresql?.synchronous;
    if (sync && sync.number >= spec.instances) {
      report(cluster, `synchronous.number ${sync.number} needs more than ${sync.number} instance(s), has ${spec.instances}`);
    }
    if (production) {
      if (!(spec.instances >= 2)) report(cluster, `${spec.instances} instance(s); production needs at least 2`);
      if (!(sync?.number >= 1) && !(spec.minSyncReplicas >= 1)) report(cluster, "no synchronous replication in production");
      if (!spec.backup?.barmanObjectStore && !spec.backup?.volumeSnapshot) report(cluster, "no backup configured in production");
      if (!backups.some((b) => nsOf(b) === nsOf(cluster) && b.spec?.cluster?.name === nameOf(cluster))) {
        report(cluster, "no ScheduledBackup in production");
      }
    }
  }
  const clusterFor = (d) => clusters.find((c) => nsOf(c) === nsOf(d) && nameOf(c) === d.spec?.cluster?.name);
  for (const db of of("Database")) {
    const cluster = clusterFor(db);
    if (clusters.length && !cluster) {
      report(db, `refers to Cluster ${db.spec?.cluster?.name}, which is not in the manifests`);
    } else if (cluster && !(cluster.spec?.managed?.roles ?? []).some((r) => r.name === db.spec?.owner)) {
      report(db, `owner ${db.spec?.owner} is not a managed role of ${idOf(cluster)}`);
    }
  }
  for (const b of backups) {
    const cluster = clusterFor(b);
    if (clusters.length && !cluster) {
      report(b, `refers to Cluster ${b.spec?.cluster?.name}, which is not in the manifests`);
    } else if (cluster && (b.spec?.method ?? "barmanObjectStore") === "barmanObjectStore" && !cluster.spec?.backup?.barmanObjectStore) {
      report(b, `method barmanObjectStore but ${idOf(cluster)} has no spec.backup.barmanObjectStore`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let args;
  try {
    args = parseArgs({
      options: { profile: { type: "string", default: "local" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const profile = args.values.profile;
  if (!PROFILES.includes(profile) || args.positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }

  const validators = loadSchemas();
  let problems = 0;
  let documents = 0;
  for (const file of args.positionals) {
    const report = (where, message) => {
      problems++;
      console.log(`${file}: ${typeof where === "string" ? where : idOf(where)}: ${message}`);
    };
    let docs;
    try {
      docs = loadAll(readFileSync(file, "utf8"), { filename: file, schema: YAML11_SCHEMA });
    } catch (e) {
      report(e.code === "ENOENT" ? "file" : "YAML", e.code === "ENOENT" ? "not found" : e.message.split("\n")[0]);
      continue;
    }
    const valid = [];
    for (const [i, doc] of docs.entries()) {
      if (doc == null) continue; // an empty document ("---" at the end)
      documents++;
      if (typeof doc !== "object" || Array.isArray(doc)) {
        report(`document ${i + 1}`, "is not a mapping");
        continue;
      }
      const messages = await schemaProblems(doc, validators);
      for (const m of messages) report(doc, m);
      if (!messages.length) valid.push(doc);
    }
    checkSet(valid, profile, report);
  }
  if (problems) {
    console.log(`${problems} problem${problems === 1 ? "" : "s"} in ${documents} documents (profile ${profile})`);
    return 1;
  }
  console.log(`ok: ${documents} documents, no problems (profile ${profile})`);
  return 0;
}

process.exitCode = await main();
