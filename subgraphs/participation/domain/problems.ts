// Expected outcomes of the participation commands: each problem's `problem` is the GraphQL type name of the
// result union member it becomes (the resolvers map it), with its French message.

export interface Problem {
  problem: string;
  message: string;
  [detail: string]: unknown;
}

export const isProblem = (value: unknown): value is Problem =>
  typeof value === "object" && value !== null && typeof (value as { problem?: unknown }).problem === "string";

export const invalid = (field: string, message: string): Problem => ({
  problem: "InvalidParticipationInput",
  field,
  message,
});

export const projectNotFound = (): Problem => ({
  problem: "ProjectNotFound",
  message: "Projet introuvable.",
});

export const consultationNotFound = (): Problem => ({
  problem: "ConsultationNotFound",
  message: "Consultation introuvable.",
});
