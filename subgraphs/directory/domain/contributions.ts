// Rules of contributions to an organisation's record: what may be changed and how it is checked, which changes
// are effective, and when a proposal conflicts with changes made since it was written.
import type {
  EditableField,
  OrganizationChanges,
  OrganizationRecord,
  RevisionRecord,
} from "../ports/organizationStore.ts";
import { EDITABLE_FIELDS } from "../ports/organizationStore.ts";

/** A field value a contribution cannot take; `field` names it for the problem type. */
export class InvalidField extends Error {
  override name = "InvalidField";
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

const MAX_LENGTH: Record<EditableField, number> = {
  name: 200,
  acronym: 30,
  description: 5000,
  website: 500,
  email: 254,
  phone: 30,
  address: 300,
};

const LABEL: Record<EditableField, string> = {
  name: "Le nom",
  acronym: "Le sigle",
  description: "La présentation",
  website: "Le site internet",
  email: "L'adresse électronique",
  phone: "Le téléphone",
  address: "L'adresse",
};

export const NOTE_MAX_LENGTH = 500;

function checkUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * Validates and normalises the changes of a contribution: values are trimmed, an empty string clears the field
 * (except the name, which is required), absent fields are left out. Throws InvalidField.
 */
export function normalizeChanges(
  input: Partial<Record<EditableField, string | null | undefined>>,
): OrganizationChanges {
  const changes: OrganizationChanges = {};
  for (const field of EDITABLE_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const value = raw === null ? null : raw.trim() || null;
    if (field === "name" && (value === null || value.length < 2)) {
      throw new InvalidField(field, "Le nom est obligatoire (2 caractères au moins).");
    }
    if (value !== null && value.length > MAX_LENGTH[field]) {
      throw new InvalidField(field, `${LABEL[field]} ne peut dépasser ${MAX_LENGTH[field]} caractères.`);
    }
    if (value !== null && field === "website" && !checkUrl(value)) {
      throw new InvalidField(field, "Le site internet doit être une adresse http ou https.");
    }
    if (value !== null && field === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      throw new InvalidField(field, "L'adresse électronique n'est pas valide.");
    }
    if (value !== null && field === "phone" && !/^[+0-9 ().-]{4,}$/.test(value)) {
      throw new InvalidField(field, "Le téléphone ne peut contenir que des chiffres, espaces et + ( ) . -");
    }
    changes[field] = value;
  }
  return changes;
}

/** The changes that differ from the record (a proposal restating current values changes nothing). */
export function effectiveChanges(
  current: OrganizationRecord,
  changes: OrganizationChanges,
): OrganizationChanges {
  return Object.fromEntries(
    Object.entries(changes).filter(([field, value]) => current[field as EditableField] !== value),
  ) as OrganizationChanges;
}

/** Fields of the proposal that were changed by a revision made after the proposal's base version. */
export function conflictingFields(
  changes: OrganizationChanges,
  laterRevisions: readonly RevisionRecord[],
): string[] {
  const touched = new Set(laterRevisions.flatMap((revision) => Object.keys(revision.changes)));
  return Object.keys(changes).filter((field) => touched.has(field));
}

export function checkNote(note: string | null | undefined): string | null {
  const value = note?.trim() || null;
  if (value && value.length > NOTE_MAX_LENGTH) {
    throw new InvalidField("note", `Le motif ne peut dépasser ${NOTE_MAX_LENGTH} caractères.`);
  }
  return value;
}
