/// <reference lib="dom" />
// The staff explorer: GraphiQL (from npm, bundled by Vite: no CDN) on the supergraph, for signed-in agents only,
// with the saved investigations panel. Not signed in: the sign-in screen (MonStrasbourg.eu, code + PKCE).
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./styles.css";
import { GraphiQL } from "graphiql";
import type { IntrospectionQuery } from "graphql";
import { Fragment, createElement as h, type ReactNode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { fetcher, loadSchema } from "./api.ts";
import { ExportButtons, investigationsPlugin, rememberSharedInvestigation } from "./investigationsPlugin.ts";
import { currentSession, endSession, type Session, startSignIn, takeNotice } from "./session.ts";

const WELCOME = `# Explorateur Parvis — réservé aux agents
#
# Le schéma fédéré (onglet « Documentation ») est entièrement décrit en français.
# Les enquêtes enregistrées de votre service sont dans le panneau « Enquêtes ».
# Toute opération qui renvoie des données personnelles est inscrite dans la piste d'audit.
query Moi {
  me { id roles }
}
`;

function SignIn({ notice }: { notice: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return h(
    "main",
    { className: "parvis-sign-in" },
    h("h1", null, "Explorateur Parvis"),
    h(
      "p",
      null,
      "L'explorateur du schéma et des enquêtes est réservé aux agents de la Ville et de l'Eurométropole.",
    ),
    notice ? h("p", { role: "alert", className: "parvis-notice" }, notice) : null,
    error ? h("p", { role: "alert", className: "parvis-notice" }, error) : null,
    h(
      "button",
      {
        type: "button",
        disabled: busy,
        onClick: () => {
          setBusy(true);
          startSignIn().catch((failure: Error) => {
            setError(failure.message);
            setBusy(false);
          });
        },
      },
      "Se connecter avec MonStrasbourg.eu",
    ),
  );
}

function Explorer({ session }: { session: Session }) {
  const [schema, setSchema] = useState<IntrospectionQuery | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadSchema().then(setSchema, (error: Error) => setFailure(error.message));
  }, []);
  const signOut = () => {
    endSession();
    location.reload();
  };
  const header: ReactNode = h(
    "header",
    { className: "parvis-header" },
    h("strong", null, "Parvis — explorateur des agents"),
    h(
      "span",
      { "data-testid": "signed-in-as" },
      `${session.staffService ?? "sans service"} · ${session.roles.join(", ")}`,
    ),
    h("button", { type: "button", onClick: signOut }, "Se déconnecter"),
  );
  if (!schema) {
    return h(
      Fragment,
      null,
      header,
      h("p", { role: failure ? "alert" : "status" }, failure ?? "Chargement du schéma…"),
    );
  }
  return h(
    Fragment,
    null,
    header,
    h(
      "div",
      { className: "parvis-graphiql" },
      h(
        GraphiQL,
        {
          fetcher,
          schema,
          plugins: [investigationsPlugin],
          visiblePlugin: investigationsPlugin,
          defaultQuery: WELCOME,
          // Queries and results stay in this tab (they may hold personal data); no headers editor for tokens.
          storage: sessionStorage,
          isHeadersEditorEnabled: false,
          shouldPersistHeaders: false,
          defaultEditorToolsVisibility: "variables",
        },
        h(GraphiQL.Logo, null, "Parvis"),
        h(GraphiQL.Footer, null, h(ExportButtons)),
      ),
    ),
  );
}

rememberSharedInvestigation();
const root = document.getElementById("root");
if (root) {
  const session = currentSession();
  createRoot(root).render(session ? h(Explorer, { session }) : h(SignIn, { notice: takeNotice() }));
}
