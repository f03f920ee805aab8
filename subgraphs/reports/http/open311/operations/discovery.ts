// GET discovery.{xml,json} — Service Discovery: where the endpoint is, its formats and changeset.
import { z } from "zod";
import { jurisdiction, type Open311Operation } from "../operation.ts";

/** The version of this endpoint's service list and formats. */
export const CHANGESET = "2026-12-03T00:00:00Z";
export const OPEN311_PREFIX = "/open311/v2";

export const getDiscovery: Open311Operation<unknown> = {
  name: "GET_Discovery",
  method: "GET",
  resource: "discovery",
  needsApiKey: false,
  input: z.object(jurisdiction),
  async handle({ deps }) {
    return {
      root: "discovery",
      value: {
        changeset: CHANGESET,
        contact: "Eurométropole de Strasbourg — plateforme Parvis de participation citoyenne",
        key_service:
          "Les clés d'API des services partenaires sont délivrées par la Ville et l'Eurométropole de Strasbourg.",
        endpoints: [
          {
            specification: "http://wiki.open311.org/GeoReport_v2",
            url: `${deps.settings.publicBaseUrl}${OPEN311_PREFIX}`,
            changeset: CHANGESET,
            type: deps.config.NODE_ENV === "production" ? "production" : "test",
            formats: ["text/xml", "application/json"],
          },
        ],
      },
    };
  },
};
