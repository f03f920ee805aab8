/// <reference lib="dom" />
// The "Enquêtes" panel of GraphiQL's sidebar: the saved investigations of the agent's service and the shared ones.
// Clicking one loads its document and variables (relative dates resolved) into the editors and runs it; the
// current document can be saved as a new investigation of the agent's service. ExportButtons (in GraphiQL's footer)
// export the result on screen to CSV or JSON.
import { type GraphiQLPlugin, useGraphiQL, useGraphiQLActions } from "@graphiql/react";
import { parse } from "graphql";
import { createElement as h, useCallback, useEffect, useState } from "react";
import { graphql } from "./api.ts";
import { exportFileName, toCsv, toJson } from "./exportResult.ts";
import { resolveRelativeDates } from "./relativeDates.ts";

export interface Investigation {
  id: string;
  name: string;
  description: string;
  operation: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  service: string;
  visibility: "SERVICE" | "ALL_STAFF";
  shipped: boolean;
  editable: boolean;
}

const LIST = /* GraphQL */ `query ExplorerInvestigations {
  investigations(first: 100) {
    edges { node { id name description operation operationName variables service visibility shipped editable } }
  }
}`;

const SAVE = /* GraphQL */ `mutation ExplorerSaveInvestigation($input: SaveInvestigationInput!) {
  saveInvestigation(input: $input) {
    __typename
    ... on InvestigationSaved { investigation { id name } }
    ... on Problem { message }
  }
}`;

const DELETE = /* GraphQL */ `mutation ExplorerDeleteInvestigation($id: ID!) {
  deleteInvestigation(id: $id) { __typename ... on Problem { message } }
}`;

/** The investigation last loaded, to name exported files. */
let lastLoaded = "resultat";

const OPEN_KEY = "parvis.explorer.open";

/** A shared link (/explorer?investigation=<id>) opens that investigation, even after the sign-in round trip. */
export function rememberSharedInvestigation(): void {
  const id = new URLSearchParams(location.search).get("investigation");
  if (id && /^[0-9a-f-]{36}$/i.test(id)) sessionStorage.setItem(OPEN_KEY, id);
  if (location.search) history.replaceState(null, "", location.pathname);
}

export const shareLink = (investigation: Investigation) =>
  `${location.origin}/explorer?investigation=${encodeURIComponent(investigation.id)}`;

function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** CSV and JSON export of the response on screen (no second request). */
export function ExportButtons() {
  const responseEditor = useGraphiQL((state) => state.responseEditor);
  const [notice, setNotice] = useState<string | null>(null);
  const exportAs = (kind: "csv" | "json") => {
    let result: { data?: unknown } | undefined;
    try {
      result = JSON.parse(responseEditor?.getValue() || "null") ?? undefined;
    } catch {
      result = undefined;
    }
    if (!result?.data) {
      setNotice("Lancez d'abord une requête : il n'y a pas de résultat à exporter.");
      return;
    }
    setNotice(null);
    if (kind === "csv")
      download(toCsv(result.data), "text/csv;charset=utf-8", exportFileName(lastLoaded, "csv"));
    else download(toJson(result), "application/json", exportFileName(lastLoaded, "json"));
  };
  return h(
    "div",
    { className: "parvis-export" },
    h(
      "button",
      { type: "button", onClick: () => exportAs("csv"), "data-testid": "export-csv" },
      "Exporter en CSV",
    ),
    h(
      "button",
      { type: "button", onClick: () => exportAs("json"), "data-testid": "export-json" },
      "Exporter en JSON",
    ),
    notice ? h("p", { role: "status" }, notice) : null,
  );
}

