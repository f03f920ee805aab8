import { describe, expect, it } from "vitest";
import { escapeXml, Open311Error, render, renderErrors, toXml, w3cDate } from "./format.ts";

describe("Open311 output", () => {
  it("writes the specification's XML: declaration, item element names, empty elements for null", () => {
    const xml = toXml("service_definition", {
      service_code: "depot-sauvage",
      attributes: [
        {
          variable: true,
          code: "volume",
          datatype_description: null,
          values: [{ key: "sac", name: "Sacs" }],
        },
      ],
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<service_definition>",
        "  <service_code>depot-sauvage</service_code>",
        "  <attributes>",
        "    <attribute>",
        "      <variable>true</variable>",
        "      <code>volume</code>",
        "      <datatype_description></datatype_description>",
        "      <values>",
        "        <value>",
        "          <key>sac</key>",
        "          <name>Sacs</name>",
        "        </value>",
        "      </values>",
        "    </attribute>",
        "  </attributes>",
        "</service_definition>",
        "",
      ].join("\n"),
    );
  });

  it("escapes markup and drops characters XML cannot carry", () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>\u0000\u0007ok`)).toBe(
      "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;ok",
    );
    expect(toXml("service_requests", [{ description: "a < b" }])).toContain("<request>");
  });

  it("writes JSON as the Spark mapping: arrays for lists, null for missing values", () => {
    expect(render("json", "service_requests", [{ service_request_id: "x", status_notes: null }])).toBe(
      '[{"service_request_id":"x","status_notes":null}]',
    );
  });

  it("writes errors as the specification shows them", () => {
    const error = new Open311Error(403, "api_key invalide");
    expect(JSON.parse(renderErrors("json", error.errors))).toEqual([
      { code: 403, description: "api_key invalide" },
    ]);
    expect(renderErrors("xml", error.errors)).toContain(
      "<errors>\n  <error>\n    <code>403</code>\n    <description>api_key invalide</description>\n  </error>\n</errors>",
    );
  });

  it("formats dates the W3C way, in UTC, without fractions", () => {
    expect(w3cDate("2026-11-28T09:30:00.123+01:00")).toBe("2026-11-28T08:30:00Z");
    expect(w3cDate(null)).toBeNull();
  });
});