function InvestigationsPanel() {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const { run, setOperationFacts, setOperationName } = useGraphiQLActions();
  const [items, setItems] = useState<Investigation[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);

  const reload = useCallback(async () => {
    const { data, errors } = await graphql<{ investigations: { edges: { node: Investigation }[] } }>(LIST);
    if (errors?.length) setMessage(errors[0]?.message ?? "Les enquêtes n'ont pas pu être lues.");
    setItems(data?.investigations.edges.map((edge) => edge.node) ?? []);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const load = (investigation: Investigation) => {
    if (!queryEditor || !variableEditor) return;
    lastLoaded = investigation.name;
    queryEditor.setValue(investigation.operation);
    variableEditor.setValue(JSON.stringify(resolveRelativeDates(investigation.variables), null, 2));
    // GraphiQL re-reads the document after a short debounce; tell it now, so the run uses this operation.
    const documentAST = parse(investigation.operation);
    const operations = documentAST.definitions.filter(
      (definition) => definition.kind === "OperationDefinition",
    );
    setOperationFacts({ documentAST, operations, operationName: investigation.operationName ?? undefined });
    if (investigation.operationName) setOperationName(investigation.operationName);
    run();
  };

  // Open the investigation of a shared link once the list and the editors are there.
  useEffect(() => {
    const wanted = sessionStorage.getItem(OPEN_KEY);
    if (!wanted || !items || !queryEditor || !variableEditor) return;
    sessionStorage.removeItem(OPEN_KEY);
    const investigation = items.find((candidate) => candidate.id === wanted);
    if (investigation) load(investigation);
    else setMessage("L'enquête de ce lien n'existe pas ou n'est pas partagée avec votre service.");
  });

  const copyLink = async (investigation: Investigation) => {
    const link = shareLink(investigation);
    try {
      await navigator.clipboard.writeText(link);
      setMessage(`Lien copié : ${link}`);
    } catch {
      setMessage(`Lien à partager : ${link}`);
    }
  };

  const save = async () => {
    if (!queryEditor) return;
    let variables: unknown = {};
    try {
      variables = JSON.parse(variableEditor?.getValue() || "{}");
    } catch {
      setMessage("Les variables ne sont pas un JSON valide.");
      return;
    }
    const { data, errors } = await graphql<{ saveInvestigation: { __typename: string; message?: string } }>(
      SAVE,
      {
        input: {
          name,
          operation: queryEditor.getValue(),
          variables,
          visibility: shared ? "ALL_STAFF" : "SERVICE",
        },
      },
    );
    const result = data?.saveInvestigation;
    setMessage(errors?.[0]?.message ?? result?.message ?? `Enquête « ${name} » enregistrée.`);
    if (result?.__typename === "InvestigationSaved") {
      setName("");
      await reload();
    }
  };

  const remove = async (investigation: Investigation) => {
    if (!confirm(`Supprimer l'enquête « ${investigation.name} » ?`)) return;
    const { data, errors } = await graphql<{ deleteInvestigation: { message?: string } }>(DELETE, {
      id: investigation.id,
    });
    setMessage(errors?.[0]?.message ?? data?.deleteInvestigation.message ?? "Enquête supprimée.");
    await reload();
  };

  return h(
    "section",
    { className: "parvis-investigations", "aria-label": "Enquêtes enregistrées" },
    h("h2", null, "Enquêtes enregistrées"),
    message ? h("p", { role: "status" }, message) : null,
    items === null
      ? h("p", null, "Chargement…")
      : items.length === 0
        ? h("p", null, "Aucune enquête pour votre service.")
        : h(
            "ul",
            null,
            ...items.map((investigation) =>
              h(
                "li",
                { key: investigation.id },
                h(
                  "button",
                  {
                    type: "button",
                    className: "parvis-investigation",
                    title: "Charger et lancer",
                    // Monaco sets its editors up asynchronously: the list may show before they exist.
                    disabled: !queryEditor || !variableEditor,
                    onClick: () => load(investigation),
                  },
                  investigation.name,
                ),
                h(
                  "small",
                  null,
                  investigation.visibility === "ALL_STAFF"
                    ? `partagée (${investigation.service})`
                    : investigation.service,
                ),
                h("p", null, investigation.description),
                h(
                  "button",
                  { type: "button", className: "parvis-link", onClick: () => copyLink(investigation) },
                  "Copier le lien",
                ),
                investigation.editable
                  ? h(
                      "button",
                      { type: "button", className: "parvis-link", onClick: () => remove(investigation) },
                      "Supprimer",
                    )
                  : null,
              ),
            ),
          ),
    h(
      "form",
      {
        className: "parvis-save",
        onSubmit: (event: Event) => {
          event.preventDefault();
          void save();
        },
      },
      h("h3", null, "Enregistrer la requête actuelle"),
      h("input", {
        "aria-label": "Nom de l'enquête",
        placeholder: "Nom de l'enquête",
        value: name,
        minLength: 3,
        maxLength: 120,
        required: true,
        onChange: (event: Event) => setName((event.target as HTMLInputElement).value),
      }),
      h(
        "label",
        null,
        h("input", {
          type: "checkbox",
          checked: shared,
          onChange: (event: Event) => setShared((event.target as HTMLInputElement).checked),
        }),
        " partager avec tous les agents",
      ),
      h("button", { type: "submit" }, "Enregistrer"),
    ),
  );
}

function InvestigationsIcon() {
  return h(
    "svg",
    {
      viewBox: "0 0 24 24",
      width: 20,
      height: 20,
      "aria-hidden": true,
      fill: "none",
      stroke: "currentColor",
    },
    h("circle", { cx: 10, cy: 10, r: 6, strokeWidth: 2 }),
    h("path", { d: "M15 15l6 6", strokeWidth: 2 }),
  );
}

export const investigationsPlugin: GraphiQLPlugin = {
  title: "Enquêtes",
  icon: InvestigationsIcon,
  content: InvestigationsPanel,
};
